// The certificate's Print button: shown only when JavaScript runs (without it, the hint explains Print).
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});

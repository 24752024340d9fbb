/*
 * The writing page: the rich-text editor (Quill) over the plain textarea, the
 * live character counter, autosave, a copy in local storage and conflicts.
 *
 * Without JavaScript the form is a textarea that posts plain text. With it,
 * the editor posts sanitized-on-the-server HTML in the same field and sets
 * body_format=html. Nothing here is inline: the page has a strict CSP.
 */
(function () {
  "use strict";

  var form = document.getElementById("writing-form");
  if (!form) {
    return;
  }
  var count = window.TsunaguCount ? window.TsunaguCount.countCharacters : function (text) { return text.length; };

  var textarea = form.querySelector("textarea[name=body]");
  var formatInput = form.querySelector("input[name=body_format]");
  var versionInput = form.querySelector("input[name=version]");
  var urlInput = form.querySelector("input[name=url]");
  var csrfInput = form.querySelector("input[name=csrfmiddlewaretoken]");
  var counter = document.getElementById("writing-counter");
  var statusBox = form.querySelector("[data-status]");
  var restoreBox = form.querySelector("[data-restore]");
  var conflictBox = form.querySelector("[data-conflict]");
  var submitButton = form.querySelector("[data-submit]");
  var initialHtml = document.getElementById("writing-initial-html");

  var autosaveUrl = form.dataset.autosaveUrl;
  var autosaveMs = Math.max(1, parseInt(form.dataset.autosaveSeconds || "30", 10)) * 1000;
  var storageKey = form.dataset.storageKey;
  var serverUpdated = parseInt(form.dataset.serverUpdated || "0", 10);
  var minChars = parseInt(form.dataset.min || "0", 10) || 0;
  var maxChars = parseInt(form.dataset.max || "0", 10) || 0;

  var quill = null;
  var composing = false;
  var dirty = false;
  var saving = false;
  var saveAgain = false;
  var inConflict = false;
  var submitting = false;

  // The editor --------------------------------------------------------------

  function startEditor() {
    if (!textarea || !window.Quill) {
      return;
    }
    var toolbar = document.getElementById("writing-toolbar");
    var holder = document.createElement("div");
    holder.className = "writing__editor";
    textarea.insertAdjacentElement("afterend", holder);
    toolbar.hidden = false;
    quill = new window.Quill(holder, {
      theme: "snow",
      modules: { toolbar: toolbar },
      // Only what the server keeps: pasted Word or Google Docs styles are dropped here already.
      formats: ["header", "bold", "italic", "underline", "strike", "list", "blockquote", "link", "code", "code-block"],
      placeholder: textarea.getAttribute("placeholder") || ""
    });
    var html = initialHtml ? initialHtml.innerHTML : "";
    if (html.trim()) {
      quill.setContents(quill.clipboard.convert({ html: html }), "silent");
    }
    var label = document.getElementById("writing-label");
    quill.root.setAttribute("role", "textbox");
    quill.root.setAttribute("aria-multiline", "true");
    if (label) {
      quill.root.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function () { quill.focus(); });
    }
    quill.root.setAttribute("aria-describedby", "writing-counter");
    var tooltipInput = holder.querySelector(".ql-tooltip input");
    if (tooltipInput) {
      tooltipInput.setAttribute("aria-label", document.querySelector(".ql-link").getAttribute("aria-label"));
    }
    textarea.hidden = true;
    textarea.setAttribute("aria-hidden", "true");
    textarea.tabIndex = -1;
    formatInput.value = "html";
    quill.root.addEventListener("compositionstart", function () { composing = true; });
    quill.root.addEventListener("compositionend", function () {
      composing = false;
      window.setTimeout(changed, 0);
    });
    quill.on("text-change", function (delta, old, source) {
      if (source !== "silent") {
        changed();
      }
    });
  }

  function editorHtml() {
    if (!quill) {
      return textarea ? textarea.value : "";
    }
    if (!quill.getText().trim()) {
      return "";
    }
    // Quill writes every space as &nbsp;; the server's text has plain spaces.
    return quill.getSemanticHTML().replace(/&nbsp;/g, " ");
  }

  function editorText() {
    return quill ? quill.getText() : textarea ? textarea.value : "";
  }

  function setEditor(body, format, text) {
    if (quill) {
      if (format === "html") {
        quill.setContents(quill.clipboard.convert({ html: body }), "silent");
      } else {
        quill.setText(text != null ? text : body, "silent");
      }
    } else if (textarea) {
      textarea.value = format === "html" ? (text != null ? text : body) : body;
    }
    changed();
  }

  function currentFormat() {
    return quill ? "html" : "text";
  }

  // The counter -------------------------------------------------------------

  function updateCounter() {
    if (!counter || composing) {
      return;
    }
    var n = count(editorText());
    counter.querySelector("[data-count]").textContent = n.toLocaleString();
    var note = counter.querySelector("[data-limit-note]");
    counter.classList.remove("is-over", "is-under");
    note.textContent = "";
    if (maxChars && n > maxChars) {
      counter.classList.add("is-over");
      note.textContent = (n - maxChars).toLocaleString() + " " + counter.dataset.textOver;
    } else if (minChars && n < minChars) {
      counter.classList.add("is-under");
      note.textContent = (minChars - n).toLocaleString() + " " + counter.dataset.textUnder;
    }
  }

  // The local copy ----------------------------------------------------------

  function readLocal() {
    try {
      return JSON.parse(window.localStorage.getItem(storageKey) || "null");
    } catch (error) {
      return null;
    }
  }

  function writeLocal(synced) {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify({
        body: editorHtml(),
        text: editorText(),
        format: currentFormat(),
        url: urlInput ? urlInput.value : "",
        version: parseInt(versionInput.value, 10) || 0,
        savedAt: Date.now(),
        synced: synced
      }));
    } catch (error) {
      // Private mode or a full quota: the server copy still works.
    }
  }

  var localTimer = null;
  function changed() {
    updateCounter();
    if (composing) {
      return;
    }
    dirty = true;
    window.clearTimeout(localTimer);
    localTimer = window.setTimeout(function () { writeLocal(false); }, 300);
  }

  function offerLocalCopy() {
    var copy = readLocal();
    if (!copy || copy.synced) {
      return;
    }
    var sameText = copy.text.trim() === editorText().trim();
    if (sameText || copy.savedAt <= serverUpdated) {
      return;
    }
    restoreBox.hidden = false;
    restoreBox.querySelector("[data-restore-accept]").addEventListener("click", function () {
      setEditor(copy.body, copy.format, copy.text);
      if (urlInput && copy.url) {
        urlInput.value = copy.url;
      }
      restoreBox.hidden = true;
      save();
    });
    restoreBox.querySelector("[data-restore-dismiss]").addEventListener("click", function () {
      restoreBox.hidden = true;
      writeLocal(true);
    });
  }

  // Saving ------------------------------------------------------------------

  function showStatus(message, isError) {
    statusBox.textContent = message;
    statusBox.classList.toggle("is-error", !!isError);
  }

  function save(options) {
    var keepalive = !!(options && options.keepalive);
    if (!autosaveUrl || inConflict || submitting) {
      return Promise.resolve();
    }
    if (saving) {
      saveAgain = true;
      return Promise.resolve();
    }
    if (!dirty) {
      return Promise.resolve();
    }
    saving = true;
    dirty = false;
    var body = editorHtml();
    var payload = JSON.stringify({
      version: parseInt(versionInput.value, 10) || 0,
      body: body,
      body_format: currentFormat(),
      url: urlInput ? urlInput.value : ""
    });
    return window.fetch(autosaveUrl, {
      method: "POST",
      credentials: "same-origin",
      keepalive: keepalive && payload.length < 60000,
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrfInput.value },
      body: payload
    }).then(function (response) {
      return response.json().then(function (data) { return { response: response, data: data }; });
    }).then(function (result) {
      var data = result.data;
      if (result.response.ok) {
        versionInput.value = data.version;
        writeLocal(!dirty);
        showStatus(form.dataset.textSaved ? form.dataset.textSaved + " " + data.saved_at_display : data.saved_at_display, false);
        form.dataset.lastSavedVersion = data.version;
      } else if (result.response.status === 409 && data.conflict) {
        dirty = true;
        showConflict(data);
      } else {
        dirty = true;
        showStatus(data.error || result.response.statusText, true);
      }
    }).catch(function () {
      dirty = true;
      showStatus(form.dataset.textOffline || "", true);
    }).then(function () {
      saving = false;
      if (saveAgain) {
        saveAgain = false;
        save();
      }
    });
  }

  function showConflict(data) {
    inConflict = true;
    showStatus(data.error, true);
    conflictBox.hidden = false;
    conflictBox.querySelector("[data-conflict-server]").value = data.server.text;
    conflictBox.querySelector("[data-conflict-yours]").value = data.yours.text;
    conflictBox.querySelector("[data-conflict-keep]").onclick = function () {
      versionInput.value = data.server.version;
      resolve();
    };
    conflictBox.querySelector("[data-conflict-server-use]").onclick = function () {
      versionInput.value = data.server.version;
      setEditor(data.server.html, "html", data.server.text);
      // Keep "your version" visible in the box until the page is left, so it can be copied.
      inConflict = false;
      dirty = false;
      writeLocal(true);
      showStatus("", false);
    };
    function resolve() {
      inConflict = false;
      conflictBox.hidden = true;
      dirty = true;
      save();
    }
  }

  // Wiring ------------------------------------------------------------------

  startEditor();
  updateCounter();
  offerLocalCopy();

  if (textarea && !quill) {
    textarea.addEventListener("compositionstart", function () { composing = true; });
    textarea.addEventListener("compositionend", function () { composing = false; changed(); });
    textarea.addEventListener("input", function (event) {
      if (!event.isComposing) {
        changed();
      }
    });
  }
  if (urlInput) {
    urlInput.addEventListener("input", changed);
  }

  window.setInterval(function () { save(); }, autosaveMs);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      writeLocal(false);
      save({ keepalive: true });
    }
  });
  window.addEventListener("pagehide", function () { writeLocal(!dirty); });
  window.addEventListener("online", function () { save(); });

  form.addEventListener("submit", function (event) {
    if (submitting) {
      event.preventDefault();
      return;
    }
    submitting = true;
    if (quill && textarea) {
      textarea.value = editorHtml();
      formatInput.value = "html";
    }
    writeLocal(false);
    var clicked = event.submitter;
    window.setTimeout(function () {
      if (submitButton) {
        submitButton.disabled = true;
      }
      if (clicked) {
        clicked.disabled = true;
      }
    }, 0);
  });

  // For tests and for a "save now" elsewhere on the page.
  form.tsunaguSave = function () { dirty = true; return save(); };
})();

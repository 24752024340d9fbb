/*
 * The review form: turn a text selection into a comment on a passage, save the
 * draft now and then, and insert saved remarks at the cursor.
 *
 * Without JavaScript the form still works: the passage is typed or pasted into
 * its field and found on the server; drafts are saved with "Save draft".
 * Offsets are counted in Unicode code points, as the server counts them.
 */
(function () {
  "use strict";

  var form = document.getElementById("review-form");
  if (!form) {
    return;
  }
  var container = document.querySelector("[data-annotatable]");
  var quoteField = form.querySelector("[data-annotation-quote]");
  var startField = form.querySelector("[data-annotation-start]");
  var endField = form.querySelector("[data-annotation-end]");
  var commentField = form.querySelector("[data-annotation-comment]");
  var selectionStatus = form.querySelector("[data-selection-status]");
  var autosaveStatus = form.querySelector("[data-autosave-status]");
  var autosaveMs = Math.max(5, parseInt(form.dataset.autosaveSeconds || "20", 10)) * 1000;

  function codePoints(text) {
    return Array.from(text).length;
  }

  // The element carrying data-start for a node inside the annotated text.
  function segmentOf(node) {
    var element = node.nodeType === Node.TEXT_NODE ? node.parentNode : node;
    while (element && element !== container) {
      if (element.dataset && element.dataset.start !== undefined) {
        return element;
      }
      element = element.parentNode;
    }
    return null;
  }

  function boundaryOffset(node, offset, isEnd) {
    if (node === container || (node.nodeType === Node.ELEMENT_NODE && !segmentOf(node))) {
      var segments = container.querySelectorAll("[data-start]");
      var child = node.childNodes[offset];
      for (var i = 0; i < segments.length; i++) {
        if (!child || child.compareDocumentPosition(segments[i]) & Node.DOCUMENT_POSITION_FOLLOWING || child === segments[i] || child.contains(segments[i])) {
          return parseInt(segments[i].dataset.start, 10);
        }
      }
      return codePoints(fullText());
    }
    var segment = segmentOf(node);
    if (!segment) {
      return null;
    }
    var base = parseInt(segment.dataset.start, 10);
    if (node.nodeType !== Node.TEXT_NODE) {
      return isEnd ? base + codePoints(segment.textContent) : base;
    }
    return base + codePoints(node.textContent.slice(0, offset));
  }

  function fullText() {
    var parts = [];
    container.querySelectorAll("[data-start]").forEach(function (segment) {
      parts.push(segment.textContent);
    });
    return parts.join("");
  }

  var jump = null;
  function showJump(visible) {
    if (!jump) {
      jump = document.createElement("button");
      jump.type = "button";
      jump.className = "button review-form__jump";
      jump.textContent = form.querySelector("#annotation-fields legend").textContent;
      jump.hidden = true;
      jump.addEventListener("click", function () {
        commentField.focus();
        jump.hidden = true;
      });
      document.body.appendChild(jump);
    }
    jump.hidden = !visible;
  }

  function onSelection() {
    var selection = window.getSelection();
    if (!container || !selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return;
    }
    var range = selection.getRangeAt(0);
    if (!container.contains(range.commonAncestorContainer) && range.commonAncestorContainer !== container) {
      return;
    }
    var start = boundaryOffset(range.startContainer, range.startOffset, false);
    var end = boundaryOffset(range.endContainer, range.endOffset, true);
    if (start === null || end === null || end <= start) {
      return;
    }
    var text = Array.from(fullText()).slice(start, end).join("");
    if (!text.trim()) {
      return;
    }
    startField.value = String(start);
    endField.value = String(end);
    quoteField.value = text;
    selectionStatus.textContent = form.dataset.textSelected;
    showJump(true);
  }

  if (container && quoteField) {
    container.addEventListener("mouseup", onSelection);
    container.addEventListener("keyup", onSelection);
    container.addEventListener("touchend", function () { window.setTimeout(onSelection, 50); });
    quoteField.addEventListener("input", function () {
      // Typed by hand: the server finds the passage by its text.
      startField.value = "";
      endField.value = "";
    });
  }

  // Saved remarks: insert at the cursor of the last text field used.
  var lastTarget = form.querySelector("textarea[name=overall_comment]");
  form.querySelectorAll("[data-bank-target]").forEach(function (field) {
    field.addEventListener("focus", function () { lastTarget = field; });
  });
  form.querySelectorAll("[data-bank-insert]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var target = lastTarget;
      var text = button.dataset.text || "";
      var before = target.value.slice(0, target.selectionStart);
      var after = target.value.slice(target.selectionEnd);
      var glue = before && !/\s$/.test(before) ? "\n" : "";
      target.value = before + glue + text + after;
      var caret = (before + glue + text).length;
      target.focus();
      target.setSelectionRange(caret, caret);
      dirty = true;
    });
  });

  // Autosave ----------------------------------------------------------------
  var dirty = false;
  var saving = false;
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("change", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; });

  function payload() {
    var data = new FormData(form);
    data.set("action", "autosave");
    data.delete("bank");
    return data;
  }

  function save(keepalive) {
    if (!dirty || saving) {
      return;
    }
    saving = true;
    dirty = false;
    fetch(form.action, {
      method: "POST",
      body: payload(),
      credentials: "same-origin",
      keepalive: !!keepalive,
      headers: { "X-Requested-With": "fetch", Accept: "application/json" }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (result.ok) {
        autosaveStatus.textContent = form.dataset.textSaved + " " + result.body.saved_at;
        autosaveStatus.classList.remove("is-error");
      } else {
        autosaveStatus.textContent = result.body.error || form.dataset.textSaveFailed;
        autosaveStatus.classList.add("is-error");
        dirty = true;
      }
    }).catch(function () {
      autosaveStatus.textContent = form.dataset.textSaveFailed;
      autosaveStatus.classList.add("is-error");
      dirty = true;
    }).then(function () {
      saving = false;
    });
  }

  window.setInterval(function () { save(false); }, autosaveMs);
  window.addEventListener("pagehide", function () { save(true); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      save(true);
    }
  });

  // After a refused post, take the reader to the list of problems.
  var errors = document.getElementById("review-errors");
  if (errors) {
    errors.focus();
  }
})();

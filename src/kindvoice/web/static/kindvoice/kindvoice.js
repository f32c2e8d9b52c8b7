/* kindvoice.js: the only first-party script. Loaded from 'self' under a
   strict CSP, so no inline handlers are needed anywhere. Works without htmx.

   It does exactly two things:
   - form[data-confirm]: ask window.confirm(form.dataset.confirm) on submit,
     and cancel the submit if the person declines.
   - button[data-copy]: copy the text of the element whose id is in
     data-copy to the clipboard, then show "Copied" on the button briefly.

   Both use event delegation on the document, so forms and buttons that htmx
   (or anything else) adds later are covered too. */
(function () {
  "use strict";

  var COPIED_LABEL = "Copied";
  var COPIED_MS = 2000;

  function closest(target, selector) {
    if (!target || typeof target.closest !== "function") {
      return null;
    }
    return target.closest(selector);
  }

  /* (a) confirm before submitting ------------------------------------ */
  function onSubmit(event) {
    var form = event.target;
    if (!form || form.tagName !== "FORM" || !form.hasAttribute("data-confirm")) {
      return;
    }
    var question = form.dataset.confirm || "Are you sure?";
    var ok = true;
    try {
      ok = window.confirm(question);
    } catch (err) {
      ok = true; /* a browser that blocks dialogs should not block the form */
    }
    if (!ok) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }

  /* (b) copy to clipboard -------------------------------------------- */
  function copyWithSelection(text) {
    /* Fallback for browsers without the async Clipboard API (or plain http). */
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (err) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  function copyText(text) {
    if (navigator.clipboard && typeof navigator.clipboard.writeText === "function" && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyWithSelection(text); }
      );
    }
    return Promise.resolve(copyWithSelection(text));
  }

  function showCopied(button) {
    if (button.dataset.copyBusy === "1") {
      return;
    }
    var original = button.textContent;
    button.dataset.copyBusy = "1";
    button.textContent = COPIED_LABEL;
    window.setTimeout(function () {
      button.textContent = original;
      delete button.dataset.copyBusy;
    }, COPIED_MS);
  }

  function onClick(event) {
    var button = closest(event.target, "button[data-copy]");
    if (!button) {
      return;
    }
    var source = document.getElementById(button.dataset.copy || "");
    if (!source) {
      return;
    }
    event.preventDefault(); /* never submit a surrounding form */
    var text = typeof source.value === "string" && source.tagName !== "BUTTON" ? source.value : source.textContent;
    text = (text || "").trim();
    if (!text) {
      return;
    }
    copyText(text).then(function (ok) {
      if (ok) {
        showCopied(button);
      }
    });
  }

  function init() {
    document.addEventListener("submit", onSubmit, true);
    document.addEventListener("click", onClick);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

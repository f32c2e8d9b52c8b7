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

/* Journal autosave: nothing typed is lost, and a finished sentence in crisis shows the safety panel. */
(function () {
  "use strict";
  var PREFIX = "kindvoice-draft:";

  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; }
    catch (e) { return ""; }
  }
  function readLocal(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function writeLocal(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; }
  }

  function forgetSaved() {
    var marker = document.querySelector("[data-forget-draft]");
    if (!marker) { return; }
    var saved = marker.getAttribute("data-forget-draft");
    try {
      for (var i = window.localStorage.length - 1; i >= 0; i--) {
        var name = window.localStorage.key(i);
        if (name && name.indexOf(PREFIX) === 0) {
          var value = readLocal(name);
          if (value && value.key === saved) { window.localStorage.removeItem(name); }
        }
      }
    } catch (e) { /* storage unavailable: nothing to forget */ }
  }

  function setup(form) {
    var textarea = form.querySelector("textarea[name=text]");
    var keyInput = form.querySelector("input[name=draft_key]");
    var status = form.querySelector(".autosave-status");
    var panel = document.getElementById("live-safety");
    if (!textarea || !keyInput) { return; }
    var storageKey = PREFIX + (form.dataset.draftEntry ? "entry-" + form.dataset.draftEntry : "new");
    var original = textarea.value;
    var timer = null;

    function say(text) { if (status) { status.textContent = text; } }

    var local = readLocal(storageKey);
    if (local && local.text && local.text.trim() && local.text !== textarea.value) {
      textarea.value = local.text;
      if (local.key) { keyInput.value = local.key; }
      var notice = document.getElementById("draft-restored");
      if (notice) {
        notice.hidden = false;
        var discard = document.getElementById("draft-discard");
        if (discard) {
          discard.addEventListener("click", function () {
            textarea.value = original;
            try { window.localStorage.removeItem(storageKey); } catch (e) { /* ignore */ }
            notice.hidden = true;
          });
        }
      }
    }

    function saveToServer() {
      var body = new URLSearchParams();
      body.set("key", keyInput.value);
      body.set("text", textarea.value);
      body.set("entry", form.dataset.draftEntry || "");
      fetch(form.dataset.autosave, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" }
      }).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (response.redirected || response.status === 401 || response.status === 403 || type.indexOf("json") === -1) {
          say("You have been logged out. Your words are safe on this device: log in again and they will be here.");
          return null;
        }
        return response.json().then(function (data) {
          if (!response.ok) { say((data.error && data.error.message) || "Not saved on the server yet; kept on this device."); return; }
          say(data.saved ? "Saved." : "");
          if (panel && data.crisis && data.crisis !== "none") { panel.hidden = false; }
        });
      }).catch(function () {
        say("Saved on this device. We will keep trying to save it on the server.");
      });
    }

    textarea.addEventListener("input", function () {
      var kept = writeLocal(storageKey, { key: keyInput.value, text: textarea.value, at: Date.now() });
      say(kept ? "Saved on this device…" : "");
      if (timer) { window.clearTimeout(timer); }
      timer = window.setTimeout(saveToServer, 1200);
    });
    window.addEventListener("online", saveToServer);
  }

  document.addEventListener("DOMContentLoaded", function () {
    forgetSaved();
    var forms = document.querySelectorAll("form[data-autosave]");
    for (var i = 0; i < forms.length; i++) { setup(forms[i]); }
  });
})();

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
    /* One key, or several separated by spaces (the steps of a practice already answered). */
    var saved = (marker.getAttribute("data-forget-draft") || "").split(/\s+/).filter(Boolean);
    try {
      for (var i = window.localStorage.length - 1; i >= 0; i--) {
        var name = window.localStorage.key(i);
        if (name && name.indexOf(PREFIX) === 0) {
          var value = readLocal(name);
          if (value && saved.indexOf(value.key) !== -1) { window.localStorage.removeItem(name); }
        }
      }
    } catch (e) { /* storage unavailable: nothing to forget */ }
  }

  function setup(form) {
    /* The journal names its draft with a key input; a practice step names it with data-draft-scope. */
    var textarea = form.querySelector("textarea[name=text]") || form.querySelector("textarea[data-autosave-text]");
    var scope = form.dataset.draftScope;
    var keyInput = form.querySelector("input[name=draft_key]") || { value: scope || "" };
    var status = form.querySelector(".autosave-status");
    var panel = document.getElementById("live-safety");
    if (!textarea || !keyInput.value) { return; }
    var storageKey = PREFIX + (scope || (form.dataset.draftEntry ? "entry-" + form.dataset.draftEntry : "new"));
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

/* Practice steps: a breathing pacer, a gentle timer, and imagery lines shown one at a time.
   Without this script (or with "reduce motion") every step still works: the pacer becomes a
   plain count in words, and all the imagery lines are shown at once. */
(function () {
  "use strict";
  var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function pacer(box) {
    var phases = [
      ["Breathe in", parseFloat(box.dataset.inhale) || 4.5, "in"],
      ["Hold", parseFloat(box.dataset.hold) || 0, "hold"],
      ["Breathe out", parseFloat(box.dataset.exhale) || 6.5, "out"]
    ].filter(function (p) { return p[1] > 0; });
    var total = parseInt(box.dataset.seconds, 10) || 120;
    var circle = box.querySelector(".pacer-circle");
    var phaseText = box.querySelector(".pacer-phase");
    var count = box.querySelector(".pacer-count");
    var button = box.querySelector("[data-pacer-toggle]");
    var running = false, elapsed = 0, phase = 0, inPhase = 0, tick = null;
    if (reduce) { box.classList.add("pacer--still"); }
    button.hidden = false;

    function show() {
      var p = phases[phase];
      phaseText.textContent = p[0];
      if (circle && !reduce) {
        circle.style.transitionDuration = p[1] + "s";
        circle.className = "pacer-circle pacer-" + p[2];
      }
    }
    /* A quarter-second tick keeps each phase its exact length (4.5 s is 4.5 s, not 4 or 5). */
    var TICK = 250;
    function step() {
      elapsed += TICK; inPhase += TICK;
      if (elapsed >= total * 1000) {
        stop();
        phaseText.textContent = "That's the time. Let your breath find its own pace, and carry on when you're ready.";
        count.textContent = "";
        button.hidden = true;
        return;
      }
      if (inPhase >= phases[phase][1] * 1000) { phase = (phase + 1) % phases.length; inPhase = 0; show(); }
      count.textContent = String(Math.floor(inPhase / 1000) + 1);
    }
    function start() { running = true; button.textContent = "Pause"; show(); count.textContent = String(Math.floor(inPhase / 1000) + 1); tick = window.setInterval(step, TICK); }
    function stop() { running = false; button.textContent = "Continue breathing"; if (tick) { window.clearInterval(tick); tick = null; } }
    button.addEventListener("click", function () { if (running) { stop(); } else { start(); } });
  }

  function timer(box) {
    var left = parseInt(box.dataset.seconds, 10) || 60;
    var clock = box.querySelector(".timer-clock");
    var status = box.querySelector(".timer-status");
    var button = box.querySelector("[data-timer-toggle]");
    var tick = null;
    button.hidden = false;
    function draw() { var m = Math.floor(left / 60), s = left % 60; clock.textContent = m + ":" + (s < 10 ? "0" : "") + s; }
    function stop() { if (tick) { window.clearInterval(tick); tick = null; } button.textContent = "Continue the timer"; }
    button.addEventListener("click", function () {
      if (tick) { stop(); status.textContent = "Paused."; return; }
      button.textContent = "Pause";
      status.textContent = "The timer is running. There's nothing you need to do.";
      tick = window.setInterval(function () {
        left -= 1; draw();
        if (left <= 0) { stop(); button.hidden = true; box.classList.add("timer--done"); status.textContent = box.dataset.endText; }
      }, 1000);
    });
    draw();
  }

  function paced(list) {
    var items = list.querySelectorAll("li");
    var controls = list.parentNode.querySelector(".paced-controls");
    if (reduce || items.length < 2 || !controls) { return; }
    var seconds = parseInt(list.dataset.seconds, 10) || 10;
    var pace = 1, shown = 1, tick = null;
    var toggle = controls.querySelector("[data-paced-toggle]");
    var select = controls.querySelector("[data-paced-pace]");
    var all = controls.querySelector("[data-paced-all]");
    controls.hidden = false;
    list.setAttribute("aria-live", "polite");
    for (var i = 1; i < items.length; i++) { items[i].hidden = true; }
    function next() {
      if (shown >= items.length) { stop(); toggle.hidden = true; return; }
      items[shown].hidden = false; shown += 1;
    }
    function run() { tick = window.setInterval(next, (seconds / pace) * 1000); toggle.textContent = "Pause"; }
    function stop() { if (tick) { window.clearInterval(tick); tick = null; } toggle.textContent = "Continue"; }
    toggle.addEventListener("click", function () { if (tick) { stop(); } else { run(); } });
    select.addEventListener("change", function () { pace = parseFloat(select.value) || 1; if (tick) { stop(); run(); } });
    all.addEventListener("click", function () { stop(); for (var j = 0; j < items.length; j++) { items[j].hidden = false; } shown = items.length; toggle.hidden = true; });
    run();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var i, found;
    found = document.querySelectorAll("[data-pacer]"); for (i = 0; i < found.length; i++) { pacer(found[i]); }
    found = document.querySelectorAll("[data-timer]"); for (i = 0; i < found.length; i++) { timer(found[i]); }
    found = document.querySelectorAll("[data-paced]"); for (i = 0; i < found.length; i++) { paced(found[i]); }
  });
})();

/* Questionnaires: every answer is saved the moment it is chosen, and on a phone the items come
   one at a time. Without this script the whole form is one page and is saved on submit. */
(function () {
  "use strict";

  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; }
    catch (e) { return ""; }
  }

  function setup(form) {
    var url = form.dataset.measureSave;
    var status = form.querySelector(".autosave-status");
    var counter = form.querySelector("[data-answered]");
    var panel = document.getElementById("live-safety");
    var items = Array.prototype.slice.call(form.querySelectorAll(".measure-item"));
    var narrow = window.matchMedia && window.matchMedia("(max-width: 40rem)").matches;
    var current = 0;

    function say(text) { if (status) { status.textContent = text; } }

    /* Every save carries every answer chosen so far, so saves that cross on the way lose nothing. */
    function save() {
      var body = new URLSearchParams();
      var chosen = form.querySelectorAll("input[type=radio]:checked");
      for (var i = 0; i < chosen.length; i++) { body.set(chosen[i].name, chosen[i].value); }
      var role = form.querySelector("input[name=role]");
      if (role) { body.set("role", role.value); }
      fetch(url, {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" }
      }).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (response.redirected || type.indexOf("json") === -1) {
          say("You have been logged out. Log in again and your earlier answers will be there.");
          return null;
        }
        return response.json().then(function (data) {
          if (!response.ok) { say((data.error && data.error.message) || "That answer was not saved."); return; }
          if (data.complete) { return; }
          say("Saved.");
          if (counter && typeof data.answered === "number") { counter.textContent = String(data.answered); }
          if (panel && data.crisis && data.crisis !== "none") { panel.hidden = false; }
        });
      }).catch(function () { say("Not saved yet: no connection. Your choice is still on the page; it will be sent when you submit."); });
    }

    function show(index) {
      current = Math.max(0, Math.min(items.length - 1, index));
      items.forEach(function (item, i) { item.hidden = i !== current; });
      var first = items[current].querySelector("input");
      if (first) { first.focus({ preventScroll: true }); }
    }

    form.addEventListener("change", function (event) {
      var input = event.target;
      if (!input || !input.name) { return; }
      save();
      if (narrow && input.type === "radio" && current < items.length - 1) {
        window.setTimeout(function () { show(current + 1); }, 350);
      }
    });

    if (narrow && items.length > 1) {
      form.classList.add("measure-form--one-at-a-time");
      items.forEach(function (item) {
        var step = item.querySelector(".measure-step");
        if (step) { step.hidden = false; }
      });
      form.addEventListener("click", function (event) {
        if (event.target.closest("[data-measure-next]")) { event.preventDefault(); show(current + 1); }
        if (event.target.closest("[data-measure-back]")) { event.preventDefault(); show(current - 1); }
      });
      var firstOpen = items.findIndex(function (item) { return !item.querySelector("input:checked"); });
      show(firstOpen === -1 ? items.length - 1 : firstOpen);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-measure-save]");
    for (var i = 0; i < forms.length; i++) { setup(forms[i]); }
  });
})();

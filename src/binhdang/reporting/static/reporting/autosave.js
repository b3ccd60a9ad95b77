// Autosave of a report draft: while typing (debounced) and when leaving the page. The server
// refuses a save made from a stale version (another tab saved newer work); the user's text
// then stays in the page and a message offers to reload. Until the server has the text, a
// copy is kept in this browser (localStorage), so a dropped line or a closed tab on a slow
// commune connection loses nothing: the next visit puts it back and saves it.
(function () {
  "use strict";
  // On the "saved elsewhere" comparison (server-rendered, or inserted below after a refused
  // autosave), editing the merged text chooses it.
  function wireConflict(root) {
    if (!root) { return; }
    root.querySelectorAll(".conflict-item").forEach(function (item) {
      var key = item.getAttribute("data-key");
      var box = item.querySelector("[name='" + key + "']");
      var edit = item.querySelector("input[type=radio][value=edit]");
      if (box && edit) { box.addEventListener("input", function () { edit.checked = true; }); }
    });
  }
  wireConflict(document.getElementById("conflict-form"));

  var form = document.getElementById("report-form");
  if (!form || !window.fetch) { return; }
  var url = form.getAttribute("data-autosave-url");
  var status = document.getElementById("save-status");
  var versionInput = document.getElementById("id_version");
  var timer = null, dirty = false, saving = false, stale = false;
  var backupKey = "binhdang-draft:" + url;

  function fields() {
    return form.querySelectorAll("textarea[name], input[type=text][name], input[inputmode][name]");
  }

  function keepCopy() {
    // The version the text was typed on: the copy is put back only onto that same version,
    // never over newer work saved from elsewhere.
    var copy = { __version: versionInput.value };
    fields().forEach(function (el) { copy[el.name] = el.value; });
    try { window.localStorage.setItem(backupKey, JSON.stringify(copy)); } catch (e) { /* full or off */ }
  }

  function dropCopy() {
    try { window.localStorage.removeItem(backupKey); } catch (e) { /* off */ }
  }

  function restoreCopy() {
    var raw = null;
    try { raw = window.localStorage.getItem(backupKey); } catch (e) { return false; }
    if (!raw) { return false; }
    var copy, restored = false;
    try { copy = JSON.parse(raw); } catch (e) { dropCopy(); return false; }
    if (copy.__version !== versionInput.value) { dropCopy(); return false; }
    fields().forEach(function (el) {
      if (Object.prototype.hasOwnProperty.call(copy, el.name) && copy[el.name] !== el.value) {
        el.value = copy[el.name];
        restored = true;
      }
    });
    if (!restored) { dropCopy(); }
    return restored;
  }

  function say(text, cls) {
    status.textContent = text;
    status.className = "save-status" + (cls ? " " + cls : "");
  }

  function payload() {
    var data = new FormData(form);
    data.delete("action");
    return data;
  }

  function showStale(message) {
    stale = true;
    say("", "stale");
    var p = document.createElement("span");
    p.textContent = message + " ";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = form.getAttribute("data-reload-label") || "Tải lại trang";
    button.addEventListener("click", function () {
      if (window.confirm(form.getAttribute("data-reload-confirm") || "")) { window.location.reload(); }
    });
    status.appendChild(p);
    status.appendChild(button);
  }

  // Both texts side by side, to choose or merge: the server's comparison form, inserted above
  // the report form, whose fields then stay as they are (what they hold is "yours").
  function showConflict(html) {
    if (!html || document.getElementById("conflict-form")) { return; }
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var panel = holder.querySelector("#conflict-form");
    if (!panel) { return; }
    form.parentNode.insertBefore(panel, form);
    fields().forEach(function (el) { el.readOnly = true; });
    wireConflict(panel);
    panel.scrollIntoView();
    var title = panel.querySelector("h2");
    if (title) { title.tabIndex = -1; title.focus(); }
  }

  function save() {
    if (saving || stale || !dirty) { return; }
    saving = true;
    dirty = false;
    say(form.getAttribute("data-saving-label"));
    fetch(url, { method: "POST", body: payload(), credentials: "same-origin",
                 headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        return response.json().then(function (body) { return { code: response.status, body: body }; });
      })
      .then(function (result) {
        saving = false;
        if (result.body.ok) {
          versionInput.value = result.body.version;
          if (!dirty) { dropCopy(); }
          say(form.getAttribute("data-saved-label") + " " + result.body.saved_at);
          if (dirty) { schedule(); }
        } else if (result.body.stale && result.body.conflicts === 0) {
          // Saved elsewhere with the same text as here: nothing to choose.
          versionInput.value = result.body.version;
          if (!dirty) { dropCopy(); }
          say(form.getAttribute("data-saved-label"));
          if (dirty) { schedule(); }
        } else if (result.body.stale) {
          showStale(result.body.error);
          showConflict(result.body.conflict_html);
        } else {
          dirty = true;
          say(result.body.error || form.getAttribute("data-error-label"), "stale");
        }
      })
      .catch(function () {
        saving = false;
        dirty = true;
        say(form.getAttribute("data-error-label"), "stale");
      });
  }

  function schedule() {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(save, 1500);
  }

  form.addEventListener("input", function () { dirty = true; keepCopy(); if (!stale) { schedule(); } });
  form.addEventListener("submit", function () { stale = true; if (timer) { window.clearTimeout(timer); } });

  if (restoreCopy()) {
    dirty = true;
    say(form.getAttribute("data-restored-label"));
    schedule();
  }

  // Leaving the page: a keepalive request survives the unload.
  function flush() {
    if (!dirty || stale || saving) { return; }
    dirty = false;
    try {
      fetch(url, { method: "POST", body: payload(), credentials: "same-origin", keepalive: true });
    } catch (e) {
      if (navigator.sendBeacon) { navigator.sendBeacon(url, payload()); }
    }
  }
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { flush(); }
  });
})();

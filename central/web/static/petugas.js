// Petugas page: actions without reloading, keyboard shortcuts, live waiting list (SSE).
// The page works without this script: every button is a plain form submit.
(function () {
  "use strict";
  var live = document.getElementById("live");
  var flash = document.getElementById("flash");
  var off = document.getElementById("live-off");
  if (!live || !window.fetch) { return; }
  var csrf = live.getAttribute("data-csrf");
  var busy = false;

  function act(action, extra) {
    if (busy) { return; }
    busy = true;
    var body = "action=" + encodeURIComponent(action) + "&csrf=" + encodeURIComponent(csrf);
    if (extra) { body += "&" + extra; }
    var ctrl = new AbortController();
    var timer = setTimeout(function () { ctrl.abort(); }, 10000);
    fetch("/petugas/act", {
      method: "POST", credentials: "same-origin", signal: ctrl.signal,
      headers: {"Content-Type": "application/x-www-form-urlencoded",
                "X-Requested-With": "fetch", "X-CSRF-Token": csrf},
      body: body
    }).then(function (r) { return r.json(); }).then(function (doc) {
      flash.textContent = doc.message || "";
      flash.className = doc.ok ? "flash" : "flash error";
    }).catch(function () {
      flash.textContent = "…"; flash.className = "flash error";
    }).then(function () { clearTimeout(timer); busy = false; });
  }

  document.addEventListener("click", function (ev) {
    var b = ev.target.closest("button[name=action]");
    if (!b) { return; }
    ev.preventDefault();
    if (b.disabled) { return; }
    var extra = null;
    if (b.value === "transfer") {
      var sel = document.getElementById("service");
      extra = "service=" + encodeURIComponent(sel ? sel.value : "");
    }
    act(b.value, extra);
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.altKey || ev.metaKey) { return; }
    var tag = (ev.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea") { return; }
    var key = ev.key.toLowerCase();
    if (key === "a") { var sel = document.getElementById("service"); if (sel && !sel.disabled) { sel.focus(); } ev.preventDefault(); return; }
    if (tag === "select" && key !== "enter") { return; }
    if (tag === "select" && key === "enter") { act("transfer", "service=" + encodeURIComponent(ev.target.value)); ev.preventDefault(); return; }
    var b = document.querySelector('button[data-key="' + key + '"]');
    if (b && !b.disabled) { ev.preventDefault(); b.click(); }
  });

  if (!window.EventSource) { return; }
  var es = new EventSource(live.getAttribute("data-events"));
  es.addEventListener("queue", function (ev) {
    live.innerHTML = ev.data;
    off.hidden = true;
  });
  es.onerror = function () { off.hidden = false; };
  es.onopen = function () { off.hidden = true; };
})();

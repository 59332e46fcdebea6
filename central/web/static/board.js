// Display board: live board (SSE) and announcements: a chime, then the spoken call.
// One announcement at a time, in call order, never overlapping. A newer call of the same
// number replaces one still queued; a new call never cuts the one being spoken (it waits).
(function () {
  "use strict";
  var root = document.getElementById("board");
  if (!root) { return; }
  var chimeUrl = root.getAttribute("data-chime");
  var queue = [];        // {id, ticket, audio}
  var playing = false;
  var lastSeen = Number(sessionStorage.getItem("mpp-board-last") || 0);
  var soundButton = document.getElementById("sound");
  var MAX_WAIT_MS = 30000; // a stuck audio element never blocks the queue

  var clock = new Intl.DateTimeFormat("en-GB", {timeZone: "Asia/Jakarta", hour: "2-digit", minute: "2-digit", hour12: false});
  function tick() {
    var c = document.getElementById("clock");
    if (c) { c.textContent = clock.format(new Date()) + " WIB"; }
  }
  setInterval(tick, 10000);

  function play(url) {
    return new Promise(function (resolve) {
      var done = false;
      function finish() { if (!done) { done = true; resolve(); } }
      var a = new Audio(url);
      a.onended = finish; a.onerror = finish;
      setTimeout(finish, MAX_WAIT_MS);
      var p = a.play();
      if (p && p.catch) {
        p.catch(function () { soundButton.hidden = false; finish(); });
      }
    });
  }

  function fetchAudio(url) {
    // Fetched first (so the whole file is here before the chime starts), then played.
    var ctrl = new AbortController();
    setTimeout(function () { ctrl.abort(); }, 20000);
    return fetch(url, {credentials: "same-origin", signal: ctrl.signal}).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.blob();
    }).then(function (b) { return URL.createObjectURL(b); });
  }

  function next() {
    if (playing || !queue.length) { return; }
    playing = true;
    var item = queue.shift();
    var speech = fetchAudio(item.audio).catch(function () { return null; });
    play(chimeUrl).then(function () { return speech; }).then(function (url) {
      if (!url) { return null; }
      return play(url).then(function () { URL.revokeObjectURL(url); });
    }).then(function () {
      playing = false;
      document.body.setAttribute("data-announced", String(item.id));
      next();
    });
  }

  function enqueue(call) {
    for (var i = 0; i < queue.length; i++) {
      if (queue[i].ticket === call.ticket) { queue[i] = call; return; }  // newer recall wins
    }
    queue.push(call);
    next();
  }

  soundButton.addEventListener("click", function () { soundButton.hidden = true; next(); });
  // Without --kiosk: a double click (or F) takes the board fullscreen.
  function fullscreen() {
    if (!document.fullscreenElement && document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(function () {});
    }
  }
  document.addEventListener("dblclick", fullscreen);
  document.addEventListener("keydown", function (ev) { if (ev.key === "f" || ev.key === "F") { fullscreen(); } });

  if (!window.EventSource) { return; }
  var es = new EventSource(root.getAttribute("data-events"));
  es.addEventListener("board", function (ev) { root.innerHTML = ev.data; tick(); });
  es.addEventListener("calls", function (ev) {
    var calls = JSON.parse(ev.data);
    for (var i = 0; i < calls.length; i++) {
      var c = calls[i];
      if (c.id > lastSeen) {
        lastSeen = c.id;
        sessionStorage.setItem("mpp-board-last", String(lastSeen));
        enqueue({id: c.id, ticket: c.ticket, audio: c.audio});
      }
    }
  });
  tick();
})();

// Visitor status page: live status by Server-Sent Events (the page is whole without it).
(function () {
  "use strict";
  var box = document.getElementById("status");
  if (!box || !window.EventSource) { return; }
  var es = new EventSource(box.getAttribute("data-events"));
  es.addEventListener("status", function (ev) {
    box.innerHTML = ev.data;
    var state = document.getElementById("state");
    if (state && state.getAttribute("data-state") === "called" && navigator.vibrate) {
      navigator.vibrate([300, 150, 300]);
    }
  });
})();

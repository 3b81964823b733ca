/* "Leave this site quickly": the link works without JavaScript; with it, leaving
   replaces this page in the history (location.replace), so Back does not return to
   it, and pressing Escape twice within a second leaves too. The page is blanked at
   once, so nothing stays on screen while the neutral site loads. */
(function () {
  "use strict";
  var link = document.querySelector("[data-quick-exit-link]");
  if (!link) return;
  var shortcut = document.querySelector("[data-quick-exit-shortcut]");
  if (shortcut) shortcut.hidden = false;

  function leave(event) {
    if (event) event.preventDefault();
    document.title = "";
    document.body.style.visibility = "hidden";
    window.location.replace(link.href);
  }

  link.addEventListener("click", leave);
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") return;
    var now = Date.now();
    if (now - lastEscape < 1000) {
      leave(event);
    }
    lastEscape = now;
  });
})();

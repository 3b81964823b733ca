// The copy-link button of share links: without JavaScript the read-only field is there
// to select and copy; with it, a button copies the address and says so.
(function () {
  "use strict";
  document.querySelectorAll("[data-share-copy]").forEach(function (box) {
    var input = box.querySelector("input");
    var button = box.querySelector("button");
    var status = box.querySelector("[role=status]");
    if (!input || !button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var done = function () { status.textContent = button.dataset.copied; };
      var failed = function () {
        input.focus();
        input.select();
        status.textContent = button.dataset.failed;
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(input.value).then(done, failed);
      } else {
        failed();
      }
    });
    input.addEventListener("focus", function () { input.select(); });
  });
})();

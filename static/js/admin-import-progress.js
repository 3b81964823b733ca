/*
 * The admin's import run page (templates/directory/admin/import_run.html): while the
 * import runs, ask its status URL every two seconds, move the <progress> bar and its
 * text, and when the run has ended, swap in the page's new content (the summary or the
 * error) without a reload. Without this script the page's "Refresh" link does the same.
 */
(function () {
  "use strict";
  var root = document.getElementById("import-run");
  if (!root || root.dataset.finished === "true") return;
  var url = root.dataset.statusUrl;
  var bar = document.getElementById("import-progress");
  var text = document.getElementById("import-progress-text");
  var statusTag = document.querySelector("#import-status .w-status");
  var INTERVAL = 2000;

  function showFinished() {
    fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("import-run");
        if (!fresh) { window.location.reload(); return; }
        root.replaceWith(fresh);
        var heading = fresh.querySelector("h2");
        if (heading) {
          heading.setAttribute("tabindex", "-1");
          heading.focus();
        }
      })
      .catch(function () { window.location.reload(); });
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" }, cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (status) {
        if (status.finished) { showFinished(); return; }
        if (statusTag && statusTag.textContent.trim() !== status.status_label) {
          statusTag.textContent = status.status_label;
        }
        if (status.total) {
          bar.max = status.total;
          bar.value = status.processed;
        }
        bar.textContent = status.text;
        if (text.textContent !== status.text) text.textContent = status.text;
        window.setTimeout(poll, INTERVAL);
      })
      .catch(function () { window.setTimeout(poll, INTERVAL * 3); });
  }

  window.setTimeout(poll, INTERVAL);
})();

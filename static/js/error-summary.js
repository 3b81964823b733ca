// Focus the error summary of a form that failed (components/error_summary.html), so that
// screen readers read it first: for browsers that ignore autofocus on a div. A file,
// not an inline script, so that the Content-Security-Policy needs no 'unsafe-inline'.
(function () {
  var summary = document.querySelector(".govgr-error-summary[autofocus]");
  if (summary) {
    summary.focus();
  }
})();

// Filters stand open in the sidebar on wide screens. Browsers that support
// ::details-content do this with CSS alone (koinonia.css); for the others, open the
// <details> when the window is wide. Without JavaScript the summary still opens it.
(function () {
  var wide = window.matchMedia("(min-width: 64rem)");
  function sync() {
    document.querySelectorAll("details.filters-toggle").forEach(function (details) {
      if (wide.matches) details.open = true;
    });
  }
  sync();
  wide.addEventListener("change", sync);
})();

// The "Print" button of printable pages (print_base.html), without an inline onclick
// that the Content-Security-Policy would block.
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});

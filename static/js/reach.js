/* Counts a phone or directions link followed, for campaign reach (campaigns/reach.py).
   No cookie, no storage, no identifier: one POST to our own /c/beacon with the kind of
   link and its address; the server attributes it, or not, to a campaign the same day
   visitor came from, and keeps no IP address. Links work the same without this file. */
(function () {
  "use strict";
  if (!navigator.sendBeacon || !window.FormData) { return; }
  function kindOf(link) {
    var marked = link.getAttribute("data-reach");
    if (marked === "phone" || marked === "directions") { return marked; }
    var href = link.getAttribute("href") || "";
    if (href.indexOf("tel:") === 0) { return "phone"; }
    if (/\/directions|maps\.google\.|google\.[a-z.]+\/maps|maps\.apple\.com/.test(href)) { return "directions"; }
    return null;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link) { return; }
    var kind = kindOf(link);
    if (!kind) { return; }
    var data = new FormData();
    data.append("kind", kind);
    data.append("target", link.getAttribute("href").slice(0, 500));
    navigator.sendBeacon("/c/beacon", data);
  }, true);
})();

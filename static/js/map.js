/* Progressive enhancement: turn #service-map into a Leaflet map.
   The list beside the map always carries the same services, so nothing depends on this. */
(function () {
  "use strict";
  var el = document.getElementById("service-map");
  if (!el || typeof L === "undefined") { return; }
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var map = L.map(el, { scrollWheelZoom: false, zoomAnimation: !reduceMotion, fadeAnimation: !reduceMotion, markerZoomAnimation: !reduceMotion });
  map.setView([38.5, 23.5], 6);
  if (el.dataset.tilesUrl) {
    L.tileLayer(el.dataset.tilesUrl, { maxZoom: 19, attribution: el.dataset.attribution || "" }).addTo(map);
  }
  function esc(text) {
    var div = document.createElement("div");
    div.textContent = text || "";
    return div.innerHTML;
  }
  function popup(props) {
    return '<a href="' + encodeURI(props.url) + '">' + esc(props.title) + "</a><br>" + esc(props.address);
  }
  if (el.dataset.points) {
    var points = JSON.parse(el.dataset.points);
    var bounds = [];
    points.forEach(function (p) { L.marker([p.lat, p.lon], { keyboard: true }).addTo(map); bounds.push([p.lat, p.lon]); });
    if (bounds.length) { map.fitBounds(bounds, { maxZoom: 15, padding: [20, 20] }); }
    return;
  }
  if (el.dataset.pointsUrl) {
    fetch(el.dataset.pointsUrl, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var cluster = typeof L.markerClusterGroup === "function" ? L.markerClusterGroup({ animate: !reduceMotion }) : L.layerGroup();
        var bounds = [];
        data.features.forEach(function (f) {
          var latlng = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
          cluster.addLayer(L.marker(latlng, { title: f.properties.title, alt: f.properties.title }).bindPopup(popup(f.properties)));
          bounds.push(latlng);
        });
        map.addLayer(cluster);
        if (bounds.length) { map.fitBounds(bounds, { maxZoom: 15, padding: [20, 20] }); }
        if (data.truncated) {
          var note = document.createElement("p");
          note.className = "govgr-hint";
          note.textContent = el.dataset.truncatedMessage;
          el.parentNode.insertBefore(note, el.nextSibling);
        }
      })
      .catch(function () { /* the list beside the map still shows every service */ });
  }
})();

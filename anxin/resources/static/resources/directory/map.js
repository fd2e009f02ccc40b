// The care-resource map: Leaflet (from the npm registry, var/vendor/leaflet) over the
// tile source the EAP administrator set; the markers are the page's own list.
(function () {
  "use strict";
  function draw() {
    var box = document.getElementById("care-map");
    var data = document.getElementById("care-map-markers");
    if (!box || !data || typeof L === "undefined") { return; }
    var markers = JSON.parse(data.textContent);
    L.Icon.Default.imagePath = box.dataset.images || "";
    var map = L.map(box, { scrollWheelZoom: false });
    L.tileLayer(box.dataset.tiles, {
      attribution: box.dataset.attribution || "",
      maxZoom: 18
    }).addTo(map);
    var bounds = [];
    markers.forEach(function (m) {
      var link = document.createElement("a");
      link.href = m.url;
      link.textContent = m.name;
      L.marker([m.lat, m.lon], { title: m.name, alt: m.name }).addTo(map).bindPopup(link);
      bounds.push([m.lat, m.lon]);
    });
    if (bounds.length) {
      map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
    } else {
      map.setView([23.7, 121], 7);
    }
    box.dataset.ready = "1";
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();

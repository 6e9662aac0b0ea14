// Draws the network page's graph with the vendored vis-network; the edge table below works without it.
// The layout is computed once (seeded, with overlap avoidance) and then frozen, so labels stay where
// they settled; a click on a node or an edge loads its events with their sentences into the panel.
(function () {
  "use strict";
  var holder = document.getElementById("graph");
  var source = document.getElementById("graph-data");
  var panel = document.getElementById("graph-panel");
  if (!holder || !source || typeof vis === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var colours = { PER: "#f2b36d", LOC: "#7fb3e6", ORG: "#9dd49d", OTH: "#cfcfcf" };
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return { id: n.id, label: n.label, value: n.weight, title: n.label + " (" + n.type + "): " + n.weight + " Ereignisse",
             color: colours[n.type] || colours.OTH, shape: "dot" };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return { id: i, from: e.source, to: e.target, value: e.weight, arrows: "to",
             title: e.type + ": " + e.weight + " Ereignis" + (e.weight === 1 ? "" : "se") };
  }));
  var network = new vis.Network(holder, { nodes: nodes, edges: edges }, {
    layout: { randomSeed: 19, improvedLayout: true },
    nodes: { scaling: { min: 6, max: 36, label: { enabled: true, min: 12, max: 20 } },
             font: { size: 13, strokeWidth: 4, strokeColor: "#ffffff" } },
    edges: { scaling: { min: 1, max: 10 }, smooth: { type: "continuous" },
             color: { color: "#8795a4", highlight: "#1d4f91", hover: "#1d4f91" }, selectionWidth: 2 },
    physics: { solver: "forceAtlas2Based",
               forceAtlas2Based: { gravitationalConstant: -120, springLength: 130, avoidOverlap: 1 },
               stabilization: { iterations: 600, fit: true } },
    interaction: { hover: true, tooltipDelay: 150 }
  });
  window.chronikNetwork = network;  // for the browser tests: positions of nodes on the canvas

  function params(extra) {
    var query = new URLSearchParams(window.location.search);
    ["max_edges", "max_nodes", "min_weight", "offset", "limit", "type"].forEach(function (k) { query.delete(k); });
    (data.filters.type || []).forEach(function (t) { query.append("type", t); });
    if (data.filters.start) { query.set("start", data.filters.start); }
    Object.keys(extra).forEach(function (k) {
      if (k === "type") { query.delete("type"); }
      query.append(k, extra[k]);
    });
    return query.toString();
  }

  function show(extra) {
    var url = "/network/events?" + params(extra);
    panel.setAttribute("data-loading", "true");
    fetch(url).then(function (r) { return r.text(); }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var part = doc.getElementById("edge-events");
      panel.innerHTML = "";
      if (part) { panel.appendChild(document.importNode(part, true)); }
      var more = document.createElement("p");
      more.innerHTML = '<a class="panel-page">als eigene Seite</a>';
      more.firstChild.href = url;
      panel.appendChild(more);
      panel.removeAttribute("data-loading");
    });
  }

  network.on("click", function (event) {
    if (event.nodes.length) {
      show({ node: event.nodes[0] });
    } else if (event.edges.length) {
      var e = data.edges[event.edges[0]];
      show({ node: e.source, to: e.target, type: e.type });
    }
  });
  network.on("doubleClick", function (event) {
    if (event.nodes.length) {
      var asOf = new URLSearchParams(window.location.search).get("as_of");
      window.location.href = "/entities/" + event.nodes[0] + (asOf ? "?as_of=" + encodeURIComponent(asOf) : "");
    }
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });  // frozen: nothing drifts after the layout settled
    network.fit();
    holder.setAttribute("data-ready", "true");
  });
  holder.setAttribute("data-nodes", String(data.nodes.length));
})();

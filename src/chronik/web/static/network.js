// Draws the network page's graph with the vendored vis-network; the edge table below works without it.
(function () {
  "use strict";
  var holder = document.getElementById("graph");
  var source = document.getElementById("graph-data");
  if (!holder || !source || typeof vis === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var colours = { PER: "#f2b36d", LOC: "#7fb3e6", ORG: "#9dd49d", OTH: "#cfcfcf" };
  var maxWeight = 1;
  data.edges.forEach(function (e) { maxWeight = Math.max(maxWeight, e.weight); });
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return { id: n.id, label: n.label, value: n.weight, title: n.label + " (" + n.type + ")",
             color: colours[n.type] || colours.OTH, shape: "dot" };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return { id: i, from: e.source, to: e.target, label: e.type, value: e.weight, arrows: "to",
             title: e.type + ": " + e.weight, font: { size: 10, align: "middle" } };
  }));
  var network = new vis.Network(holder, { nodes: nodes, edges: edges }, {
    nodes: { scaling: { min: 8, max: 40 }, font: { size: 14 } },
    edges: { scaling: { min: 1, max: 8 }, smooth: { type: "continuous" }, color: { color: "#8795a4" } },
    physics: { stabilization: { iterations: 200 }, barnesHut: { springLength: 140 } },
    interaction: { hover: true }
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length) {
      var asOf = new URLSearchParams(window.location.search).get("as_of");
      window.location.href = "/entities/" + params.nodes[0] + (asOf ? "?as_of=" + encodeURIComponent(asOf) : "");
    }
  });
  network.once("stabilizationIterationsDone", function () { holder.setAttribute("data-ready", "true"); });
  holder.setAttribute("data-nodes", String(data.nodes.length));
})();

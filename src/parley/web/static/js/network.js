// The actor network: one node per actor, one directed edge per (source, target) pair.
// Edge width = number of events; colour = share of cooperative events. The layout is computed
// up front (no animation), so the picture is still when it appears.

import { cooperationColor } from "./colors.js";
import { counted } from "./table.js";

const d3 = window.d3;

export function drawNetwork(svgElement, pairs, { focus, onSelect }) {
  const svg = d3.select(svgElement);
  svg.selectAll("*").remove();
  const width = svgElement.clientWidth || 600;
  const height = svgElement.clientHeight || 420;
  svg.attr("data-edges", pairs.length);
  if (!pairs.length) return;

  const nodes = new Map();
  const node = (actor) => {
    if (!nodes.has(actor.id)) nodes.set(actor.id, { id: actor.id, name: actor.name, weight: 0 });
    return nodes.get(actor.id);
  };
  const keys = new Set(pairs.map((p) => `${p.source.id}>${p.target.id}`));
  const links = pairs.map((p) => {
    const source = node(p.source);
    const target = node(p.target);
    source.weight += p.count;
    target.weight += p.count;
    return { source, target, count: p.count, cooperative: p.cooperative, conflictual: p.conflictual,
             both: keys.has(`${p.target.id}>${p.source.id}`) };
  });
  const nodeList = [...nodes.values()];
  const maxCount = d3.max(links, (l) => l.count) || 1;
  const width_ = d3.scaleSqrt().domain([1, maxCount]).range([1.5, 10]);
  const radius = d3.scaleSqrt().domain([1, d3.max(nodeList, (n) => n.weight) || 1]).range([6, 20]);

  const simulation = d3.forceSimulation(nodeList)
    .force("link", d3.forceLink(links).id((n) => n.id).distance(150).strength(0.3))
    .force("charge", d3.forceManyBody().strength(-900))
    .force("collide", d3.forceCollide((n) => radius(n.weight) + 36))
    .force("x", d3.forceX(width / 2).strength(0.05))
    .force("y", d3.forceY(height / 2).strength(0.08))
    .stop();
  for (let i = 0; i < 300; i += 1) simulation.tick();

  // Fit the drawing (zooming in at most 1.4×), with room for labels on the right.
  const [x0, x1] = d3.extent(nodeList, (n) => n.x);
  const [y0, y1] = d3.extent(nodeList, (n) => n.y);
  const scale = Math.min(width / (x1 - x0 + 220), height / (y1 - y0 + 90), 1.4);
  const boxWidth = width / scale;
  const boxHeight = height / scale;
  const left = (x0 + x1) / 2 + 50 - boxWidth / 2;
  const top = (y0 + y1) / 2 - boxHeight / 2;
  svg.attr("viewBox", `${left} ${top} ${boxWidth} ${boxHeight}`);

  svg.append("defs").append("marker").attr("id", "arrow").attr("viewBox", "0 -4 8 8").attr("refX", 7)
    .attr("markerWidth", 5).attr("markerHeight", 5).attr("orient", "auto").attr("markerUnits", "userSpaceOnUse")
    .append("path").attr("d", "M0,-4L8,0L0,4").attr("fill", "#555");

  const edgePath = (l) => {
    const dx = l.target.x - l.source.x;
    const dy = l.target.y - l.source.y;
    const dist = Math.hypot(dx, dy) || 1;
    const rt = radius(l.target.weight) + 3;
    const tx = l.target.x - (dx / dist) * rt;
    const ty = l.target.y - (dy / dist) * rt;
    if (!l.both) return `M${l.source.x},${l.source.y}L${tx},${ty}`;
    const bend = dist * 0.6;
    return `M${l.source.x},${l.source.y}A${bend},${bend} 0 0,1 ${tx},${ty}`;
  };
  svg.append("g").selectAll("path").data(links).join("path")
    .attr("class", "edge").attr("d", edgePath)
    .attr("data-source", (l) => l.source.id).attr("data-target", (l) => l.target.id)
    .attr("stroke-width", (l) => width_(l.count))
    .attr("stroke", (l) => cooperationColor(l.cooperative / l.count))
    .attr("marker-end", "url(#arrow)")
    .append("title").text((l) => `${l.source.name} → ${l.target.name}: ${counted(l.count, "event")} `
      + `(${l.cooperative} cooperative, ${l.conflictual} conflictual)`);

  const g = svg.append("g").selectAll("g").data(nodeList).join("g")
    .attr("class", (n) => (focus && n.id === focus.id ? "node focused" : "node"))
    .attr("data-actor", (n) => n.id)
    .attr("transform", (n) => `translate(${n.x},${n.y})`)
    // reachable from the keyboard: Tab to a node, Enter or Space to focus on it
    .attr("tabindex", 0).attr("role", "button").attr("aria-label", (n) => `Focus on ${n.name}`)
    .on("click", (event, n) => onSelect({ id: n.id, name: n.name }))
    .on("keydown", (event, n) => {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); onSelect({ id: n.id, name: n.name }); }
    });
  g.append("circle").attr("r", (n) => radius(n.weight)).attr("fill", "#40566f");
  const font = 11 / scale; // labels keep their size on screen however far the drawing is zoomed out
  g.append("text").attr("x", (n) => radius(n.weight) + 4).attr("y", font / 3).style("font-size", `${font}px`)
    .text((n) => n.name);
  g.append("title").text((n) => `${n.name}: ${counted(n.weight, "event")} — click to focus`);
}

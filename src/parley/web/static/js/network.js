// The actor network: one node per actor, one directed edge per (source, target) pair.
// Edge width = number of events; colour = share of cooperative events. The layout is computed
// up front (no animation), so the picture is still when it appears. Labels are placed where they
// overlap no other label or node; one that fits nowhere is left out (its node's tooltip names it).

import { cooperationColor } from "./colors.js";
import { counted } from "./table.js";

const d3 = window.d3;

/** The state an actor speaks for, as positions fold it (store/read with_officials): an actor of a state sector
 * (meta's `state_sectors`: government, military, ...) with a country is that country's state; others are
 * themselves. `states` maps a country code to its state's name where known. */
export function stateOf(actor, sectors, states) {
  if (!actor.country || !sectors.includes(actor.type) || actor.id === `country:${actor.country}`) return actor;
  return { id: `country:${actor.country}`, name: states.get(actor.country) || actor.country,
           country: actor.country, type: "GOV", folded: true };
}

/** The pairs with each actor folded into its state (`stateOf`): pairs that become one are summed; a leader's
 * events with their own state drop out. */
export function foldPairs(pairs, sectors, states) {
  const merged = new Map();
  for (const p of pairs) {
    const source = stateOf(p.source, sectors, states);
    const target = stateOf(p.target, sectors, states);
    if (source.id === target.id) continue;
    const key = `${source.id}>${target.id}`;
    const into = merged.get(key) || { source, target, count: 0, cooperative: 0, conflictual: 0 };
    into.count += p.count;
    into.cooperative += p.cooperative;
    into.conflictual += p.conflictual;
    merged.set(key, into);
  }
  return [...merged.values()];
}

export function drawNetwork(svgElement, pairs, { focus, onSelect }) {
  const svg = d3.select(svgElement);
  svg.selectAll("*").remove();
  const width = svgElement.clientWidth || 600;
  const height = svgElement.clientHeight || 420;
  svg.attr("data-edges", pairs.length);
  if (!pairs.length) return;

  const nodes = new Map();
  const node = (actor) => {
    if (!nodes.has(actor.id)) nodes.set(actor.id, { id: actor.id, name: actor.name, weight: 0, folded: false });
    const found = nodes.get(actor.id);
    found.folded = found.folded || !!actor.folded;
    return found;
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
    // room for a node's label: about 6.5 px a character at 11 px
    .force("collide", d3.forceCollide((n) => radius(n.weight) + Math.min(70, 12 + n.name.length * 3.2)))
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
  const labels = g.append("text").style("font-size", `${font}px`).text((n) => n.name);
  placeLabels(nodeList, labels, radius, font);
  g.append("title").text((n) => `${n.name}: ${counted(n.weight, "event")}`
    + `${n.folded ? " (with its leaders and officials)" : ""} — click to focus`);
}

// Each label at the first of eight spots around its node (right, left, above, below, then the corners) that
// overlaps no label placed before it and no node; the busiest nodes are labelled first. A label that fits
// nowhere is hidden (class "unplaced").
function placeLabels(nodeList, labels, radius, font) {
  const taken = nodeList.map((n) => {
    const r = radius(n.weight);
    return { x0: n.x - r, x1: n.x + r, y0: n.y - r, y1: n.y + r };
  });
  const overlaps = (a, b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  const order = labels.nodes().map((node, i) => ({ node, n: nodeList[i] })).sort((a, b) => b.n.weight - a.n.weight);
  for (const { node, n } of order) {
    const w = node.getComputedTextLength();
    const r = radius(n.weight) + 3;
    const h = font * 1.1;
    const spots = [
      [r, 0, "start"], [-r, 0, "end"], [0, -r - h / 2, "middle"], [0, r + h / 2, "middle"],
      [r, -r, "start"], [-r, -r, "end"], [r, r, "start"], [-r, r, "end"]];
    const boxOf = ([dx, dy, anchor]) => {
      const left = anchor === "start" ? n.x + dx : anchor === "end" ? n.x + dx - w : n.x + dx - w / 2;
      return { x0: left - 1, x1: left + w + 1, y0: n.y + dy - h / 2, y1: n.y + dy + h / 2 };
    };
    const spot = spots.find((s) => !taken.some((box) => overlaps(box, boxOf(s))));
    if (!spot) { node.setAttribute("class", "unplaced"); continue; }
    taken.push(boxOf(spot));
    node.setAttribute("x", spot[0]);
    node.setAttribute("y", spot[1] + font / 3);
    node.setAttribute("text-anchor", spot[2]);
  }
}

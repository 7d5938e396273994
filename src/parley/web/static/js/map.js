// The map: where the selected events happened. Country outlines are Natural Earth's (world-atlas, shipped in
// static/vendor, drawn with d3-geo): nothing is fetched from outside. A country is shaded by the events in it,
// a place with coordinates is a circle sized by its events; clicking either filters every view to it.

import { counted } from "./table.js";

const d3 = window.d3;
const topojson = window.topojson;
let world = null;

/** The country outlines (GeoJSON features keyed by ISO 3166 numeric id), read once from the vendored TopoJSON. */
export async function loadWorld() {
  if (!world) {
    const response = await fetch("/static/vendor/world-atlas/countries-110m.json");
    if (!response.ok) throw new Error(`cannot read the map's outlines (${response.status})`);
    const topology = await response.json();
    world = topojson.feature(topology, topology.objects.countries).features;
  }
  return world;
}

export const SHADES = (n, max) => d3.interpolateBlues(0.15 + 0.75 * (max > 1 ? Math.log(n) / Math.log(max) : 1));

/** Draw `places` (the /api/places answer) into `svgElement` over `features`; `selected` is the place filter's
 * value (a country code or a place name); `onSelect({value, label})` is called on a click or Enter. */
export function drawMap(svgElement, features, places, { selected, onSelect }) {
  const svg = d3.select(svgElement);
  svg.selectAll("*").remove();
  const width = svgElement.clientWidth || 900;
  const height = svgElement.clientHeight || 420;

  const byNumeric = new Map(places.countries.filter((c) => c.numeric).map((c) => [c.numeric, c]));
  const shaded = features.filter((f) => byNumeric.has(f.id));
  // a place that is its country itself ("in China") is shown by the country's shade, where its outline is drawn
  const outlined = new Set(features.map((f) => f.id));
  const country = new Map(places.countries.map((c) => [c.country, c.numeric]));
  const points = places.places.filter((p) => !(p.country_level && outlined.has(country.get(p.country))))
    .map((p) => ({ ...p, geometry: { type: "Point", coordinates: [p.lon, p.lat] } }));
  svg.attr("viewBox", `0 0 ${width} ${height}`)
    .attr("data-countries", places.countries.length).attr("data-places", points.length);
  const projection = d3.geoNaturalEarth1();
  const pad = 24;
  projection.fitExtent([[pad, pad], [width - pad, height - pad]], { type: "Sphere" });
  const worldScale = projection.scale();
  if (shaded.length || points.length) {
    // frame the countries and places with events, zoomed in at most 6× the whole world
    const focus = { type: "FeatureCollection", features: [...shaded, ...points.map((p) => ({ type: "Feature", geometry: p.geometry }))] };
    projection.fitExtent([[pad * 2, pad * 2], [width - pad * 2, height - pad * 2]], focus);
    if (projection.scale() > worldScale * 6) {
      const [[x0, y0], [x1, y1]] = d3.geoPath(projection).bounds(focus);
      const centre = projection.invert([(x0 + x1) / 2, (y0 + y1) / 2]);
      projection.scale(worldScale * 6).translate([width / 2, height / 2]);
      const [cx, cy] = projection(centre);
      const [tx, ty] = projection.translate();
      projection.translate([tx + width / 2 - cx, ty + height / 2 - cy]);
    }
  }
  const path = d3.geoPath(projection);
  const max = d3.max(places.countries, (c) => c.count) || 1;
  const activate = (item) => (event) => {
    if (event.type === "keydown" && event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    onSelect(item);
  };

  svg.append("path").attr("class", "sphere").attr("d", path({ type: "Sphere" }));
  svg.append("g").attr("class", "countries").selectAll("path").data(features).join("path")
    .attr("d", path)
    .attr("class", (f) => (byNumeric.has(f.id) ? "country has-events" : "country"))
    .classed("selected", (f) => byNumeric.has(f.id) && byNumeric.get(f.id).country === selected)
    .attr("data-country", (f) => (byNumeric.has(f.id) ? byNumeric.get(f.id).country : null))
    .style("fill", (f) => (byNumeric.has(f.id) ? SHADES(byNumeric.get(f.id).count, max) : null))
    .each(function (f) {
      const c = byNumeric.get(f.id);
      if (!c) return;
      const label = `${c.name}: ${counted(c.count, "event")} there — click to filter`;
      d3.select(this).attr("tabindex", 0).attr("role", "button").attr("aria-label", label)
        .on("click keydown", activate({ value: c.country, label: c.name }))
        .append("title").text(label);
    });

  const most = d3.max(points, (p) => p.count) || 1;
  const radius = d3.scaleSqrt().domain([1, most]).range([4, 18]);
  svg.append("g").attr("class", "places").selectAll("circle")
    .data([...points].sort((a, b) => b.count - a.count)).join("circle")  // small circles drawn over big ones
    .attr("class", "place").classed("selected", (p) => p.name === selected)
    .attr("data-place", (p) => p.name).attr("data-count", (p) => p.count)
    .attr("cx", (p) => projection(p.geometry.coordinates)[0]).attr("cy", (p) => projection(p.geometry.coordinates)[1])
    .attr("r", (p) => radius(p.count))
    .attr("tabindex", 0).attr("role", "button")
    .attr("aria-label", (p) => `${p.name}: ${counted(p.count, "event")} — click to filter`)
    .each(function (p) {
      d3.select(this).on("click keydown", activate({ value: p.name, label: p.name }))
        .append("title").text(`${p.name}${p.country ? `, ${p.country}` : ""}: ${counted(p.count, "event")} — click to filter`);
    });
}

/** The map's legend: the shading's range and the circles' sizes. */
export function mapLegend(container, places) {
  const root = d3.select(container);
  root.selectAll("*").remove();
  const max = d3.max(places.countries, (c) => c.count) || 0;
  if (max) {
    const item = root.append("span").attr("class", "item");
    item.append("span").text("events in the country: 1 ");
    item.append("span").attr("class", "ramp")
      .style("background", `linear-gradient(to right, ${SHADES(1, max)}, ${SHADES(max, max)})`);
    item.append("span").text(` ${max}`);
  }
  root.append("span").attr("class", "item").html('<span class="dot"></span> events at a place (size = count)');
  const unplaced = places.total - places.placed;
  if (places.total) {
    root.append("span").attr("class", "item muted")
      .text(`${counted(places.placed, "event")} of ${places.total} with a place${unplaced ? `; ${unplaced} without` : ""}`);
  }
}

// Colours shared by the views, safe for colour-blind readers: cooperation in blues and purples, conflict in
// oranges and browns (never red against green); stances by leaning (records.STANCE_LEANING): for in blues
// (darker = more settled), against in oranges, conditional in yellow. brief/chart.py keeps a copy of the
// type and stance tables (a test checks they agree).

const d3 = window.d3;

export const TYPE_COLORS = {
  AGREE: "#08306b", CONSULT: "#2171b5", SUPPORT: "#6baed6", CONCEDE: "#9ecae1",
  COOPERATE: "#54278f", AID: "#807dba", RETREAT: "#bcbddc",
  REQUEST: "#fdd49e", ACCUSE: "#fdae6b", REJECT: "#fd8d3c", THREATEN: "#f16913",
  PROTEST: "#d94801", SANCTION: "#a63603", MOBILIZE: "#7f2704", COERCE: "#8c510a", ASSAULT: "#401f00",
};

export const QUAD_COLORS = {
  "verbal cooperation": "#6baed6", "material cooperation": "#08519c",
  "verbal conflict": "#fdae6b", "material conflict": "#a63603", other: "#999999",
};

export const STANCE_COLORS = {
  accept: "#08519c", support: "#3182bd", propose: "#6baed6", demand: "#9ecae1",
  conditional: "#f0e442", reject: "#e66101", oppose: "#8c2d04",
};

export function typeColor(type) { return TYPE_COLORS[type] || "#888"; }
export function stanceColor(stance) { return STANCE_COLORS[stance] || "#888"; }

/** The text colour that reads on `background`: near-black on light colours, white on dark ones. */
export function inkOn(background) { return d3.lab(background).l > 62 ? "#1d2330" : "#fff"; }

// Share of cooperative events on an edge: orange (all conflict) … grey … blue (all cooperation).
const cooperation = d3.scaleLinear().domain([0, 0.5, 1]).range(["#e66101", "#9a9a9a", "#2166ac"])
  .interpolate(d3.interpolateLab);
export function cooperationColor(share) { return cooperation(share); }

export function legend(container, entries) {
  const root = d3.select(container);
  root.selectAll("*").remove();
  const item = root.selectAll("span.item").data(entries).join("span").attr("class", "item");
  item.append("span").attr("class", "sw").style("background", (d) => d[1]);
  item.append("span").text((d) => d[0]);
}

/** The stance legend: the stances grouped by leaning (for, conditional, against; `leanings` is meta's), then
 * what ◆ marks. */
export function stanceLegend(container, stances, leanings) {
  const root = d3.select(container);
  root.selectAll("*").remove();
  for (const leaning of ["for", "conditional", "against"]) {
    const group = root.append("span").attr("class", "group").attr("data-leaning", leaning);
    group.append("span").attr("class", "group-name").text(leaning === "conditional" ? "" : `${leaning}:`);
    const item = group.selectAll("span.item").data(stances.filter((s) => (leanings[s] || "for") === leaning))
      .join("span").attr("class", "item");
    item.append("span").attr("class", "sw").style("background", stanceColor);
    item.append("span").text((s) => s);
  }
  root.append("span").attr("class", "item shift-key")
    .text("◆ its leaning changed (for ↔ conditional ↔ against) in the dates shown");
}

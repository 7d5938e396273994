// Colours shared by the views: PLOVER types (greens/blues cooperative, oranges/reds conflictual),
// quad classes and stances.

const d3 = window.d3;

export const TYPE_COLORS = {
  AGREE: "#1b7f4b", CONSULT: "#4aa36c", SUPPORT: "#7cc08f", CONCEDE: "#a9d8b3",
  COOPERATE: "#1f6fa8", AID: "#4f9bd1", RETREAT: "#93c3e6",
  REQUEST: "#e7b33f", ACCUSE: "#e58b2f", REJECT: "#d9661f", THREATEN: "#c8501b",
  PROTEST: "#b83c6b", SANCTION: "#9e2a4f", MOBILIZE: "#8a1f2f", COERCE: "#b02a22", ASSAULT: "#6d0f0f",
};

export const QUAD_COLORS = {
  "verbal cooperation": "#4aa36c", "material cooperation": "#1f6fa8",
  "verbal conflict": "#e58b2f", "material conflict": "#a32323", other: "#999",
};

export const STANCE_COLORS = {
  accept: "#1b7f4b", support: "#5aa86f", propose: "#4f8fc9", conditional: "#d8a928",
  demand: "#d9661f", reject: "#c0392b", oppose: "#7b1e1e",
};

export function typeColor(type) { return TYPE_COLORS[type] || "#888"; }
export function stanceColor(stance) { return STANCE_COLORS[stance] || "#888"; }

// Share of cooperative events on an edge → red (all conflict) … green (all cooperation).
export function cooperationColor(share) { return d3.interpolateRgb("#c0392b", "#2e8b57")(share); }

export function legend(container, entries) {
  const root = d3.select(container);
  root.selectAll("*").remove();
  const item = root.selectAll("span.item").data(entries).join("span").attr("class", "item");
  item.append("span").attr("class", "sw").style("background", (d) => d[1]);
  item.append("span").text((d) => d[0]);
}

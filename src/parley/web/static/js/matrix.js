// The positions matrix: actors × issues, each cell coloured by the latest stance, ◆ where it shifted: where
// the stance changed leaning (for, conditional, against) in the dates shown, as the read layer marks shifts.

import { articleHash } from "./address.js";
import { inkOn, stanceColor } from "./colors.js";

const d3 = window.d3;
const issueLabel = (issue) => issue.replaceAll("_", " ");

export function drawMatrix(tableElement, matrix, { focus, selected, onCell }) {
  const table = d3.select(tableElement);
  table.selectAll("*").remove();
  if (!matrix.actors.length) return;
  const cells = new Map(matrix.cells.map((c) => [`${c.actor_id}|${c.issue}`, c]));
  table.append("thead").append("tr").selectAll("th").data(["", ...matrix.issues]).join("th")
    .attr("scope", "col").append("span").text((d) => issueLabel(d));
  const rows = table.append("tbody").selectAll("tr").data(matrix.actors).join("tr")
    .attr("data-actor", (a) => a.id)
    .classed("focused", (a) => focus && a.id === focus.id);
  rows.append("th").attr("scope", "row").text((a) => a.name);
  rows.selectAll("td").data((a) => matrix.issues.map((issue) => ({ actor: a, issue, cell: cells.get(`${a.id}|${issue}`) })))
    .join("td")
    .attr("class", (d) => (d.cell ? "cell" : null))
    .classed("selected", (d) => selected && d.cell && selected.actor === d.actor.id && selected.issue === d.issue)
    .attr("data-actor", (d) => d.actor.id).attr("data-issue", (d) => d.issue)
    .attr("data-stance", (d) => (d.cell ? d.cell.stance : null))
    .attr("data-shifts", (d) => (d.cell ? d.cell.shifts : null))
    .style("background", (d) => (d.cell ? stanceColor(d.cell.stance) : "#f1f3f6"))
    .style("color", (d) => (d.cell ? inkOn(stanceColor(d.cell.stance)) : null))
    .text((d) => (d.cell && d.cell.shifts ? "◆" : ""))
    .attr("title", (d) => (d.cell
      ? `${d.actor.name} on ${issueLabel(d.issue)}: ${d.cell.stance} (latest ${d.cell.date || "undated"}; `
        + `${d.cell.count} statement${d.cell.count === 1 ? "" : "s"}, ${d.cell.shifts} change${d.cell.shifts === 1 ? "" : "s"} `
        + "of leaning) — click for the evidence and its events"
      : `${d.actor.name}: no stated position on ${issueLabel(d.issue)}`))
    // a cell with a stance is reachable from the keyboard: Tab to it, Enter or Space for its evidence
    .attr("tabindex", (d) => (d.cell ? 0 : null)).attr("role", (d) => (d.cell ? "button" : null))
    .on("click", (event, d) => { if (d.cell) onCell(d.actor, d.issue); })
    .on("keydown", (event, d) => {
      if (d.cell && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); onCell(d.actor, d.issue); }
    });
}

export function showEvidence(listElement, titleElement, actor, issue, positions) {
  titleElement.textContent = `${actor.name} on ${issueLabel(issue)}, over time`;
  const list = d3.select(listElement);
  list.selectAll("*").remove();
  const item = list.selectAll("li").data(positions).join("li").attr("data-position", (p) => p.id);
  item.append("span").attr("class", "muted").text((p) => `${p.date || "undated"} `);
  item.append("span").attr("class", "stance").style("background", (p) => stanceColor(p.stance))
    .style("color", (p) => inkOn(stanceColor(p.stance))).text((p) => p.stance);
  item.filter((p) => p.shift).append("span").attr("class", "shift")
    .text((p) => ` ◆ shifted from ${p.previous_stance}`);
  item.append("span").text((p) => ` “${p.evidence || ""}” `);
  item.append("a").attr("href", (p) => articleHash(p.article.id))
    .text((p) => p.article.title || p.article.id);
}

// Events per day as stacked bars (by PLOVER type or by quad class) with a date brush.

const d3 = window.d3;
const parseDay = d3.utcParse("%Y-%m-%d");
export const formatDay = d3.utcFormat("%Y-%m-%d");

export function drawTimeline(svgElement, summary, { keys, color, selection, onBrush }) {
  const svg = d3.select(svgElement);
  svg.selectAll("*").remove();
  const width = svgElement.clientWidth || 900;
  const height = svgElement.clientHeight || 190;
  const margin = { top: 8, right: 28, bottom: 22, left: 34 };
  svg.attr("viewBox", `0 0 ${width} ${height}`);

  const byDate = new Map();
  for (const row of summary.by_day) {
    if (!byDate.has(row.date)) byDate.set(row.date, { date: parseDay(row.date) });
    byDate.get(row.date)[row.key] = row.count;
  }
  const days = [...byDate.values()].filter((d) => d.date).sort((a, b) => a.date - b.date);
  svg.attr("data-days", days.length);
  if (!days.length) {
    svg.append("text").attr("x", width / 2).attr("y", height / 2).attr("text-anchor", "middle")
      .attr("class", "empty").text("No dated events in this selection.");
    return;
  }
  const present = keys.filter((k) => days.some((d) => d[k]));
  const series = d3.stack().keys(present).value((d, k) => d[k] || 0)(days);
  const start = d3.utcDay.offset(days[0].date, -1);
  const end = d3.utcDay.offset(days[days.length - 1].date, 1);
  const x = d3.scaleUtc().domain([start, end]).range([margin.left, width - margin.right]);
  const yMax = d3.max(series, (s) => d3.max(s, (d) => d[1])) || 1;
  const y = d3.scaleLinear().domain([0, yMax]).nice().range([height - margin.bottom, margin.top]);
  // A day's bar is centred on its date, so the axis ticks fall under the middle of the bars.
  const left = (day) => x(d3.utcHour.offset(day, -12));
  const barWidth = (d) => Math.max(1, x(d3.utcDay.offset(d.data.date, 1)) - x(d.data.date) - 1);

  svg.append("g").selectAll("g").data(series).join("g")
    .attr("fill", (s) => color(s.key)).attr("data-key", (s) => s.key)
    .selectAll("rect").data((s) => s.filter((d) => d[1] > d[0]).map((d) => Object.assign(d, { key: s.key })))
    .join("rect")
    .attr("class", "bar").attr("data-date", (d) => formatDay(d.data.date))
    .attr("x", (d) => left(d.data.date)).attr("width", barWidth)
    .attr("y", (d) => y(d[1])).attr("height", (d) => Math.max(0, y(d[0]) - y(d[1])))
    .append("title").text((d) => `${formatDay(d.data.date)} · ${d.key}: ${d.data[d.key]}`);

  svg.append("g").attr("class", "x-axis").attr("transform", `translate(0,${height - margin.bottom})`)
    .call(dayAxis(x, start, end, Math.max(2, Math.floor(width / 110))));
  // whole counts only: d3's ticks for a small maximum include halves, which "d" would print as repeats
  svg.append("g").attr("class", "y-axis").attr("transform", `translate(${margin.left},0)`)
    .call(d3.axisLeft(y).tickValues(y.ticks(4).filter(Number.isInteger)).tickFormat(d3.format("d")))
    .call((g) => g.select(".domain").remove());

  const brush = d3.brushX().extent([[margin.left, margin.top], [width - margin.right, height - margin.bottom]]);
  const brushLayer = svg.append("g").attr("class", "brush");
  brushLayer.call(brush);
  if (selection && selection[0] && selection[1]) {
    const from = left(parseDay(selection[0]));
    const to = left(d3.utcDay.offset(parseDay(selection[1]), 1));
    brushLayer.call(brush.move, [Math.max(from, margin.left), Math.min(to, width - margin.right)]);
  }
  brush.on("end", (event) => {
    if (!event.sourceEvent) return; // moved by code, not by the user
    if (!event.selection) { onBrush(null); return; }
    // The days whose bar centres lie inside the selection (at least the day nearest its middle).
    const [x0, x1] = event.selection;
    let from = d3.utcDay.ceil(x.invert(x0));
    let to = d3.utcDay.floor(x.invert(x1));
    if (to < from) from = to = d3.utcDay.round(x.invert((x0 + x1) / 2));
    // snap the brush to the whole days it selects, so what it shows is what it filters
    brushLayer.call(brush.move, [Math.max(left(from), margin.left),
      Math.min(left(d3.utcDay.offset(to, 1)), width - margin.right)]);
    onBrush([formatDay(from), formatDay(to)]);
  });
  svg.on("dblclick", () => { brushLayer.call(brush.move, null); onBrush(null); });
}

// An axis of whole days, each labelled once: on short ranges d3 would put ticks every few hours, all printed
// with the same day; on long ones its own month or year ticks are already distinct.
function dayAxis(x, start, end, most) {
  const axis = d3.axisBottom(x).tickSizeOuter(0);
  const days = d3.utcDay.count(start, end);
  if (days > most * 31) return axis.ticks(most).tickFormat(d3.utcFormat(days > 400 ? "%b %Y" : "%b %-d"));
  const step = Math.max(1, Math.ceil(days / most));
  const ticks = d3.utcDay.range(d3.utcDay.ceil(start), d3.utcDay.offset(end, 1)).filter((d, i) => i % step === 0);
  return axis.tickValues(ticks).tickFormat(d3.utcFormat("%b %-d"));
}

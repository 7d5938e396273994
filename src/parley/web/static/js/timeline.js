// Events over time as stacked bars (by PLOVER type or by quad class) with a date brush. A bar is a day, or
// on a longer span a week, month or year (a corpus whose events reach back decades — "the 1968 accord" —
// would otherwise draw days a fraction of a pixel wide); the brush snaps to whole bars. The summary is asked
// with step=auto: the API chooses the bar by the span (store/read/summary.py's STEPS) and sends a cell per bar
// and key, not per day (a busy actor's days and types are 10,000 cells at a million events).

const d3 = window.d3;
const parseDay = d3.utcParse("%Y-%m-%d");
export const formatDay = d3.utcFormat("%Y-%m-%d");

// [name, interval, the longest span (in days) drawn with bars of that length]
const BINS = [["day", d3.utcDay, 120], ["week", d3.utcMonday, 3 * 366], ["month", d3.utcMonth, 25 * 366],
  ["year", d3.utcYear, Infinity]];
const BIN_FORMAT = { day: "%Y-%m-%d", week: "week of %Y-%m-%d", month: "%Y-%m", year: "%Y" };

/** Draw the timeline; returns the bar's unit ("day", "week", "month" or "year"). */
export function drawTimeline(svgElement, summary, { keys, color, selection, onBrush }) {
  const svg = d3.select(svgElement);
  svg.selectAll("*").remove();
  const width = svgElement.clientWidth || 900;
  const height = svgElement.clientHeight || 190;
  const margin = { top: 8, right: 28, bottom: 22, left: 34 };
  svg.attr("viewBox", `0 0 ${width} ${height}`);

  const dates = summary.by_day.map((row) => parseDay(row.date)).filter(Boolean);
  if (!dates.length) {
    svg.attr("data-days", 0);
    svg.append("text").attr("x", width / 2).attr("y", height / 2).attr("text-anchor", "middle")
      .attr("class", "empty").text("No dated events in this selection.");
    return "day";
  }
  const span = d3.utcDay.count(d3.min(dates), d3.max(dates));
  // the bar the API chose (step), else (a summary asked per day) the one the span calls for
  const [bin, interval] = BINS.find(([name, , most]) => (summary.step && summary.step !== "day" ? name === summary.step : span <= most));
  svg.attr("data-bin", bin);
  const byDate = new Map();
  for (const row of summary.by_day) {
    const day = parseDay(row.date);
    if (!day) continue;
    const start = interval.floor(day);
    if (!byDate.has(+start)) byDate.set(+start, { date: start });
    const bar = byDate.get(+start);
    bar[row.key] = (bar[row.key] || 0) + row.count;
  }
  const days = [...byDate.values()].sort((a, b) => a.date - b.date);
  svg.attr("data-days", days.length);
  const present = keys.filter((k) => days.some((d) => d[k]));
  const series = d3.stack().keys(present).value((d, k) => d[k] || 0)(days);
  const start = interval.offset(days[0].date, -1);
  const end = interval.offset(days[days.length - 1].date, bin === "day" ? 1 : 2);
  const x = d3.scaleUtc().domain([start, end]).range([margin.left, width - margin.right]);
  const yMax = d3.max(series, (s) => d3.max(s, (d) => d[1])) || 1;
  const y = d3.scaleLinear().domain([0, yMax]).nice().range([height - margin.bottom, margin.top]);
  // A day's bar is centred on its date, so the axis ticks fall under the middle of the bars; a longer bar
  // starts where its week, month or year does.
  const left = bin === "day" ? (day) => x(d3.utcHour.offset(day, -12)) : (bar) => x(bar);
  const barWidth = (d) => Math.max(1, x(interval.offset(d.data.date, 1)) - x(d.data.date) - 1);
  const label = d3.utcFormat(BIN_FORMAT[bin]);

  svg.append("g").selectAll("g").data(series).join("g")
    .attr("fill", (s) => color(s.key)).attr("data-key", (s) => s.key)
    .selectAll("rect").data((s) => s.filter((d) => d[1] > d[0]).map((d) => Object.assign(d, { key: s.key })))
    .join("rect")
    .attr("class", "bar").attr("data-date", (d) => formatDay(d.data.date))
    .attr("x", (d) => left(d.data.date)).attr("width", barWidth)
    .attr("y", (d) => y(d[1])).attr("height", (d) => Math.max(0, y(d[0]) - y(d[1])))
    .append("title").text((d) => `${label(d.data.date)} · ${d.key}: ${d.data[d.key]}`);

  svg.append("g").attr("class", "x-axis").attr("transform", `translate(0,${height - margin.bottom})`)
    .call(bin === "day" ? dayAxis(x, start, end, Math.max(2, Math.floor(width / 110)))
      : d3.axisBottom(x).tickSizeOuter(0).ticks(Math.max(2, Math.floor(width / 110)))
        .tickFormat(d3.utcFormat(bin === "year" ? "%Y" : "%b %Y")));
  // whole counts only: d3's ticks for a small maximum include halves, which "d" would print as repeats
  svg.append("g").attr("class", "y-axis").attr("transform", `translate(${margin.left},0)`)
    .call(d3.axisLeft(y).tickValues(y.ticks(4).filter(Number.isInteger)).tickFormat(d3.format("d")))
    .call((g) => g.select(".domain").remove());

  const brush = d3.brushX().extent([[margin.left, margin.top], [width - margin.right, height - margin.bottom]]);
  const brushLayer = svg.append("g").attr("class", "brush");
  brushLayer.call(brush);
  if (selection && selection[0] && selection[1]) {
    const from = left(interval.floor(parseDay(selection[0])));
    const to = left(interval.offset(interval.floor(parseDay(selection[1])), 1));
    brushLayer.call(brush.move, [Math.max(from, margin.left), Math.min(to, width - margin.right)]);
  }
  brush.on("end", (event) => {
    if (!event.sourceEvent) return; // moved by code, not by the user
    if (!event.selection) { onBrush(null); return; }
    // The bars whose centres lie inside the selection (at least the bar nearest its middle).
    const [x0, x1] = event.selection;
    const centre = (b) => (left(b) + left(interval.offset(b, 1))) / 2;
    const bars = interval.range(start, end);
    let chosen = bars.filter((b) => centre(b) >= x0 && centre(b) <= x1);
    if (!chosen.length) chosen = [d3.least(bars, (b) => Math.abs(centre(b) - (x0 + x1) / 2))];
    const from = chosen[0];
    const after = interval.offset(chosen[chosen.length - 1], 1);
    // snap the brush to the whole bars it selects, so what it shows is what it filters
    brushLayer.call(brush.move, [Math.max(left(from), margin.left), Math.min(left(after), width - margin.right)]);
    onBrush([formatDay(from), formatDay(d3.utcDay.offset(after, -1))]);
  });
  svg.on("dblclick", () => { brushLayer.call(brush.move, null); onBrush(null); });
  return bin;
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

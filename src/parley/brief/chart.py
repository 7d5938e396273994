"""The brief's chart: events per week, stacked by PLOVER type, as the geometry of a small inline SVG (the HTML
template draws it: no script and no chart library, so it prints the same in every renderer)."""

from __future__ import annotations

from datetime import date

from parley.records import EVENT_TYPES

#: The dashboard's colours (web/static/js/colors.js, TYPE_COLORS), so a type looks the same in both; a test
#: checks that the two tables agree.
TYPE_COLORS = {
    "AGREE": "#08306b", "CONSULT": "#2171b5", "SUPPORT": "#6baed6", "CONCEDE": "#9ecae1",
    "COOPERATE": "#54278f", "AID": "#807dba", "RETREAT": "#bcbddc",
    "REQUEST": "#fdd49e", "ACCUSE": "#fdae6b", "REJECT": "#fd8d3c", "THREATEN": "#f16913",
    "PROTEST": "#d94801", "SANCTION": "#a63603", "MOBILIZE": "#7f2704", "COERCE": "#8c510a", "ASSAULT": "#401f00",
}
#: The dashboard's stance colours (STANCE_COLORS in the same file): for in blues, against in oranges.
STANCE_COLORS = {
    "accept": "#08519c", "support": "#3182bd", "propose": "#6baed6", "demand": "#9ecae1",
    "conditional": "#f0e442", "reject": "#e66101", "oppose": "#8c2d04",
}

WIDTH, HEIGHT = 680, 130  # SVG user units (the template scales the SVG to the page width)
LEFT, BOTTOM, TOP = 26, 18, 14
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _label(day: str) -> str:
    d = date.fromisoformat(day)
    return f"{d.day} {MONTHS[d.month - 1]}"


def weekly_chart(weeks: list[dict]) -> dict:
    """Bars for `weeks` (gather's: start, end, total, by_type): {width, height, bars: [{x, width, label, title,
    segments: [{y, height, color, type, count}]}], ticks: [{y, label}], baseline, legend: [{type, color}]}.
    Segments stack in EVENT_TYPES order from the baseline up; the y axis runs from 0 to the busiest week."""
    peak = max((w["total"] for w in weeks), default=0) or 1
    plot_h = HEIGHT - BOTTOM - TOP
    slot = (WIDTH - LEFT) / max(len(weeks), 1)
    bar_w = min(slot * 0.7, 60)
    bars, present = [], set()
    for n, week in enumerate(weeks):
        x = LEFT + n * slot + (slot - bar_w) / 2
        y = HEIGHT - BOTTOM
        segments = []
        for kind in EVENT_TYPES:
            count = week["by_type"].get(kind, 0)
            if not count:
                continue
            present.add(kind)
            h = count / peak * plot_h
            y -= h
            segments.append({"y": round(y, 1), "height": round(h, 1), "color": TYPE_COLORS.get(kind, "#888"),
                             "type": kind, "count": count})
        span = _label(week["start"]) if week["start"] == week["end"] else \
            f"{_label(week['start'])}–{_label(week['end'])}"
        bars.append({"x": round(x, 1), "width": round(bar_w, 1), "center": round(x + bar_w / 2, 1),
                     "label": _label(week["start"]), "total": week["total"],
                     "title": f"{span}: {week['total']} events", "segments": segments,
                     "top": round(y, 1)})
    ticks = [{"y": HEIGHT - BOTTOM, "label": "0"}, {"y": TOP, "label": str(peak)}]
    return {"width": WIDTH, "height": HEIGHT, "left": LEFT, "baseline": HEIGHT - BOTTOM, "bars": bars,
            "ticks": ticks, "legend": [{"type": t, "color": TYPE_COLORS[t]} for t in EVENT_TYPES if t in present]}


__all__ = ["STANCE_COLORS", "TYPE_COLORS", "weekly_chart"]

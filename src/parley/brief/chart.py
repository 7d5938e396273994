"""The brief's chart: events per week, stacked by PLOVER type, as the geometry of a small inline SVG (the HTML
template draws it: no script and no chart library, so it prints the same in every renderer)."""

from __future__ import annotations

from datetime import date

from parley.records import EVENT_TYPES

#: The dashboard's colours (web/static/js/colors.js, TYPE_COLORS), so a type looks the same in both; a test
#: checks that the two tables agree.
TYPE_COLORS = {
    "AGREE": "#1b7f4b", "CONSULT": "#4aa36c", "SUPPORT": "#7cc08f", "CONCEDE": "#a9d8b3",
    "COOPERATE": "#1f6fa8", "AID": "#4f9bd1", "RETREAT": "#93c3e6",
    "REQUEST": "#e7b33f", "ACCUSE": "#e58b2f", "REJECT": "#d9661f", "THREATEN": "#c8501b",
    "PROTEST": "#b83c6b", "SANCTION": "#9e2a4f", "MOBILIZE": "#8a1f2f", "COERCE": "#b02a22", "ASSAULT": "#6d0f0f",
}
#: The dashboard's stance colours (STANCE_COLORS in the same file).
STANCE_COLORS = {
    "accept": "#1b7f4b", "support": "#5aa86f", "propose": "#4f8fc9", "conditional": "#d8a928",
    "demand": "#d9661f", "reject": "#c0392b", "oppose": "#7b1e1e",
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

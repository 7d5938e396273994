// The article view: the text with event triggers and actors highlighted (in the manner of displaCy),
// and the events and positions read from it. The API gives the spans: actors where the text names them as
// read at ingest, or, for articles stored before Parley kept those offsets, found by name ("guessed").

import { inkOn, legend, stanceColor } from "./colors.js";
import { el, statusBadge, typeBadge, whoToWhom } from "./table.js";

function marks(text, spans, cooperative) {
  const out = [];
  let at = 0;
  const ordered = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const span of ordered) {
    if (span.start < at || span.end > text.length || span.end <= span.start) continue;
    if (span.start > at) out.push(text.slice(at, span.start));
    const kind = span.kind === "trigger" ? `trigger ${cooperative.get(span.ref) ? "coop" : "conflict"}` : span.kind;
    out.push(el("mark", { class: `span ${kind}`, "data-kind": span.kind, "data-ref": span.ref, title: span.label },
      text.slice(span.start, span.end), el("span", { class: "lbl" }, span.label)));
    at = span.end;
  }
  out.push(text.slice(at));
  return out;
}

export function renderArticle(view, article) {
  view.querySelector("#article-title").textContent = article.title || article.id;
  view.querySelector("#article-meta").textContent = [article.published, article.source, article.url]
    .filter(Boolean).join(" · ");
  const cooperative = new Map(article.event_list.map((e) => [e.event_id, e.cooperative]));
  const textView = view.querySelector("#article-text");
  textView.replaceChildren(...marks(article.text, article.spans, cooperative));
  textView.dataset.actorSpans = article.actor_spans;
  const actorLabel = article.actor_spans === "guessed"
    ? "actor (found by name: this article was stored before Parley kept where actors are named)" : "actor";
  legend(view.querySelector("#article-legend"), [
    [actorLabel, "#dbe8ff"], ["cooperative event", "#d4e6f6"], ["conflictual event", "#fddcc0"]]);
  view.querySelector("#article-events tbody").replaceChildren(...article.event_list.map((e) => el("tr",
    { "data-event": e.event_id, "data-mention": e.mention_id },
    el("td", {}, e.in_title ? `headline: ${e.trigger || ""}` : e.trigger || ""),
    el("td", {}, typeBadge(e.type)),
    el("td", {}, whoToWhom(e, null)),
    el("td", {}, statusBadge(e.status)),
    el("td", {}, e.claimed_by ? e.claimed_by.name : ""),
    el("td", {}, e.date || ""))));
  view.querySelector("#article-positions").replaceChildren(...article.position_list.map((p) => el("li",
    { "data-position": p.id },
    `${p.actor.name} on ${p.issue.replaceAll("_", " ")}: `,
    el("span", { class: "stance", style: `background:${stanceColor(p.stance)};color:${inkOn(stanceColor(p.stance))}` }, p.stance),
    ` “${p.evidence || ""}”`)));
}

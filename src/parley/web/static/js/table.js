// The event table and the pieces of an event row that the article view shares.

import { articleHash } from "./address.js";
import { inkOn, typeColor } from "./colors.js";

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function typeBadge(type) {
  return el("span", { class: "type", style: `background:${typeColor(type)};color:${inkOn(typeColor(type))}` }, type);
}

export function statusBadge(status) {
  return el("span", { class: `status status-${status}` }, status);
}

export function actorList(actors, onActor) {
  if (!actors.length) return [el("span", { class: "muted" }, "—")];
  const parts = [];
  actors.forEach((a, i) => {
    if (i) parts.push(", ");
    parts.push(onActor
      ? el("span", { class: "actor-link", "data-actor": a.id, title: `Focus on ${a.name}`, onclick: () => onActor(a) }, a.name)
      : a.name);
  });
  return parts;
}

export function whoToWhom(event, onActor) {
  return [...actorList(event.source, onActor), " → ", ...actorList(event.target, onActor)];
}

function sentenceWithTrigger(sentence, trigger) {
  if (!sentence) return [];
  const at = trigger ? sentence.indexOf(trigger) : -1;
  if (at < 0) return [sentence];
  return [sentence.slice(0, at), el("strong", {}, trigger), sentence.slice(at + trigger.length)];
}

// "Goma, COD"; a country alone as its code; nothing as a dash
function placeOf(location) {
  if (!location) return "—";
  if (location.name && location.country && location.name !== location.country) return `${location.name}, ${location.country}`;
  return location.name || location.country || "—";
}

/** "1 event", "2 events": a count and its noun, singular for one. */
export function counted(n, noun) {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

export function renderEvents(tbody, items, { onActor, onPlace }) {
  tbody.replaceChildren(...items.map((e) => el("tr", { "data-event": e.id, "data-type": e.type },
    el("td", {}, e.date || "—"),
    el("td", {}, typeBadge(e.type)),
    el("td", {}, whoToWhom(e, onActor)),
    el("td", {}, statusBadge(e.status)),
    el("td", {}, e.claimed_by ? e.claimed_by.name : ""),
    el("td", { class: "place-cell" }, onPlace && e.location && e.location.name
      ? el("span", { class: "actor-link place-link", title: `Filter to ${e.location.name}`, tabindex: 0,
                     onclick: () => onPlace({ value: e.location.name, label: e.location.name }),
                     onkeydown: (event) => { if (event.key === "Enter") onPlace({ value: e.location.name, label: e.location.name }); } },
           placeOf(e.location))
      : placeOf(e.location)),
    el("td", { class: "confidence-cell", title: "the event classifier's calibrated confidence in the first report" },
      e.confidence === null || e.confidence === undefined ? "—" : e.confidence.toFixed(2)),
    el("td", { class: "evidence-cell" }, sentenceWithTrigger(e.sentence, e.trigger)),
    el("td", {}, e.article
      ? el("a", { href: articleHash(e.article.id), class: "article-link" }, e.article.title || e.article.id)
      : ""),
    // how many reports (across articles and outlets) were merged into this event
    el("td", { class: "reports-cell" }, String(e.mention_count ?? "")),
  )));
}

// The dashboard: one state object (dates, focused actor, table filters), views that redraw from the API
// when it changes, and a hash router for the article pages. All counting happens in the API's SQL.

import { showAlerts } from "./alerts.js";
import { get } from "./api.js";
import { renderArticle } from "./article.js";
import { QUAD_COLORS, legend, stanceColor, typeColor } from "./colors.js";
import { drawMatrix, showEvidence } from "./matrix.js";
import { drawNetwork } from "./network.js";
import { el, renderEvents } from "./table.js";
import { drawTimeline } from "./timeline.js";

const PAGE = 25;
const $ = (selector) => document.querySelector(selector);

const state = {
  since: null, until: null, actor: null, stack: "type", offset: 0, cell: null,
  filters: { type: "", status: "", issue: "", country: "", q: "" },
};
const cache = { timeline: null, pairs: null, matrix: null };
let meta = null;
const tokens = {};

// Run `load` for `panel`, dropping answers that arrive after a newer request for the same panel.
async function latest(panel, load) {
  const token = (tokens[panel] = (tokens[panel] || 0) + 1);
  const result = await load();
  if (token !== tokens[panel]) throw new Error("stale");
  return result;
}

function eventFilters({ dates = true } = {}) {
  const params = { actor: state.actor && state.actor.id, ...state.filters };
  if (dates) Object.assign(params, { since: state.since, until: state.until });
  return params;
}

function showError(message) {
  const box = $("#events-error");
  box.textContent = message || "";
  box.hidden = !message;
}

function updateFocus() {
  const dates = $("#focus-dates");
  dates.hidden = !state.since;
  dates.replaceChildren(...(state.since ? [`${state.since} – ${state.until}`,
    el("button", { type: "button", title: "Clear dates", onclick: () => setDates(null) }, "×")] : []));
  const actor = $("#focus-actor");
  actor.hidden = !state.actor;
  actor.replaceChildren(...(state.actor ? [`Actor: ${state.actor.name}`,
    el("button", { type: "button", title: "Clear actor", onclick: () => setActor(null) }, "×")] : []));
  const active = [state.since && "dates", state.actor && "actor",
    ...Object.entries(state.filters).filter(([, value]) => value).map(([key, value]) => `${FILTER_NAMES[key]}: ${value}`)]
    .filter(Boolean);
  const reset = $("#reset");
  reset.hidden = !active.length;
  reset.textContent = active.length ? `Clear filters (${active.join(", ")})` : "Clear filters";
  // the Brief link asks for the brief of the actor and dates in focus; without both it opens the brief's form
  const brief = state.actor && state.since
    ? new URLSearchParams({ actor: state.actor.id, since: state.since, until: state.until }) : null;
  if (brief && state.filters.issue) brief.set("issue", state.filters.issue);
  $("#nav-brief").href = brief ? `/brief?${brief}` : "/brief";
}

const FILTER_NAMES = { type: "type", status: "status", issue: "issue", country: "country", q: "search" };

function closeCell() {
  state.cell = null;
  $("#matrix-detail").hidden = true;
  $("#matrix-detail-title").textContent = "";
  $("#matrix-evidence").replaceChildren();
}

// ------------------------------------------------------------------ views

function timelineKeys() {
  return state.stack === "type" ? meta.event_types.map((t) => t.type) : Object.keys(QUAD_COLORS);
}
const timelineColor = (key) => (state.stack === "type" ? typeColor(key) : QUAD_COLORS[key] || "#999");

function paintTimeline() {
  if (!cache.timeline) return;
  drawTimeline($("#timeline"), cache.timeline, {
    keys: timelineKeys(), color: timelineColor,
    selection: state.since ? [state.since, state.until] : null, onBrush: setDates,
  });
  const present = new Set(cache.timeline.by_day.map((d) => d.key));
  legend($("#timeline-legend"), timelineKeys().filter((k) => present.has(k)).map((k) => [k, timelineColor(k)]));
}

async function loadTimeline() {
  cache.timeline = await latest("timeline", () => get("/summary", { ...eventFilters({ dates: false }), by: state.stack, pairs: 1 }));
  paintTimeline();
}

function paintNetwork() {
  if (!cache.pairs) return;
  drawNetwork($("#network"), cache.pairs, { focus: state.actor, onSelect: setActor });
  $("#network-empty").hidden = cache.pairs.length > 0;
}

async function loadNetwork() {
  const summary = await latest("network", () => get("/summary", { ...eventFilters(), pairs: 60 }));
  cache.pairs = summary.pairs;
  paintNetwork();
}

function paintMatrix() {
  const matrix = cache.matrix;
  const cell = state.cell;
  if (cell && !matrix.cells.some((c) => c.actor_id === cell.actor && c.issue === cell.issue)) closeCell();
  drawMatrix($("#matrix"), matrix, { focus: state.actor, selected: state.cell, onCell: openCell });
  $("#matrix-empty").hidden = matrix.actors.length > 0;
  legend($("#stance-legend"), meta.stances.map((s) => [s, stanceColor(s)]));
}

async function loadMatrix() {
  cache.matrix = await latest("matrix", () => get("/positions/matrix", { since: state.since, until: state.until, actors: 30 }));
  paintMatrix();
}

async function openCell(actor, issue) {
  state.cell = { actor: actor.id, issue };
  paintMatrix();
  const page = await get("/positions", { actor: actor.id, issue, order: "oldest", limit: 100 });
  showEvidence($("#matrix-evidence"), $("#matrix-detail-title"), actor, issue, page.items);
  $("#matrix-detail").hidden = false;
}

async function loadEvents() {
  let page;
  try {
    page = await latest("events", () => get("/events", { ...eventFilters(), limit: PAGE, offset: state.offset }));
  } catch (error) {
    if (error.message === "stale") return;
    showError(error.message);
    $("#events-table tbody").replaceChildren();
    $("#events-count").textContent = "";
    return;
  }
  showError("");
  renderEvents($("#events-table tbody"), page.items, { onActor: setActor });
  const last = Math.min(page.offset + page.items.length, page.total);
  $("#events-count").textContent = `${page.total} event${page.total === 1 ? "" : "s"}`;
  $("#page-info").textContent = page.total ? `${page.offset + 1}–${last} of ${page.total}` : "";
  $("#prev-page").disabled = page.offset === 0;
  $("#next-page").disabled = last >= page.total;
}

function ignoreStale(promise) {
  return promise.catch((error) => {
    if (error.message !== "stale") showError(error.message);
  });
}

function refresh({ timeline = true } = {}) {
  updateFocus();
  const jobs = [loadNetwork(), loadMatrix(), loadEvents()];
  if (timeline) jobs.push(loadTimeline());
  return Promise.all(jobs.map(ignoreStale));
}

// ------------------------------------------------------------------ state changes

function setDates(range) {
  [state.since, state.until] = range || [null, null];
  state.offset = 0;
  refresh({ timeline: false });
  if (!range) paintTimeline();
}

function setActor(actor) {
  state.actor = actor && state.actor && state.actor.id === actor.id ? null : actor;
  state.offset = 0;
  if (location.hash.startsWith("#/article")) location.hash = "#/";
  refresh();
}

function readFilterForm() {
  const form = new FormData($("#event-filters"));
  for (const key of Object.keys(state.filters)) state.filters[key] = (form.get(key) || "").trim();
  state.offset = 0;
}

function resetAll() {
  state.since = state.until = state.actor = null;
  state.offset = 0;
  for (const key of Object.keys(state.filters)) state.filters[key] = "";
  $("#event-filters").reset();
  closeCell();
  refresh();
}

// ------------------------------------------------------------------ pages

async function showArticles(q) {
  const page = await get("/articles", { q, limit: 100 });
  $("#articles-count").textContent = `${page.total} article${page.total === 1 ? "" : "s"}`;
  $("#article-list").replaceChildren(...page.items.map((a) => el("li", { "data-article": a.id },
    el("a", { href: `#/article/${encodeURIComponent(a.id)}` }, a.title || a.id),
    el("span", { class: "muted" }, ` ${a.published || ""} · ${a.source || ""} · ${a.events} events · ${a.positions} positions`))));
}

async function showArticle(id) {
  const view = $("#article-view");
  try {
    renderArticle(view, await get(`/articles/${encodeURIComponent(id)}`));
  } catch (error) {
    $("#article-title").textContent = error.message;
    $("#article-text").replaceChildren();
  }
}

let overviewLoaded = false;

function showNotFound(address) {
  for (const view of ["#overview-view", "#articles-view"]) $(view).hidden = true;
  $("#article-view").hidden = false;
  $("#article-title").textContent = `Not found: ${address} is not a valid address. Go back to the overview.`;
  for (const part of ["#article-meta", "#article-text", "#article-legend", "#article-events tbody", "#article-positions"]) {
    $(part).replaceChildren();
  }
}

function route() {
  let hash;
  try {
    hash = decodeURIComponent(location.hash.replace(/^#/, ""));
  } catch {
    showNotFound(location.hash); // a hand-edited or truncated link (#/article/%E0%A4%A)
    return;
  }
  const [, page, id] = hash.split("/");
  $("#overview-view").hidden = page === "article" || page === "articles";
  $("#articles-view").hidden = page !== "articles";
  $("#article-view").hidden = page !== "article";
  if (page === "article" && id) showArticle(id);
  else if (page === "articles") showArticles("");
  else if (!overviewLoaded) { overviewLoaded = true; refresh(); } else { paintTimeline(); paintNetwork(); }
}

function fillSelect(name, values) {
  const select = document.querySelector(`#event-filters select[name=${name}]`);
  select.append(...values.map((v) => el("option", { value: v }, v.replaceAll("_", " "))));
}

async function start() {
  meta = await get("/meta");
  $("#corpus-counts").textContent = `${meta.articles} articles · ${meta.events} events · ${meta.actors} actors · ${meta.positions} positions`;
  fillSelect("type", meta.event_types.map((t) => t.type));
  fillSelect("status", meta.statuses);
  fillSelect("issue", meta.issues);

  $("#event-filters").addEventListener("submit", (event) => { event.preventDefault(); readFilterForm(); refresh(); });
  $("#reset").addEventListener("click", resetAll);
  $("#prev-page").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadEvents(); });
  $("#next-page").addEventListener("click", () => { state.offset += PAGE; loadEvents(); });
  $("#article-search").addEventListener("submit", (event) => {
    event.preventDefault();
    showArticles(new FormData(event.target).get("q")).catch((error) => { $("#articles-count").textContent = error.message; });
  });
  for (const button of document.querySelectorAll("[data-stack]")) {
    button.addEventListener("click", () => {
      state.stack = button.dataset.stack;
      document.querySelectorAll("[data-stack]").forEach((b) => b.classList.toggle("on", b === button));
      ignoreStale(loadTimeline());
    });
  }
  let resizing;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => { paintTimeline(); paintNetwork(); }, 150);
  });
  window.addEventListener("hashchange", route);
  route();
  showAlerts($("#alerts-panel"), $("#alert-list")).catch(() => {});
}

start().catch((error) => {
  document.body.prepend(el("p", { class: "error", id: "fatal" }, `Cannot load the dashboard: ${error.message}`));
});

// The dashboard: one state object (dates, focused actor, table filters), views that redraw from the API
// when it changes, and a hash router for the article pages. All counting happens in the API's SQL.

import { articleHash, parseHash } from "./address.js";
import { showAlerts } from "./alerts.js";
import { get } from "./api.js";
import { renderArticle } from "./article.js";
import { QUAD_COLORS, legend, stanceLegend, typeColor } from "./colors.js";
import { drawMap, loadWorld, mapLegend } from "./map.js";
import { drawMatrix, showEvidence } from "./matrix.js";
import { drawNetwork, foldPairs } from "./network.js";
import { counted, el, renderEvents } from "./table.js";
import { drawTimeline } from "./timeline.js";

const PAGE = 25;
const $ = (selector) => document.querySelector(selector);

const state = {
  since: null, until: null, actor: null, place: null, apart: false, stack: "type", offset: 0, cell: null,
  filters: { type: "", status: "", issue: "", country: "", q: "" },
};
const cache = { timeline: null, pairs: null, matrix: null, places: null, world: null };
const stateNames = new Map(); // country code -> its state's name, for leaders folded into their state
let meta = null;
const tokens = {};

// Run `load` for `panel`, dropping answers that arrive after a newer request for the same panel. The panel
// (#timeline-panel, ...) is marked busy ("Loading…", aria-busy) until its latest request has answered.
async function latest(panel, load) {
  const token = (tokens[panel] = (tokens[panel] || 0) + 1);
  const box = document.getElementById(`${panel}-panel`);
  if (box) { box.classList.add("loading"); box.setAttribute("aria-busy", "true"); }
  try {
    const result = await load();
    if (token !== tokens[panel]) throw new Error("stale");
    return result;
  } finally {
    if (box && token === tokens[panel]) { box.classList.remove("loading"); box.setAttribute("aria-busy", "false"); }
  }
}

function eventFilters({ dates = true } = {}) {
  const params = { actor: state.actor && state.actor.id, place: state.place && state.place.value, ...state.filters };
  // a state in focus brings its leaders and officials, as the network folds them into it
  if (state.actor && !state.apart) params.officials = true;
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
  const place = $("#focus-place");
  place.hidden = !state.place;
  place.replaceChildren(...(state.place ? [`Place: ${state.place.label}`,
    el("button", { type: "button", title: "Clear place", onclick: () => setPlace(null) }, "×")] : []));
  const active = [state.since && "dates", state.actor && "actor", state.place && "place",
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
  writeAddress();
}

const FILTER_NAMES = { type: "type", status: "status", issue: "issue", country: "country", q: "search" };

// The view's state in the address (?since=&until=&actor=&type=&status=&issue=&country=&q=), beside the hash
// that routes pages, so a view can be bookmarked, reloaded and shared as it is.
function writeAddress() {
  const params = new URLSearchParams();
  if (state.since) { params.set("since", state.since); params.set("until", state.until); }
  if (state.actor) params.set("actor", state.actor.id);
  if (state.place) params.set("place", state.place.value);
  if (state.apart) params.set("apart", "1");
  for (const [key, value] of Object.entries(state.filters)) if (value) params.set(key, value);
  const query = params.toString();
  history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
}

async function readAddress() {
  const params = new URLSearchParams(location.search);
  if (params.get("since") && params.get("until")) [state.since, state.until] = [params.get("since"), params.get("until")];
  for (const key of Object.keys(state.filters)) {
    state.filters[key] = (params.get(key) || "").trim();
    const field = document.querySelector(`#event-filters [name=${key}]`);
    if (field) field.value = state.filters[key];
  }
  if (params.get("place")) state.place = { value: params.get("place"), label: params.get("place") };
  state.apart = params.get("apart") === "1";
  $("#leaders-apart").checked = state.apart;
  const actor = params.get("actor");
  if (actor) {
    // the chip shows the actor's name; an id the store does not hold shows as written
    state.actor = await get(`/actors/${encodeURIComponent(actor)}`, { limit: 1 })
      .then((found) => ({ id: found.id, name: found.name }), () => ({ id: actor, name: actor }));
  }
}

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
  const bin = drawTimeline($("#timeline"), cache.timeline, {
    keys: timelineKeys(), color: timelineColor,
    selection: state.since ? [state.since, state.until] : null, onBrush: setDates,
  });
  $("#timeline-panel h2").textContent = `Events per ${bin}`;
  $("#timeline").setAttribute("aria-label", `Events per ${bin}`);
  const present = new Set(cache.timeline.by_day.map((d) => d.key));
  legend($("#timeline-legend"), timelineKeys().filter((k) => present.has(k)).map((k) => [k, timelineColor(k)]));
}

async function loadTimeline() {
  cache.timeline = await latest("timeline", () => get("/summary", { ...eventFilters({ dates: false }), by: state.stack, pairs: 1, step: "auto" }));
  paintTimeline();
}

function paintNetwork() {
  if (!cache.pairs) return;
  const pairs = state.apart ? cache.pairs : foldPairs(cache.pairs, meta.state_sectors, stateNames);
  drawNetwork($("#network"), pairs, { focus: state.actor, onSelect: setActor });
  $("#network-empty").hidden = pairs.length > 0;
}

// The names of the states that leaders and officials fold into: from the pairs themselves, else asked once.
async function learnStateNames(pairs) {
  const wanted = new Set();
  for (const actor of pairs.flatMap((p) => [p.source, p.target])) {
    if (actor.id === `country:${actor.country}`) stateNames.set(actor.country, actor.name);
    else if (actor.country && meta.state_sectors.includes(actor.type)) wanted.add(actor.country);
  }
  await Promise.all([...wanted].filter((code) => !stateNames.has(code)).map((code) =>
    get(`/actors/${encodeURIComponent(`country:${code}`)}`, { limit: 1 })
      .then((found) => stateNames.set(code, found.name), () => stateNames.set(code, code))));
}

async function loadNetwork() {
  const summary = await latest("network", async () => {
    // the network draws the pairs alone: no cells per day (step=none)
    const answer = await get("/summary", { ...eventFilters(), pairs: 60, step: "none" });
    if (!state.apart) await learnStateNames(answer.pairs);
    return answer;
  });
  cache.pairs = summary.pairs;
  paintNetwork();
}

function paintMap() {
  if (!cache.places || !cache.world) return;
  drawMap($("#map"), cache.world, cache.places, { selected: state.place && state.place.value, onSelect: setPlace });
  mapLegend($("#map-legend"), cache.places);
  $("#map-empty").hidden = cache.places.countries.length + cache.places.places.length > 0;
  if (state.place && state.place.label === state.place.value) {
    // opened from an address: name the country its code stands for
    const country = cache.places.countries.find((c) => c.country === state.place.value);
    if (country) { state.place.label = country.name; updateFocus(); }
  }
}

async function loadMap() {
  [cache.places, cache.world] = await latest("map", () => Promise.all([get("/places", eventFilters()), loadWorld()]));
  paintMap();
}

function paintMatrix() {
  const matrix = cache.matrix;
  const cell = state.cell;
  if (cell && !matrix.cells.some((c) => c.actor_id === cell.actor && c.issue === cell.issue)) closeCell();
  drawMatrix($("#matrix"), matrix, { focus: state.actor, selected: state.cell, onCell: openCell });
  $("#matrix-empty").hidden = matrix.actors.length > 0;
  stanceLegend($("#stance-legend"), meta.stances, meta.leanings || {});
}

async function loadMatrix() {
  // the grid follows every filter: the actor, issue and dates select positions; the rest, the articles
  // reporting the events selected
  cache.matrix = await latest("matrix", () => get("/positions/matrix", { ...eventFilters(), actors: 30 }));
  paintMatrix();
}

// A cell shows its evidence over time and filters the other views to its actor and issue; the selected cell
// clicked again lets them go.
async function openCell(actor, issue) {
  const again = state.cell && state.cell.actor === actor.id && state.cell.issue === issue;
  if (again) {
    closeCell();
    state.actor = null;
    setFilter("issue", "");
    state.offset = 0;
    refresh();
    return;
  }
  state.cell = { actor: actor.id, issue };
  state.actor = { id: actor.id, name: actor.name };
  setFilter("issue", issue);
  state.offset = 0;
  refresh();
  const page = await get("/positions", { actor: actor.id, issue, order: "oldest", limit: 100 });
  if (!state.cell || state.cell.actor !== actor.id || state.cell.issue !== issue) return;
  showEvidence($("#matrix-evidence"), $("#matrix-detail-title"), actor, issue, page.items);
  $("#matrix-detail").hidden = false;
}

function setFilter(key, value) {
  state.filters[key] = value;
  const field = document.querySelector(`#event-filters [name=${key}]`);
  if (field) field.value = value;
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
  renderEvents($("#events-table tbody"), page.items, { onActor: setActor, onPlace: setPlace });
  const last = Math.min(page.offset + page.items.length, page.total);
  $("#events-count").textContent = counted(page.total, "event");
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
  const jobs = [loadNetwork(), loadMatrix(), loadMap(), loadEvents()];
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

function setPlace(place) {
  state.place = place && state.place && state.place.value === place.value ? null : place;
  state.offset = 0;
  refresh();
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
  state.since = state.until = state.actor = state.place = null;
  state.offset = 0;
  for (const key of Object.keys(state.filters)) state.filters[key] = "";
  $("#event-filters").reset();
  closeCell();
  refresh();
}

// ------------------------------------------------------------------ pages

async function showArticles(q) {
  const page = await get("/articles", { q, limit: 100 });
  $("#articles-count").textContent = counted(page.total, "article");
  $("#article-list").replaceChildren(...page.items.map((a) => el("li", { "data-article": a.id },
    el("a", { href: articleHash(a.id) }, a.title || a.id),
    el("span", { class: "muted" }, ` ${a.published || ""} · ${a.source || ""} · ${counted(a.events, "event")} · ${counted(a.positions, "position")}`))));
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
  let page, id;
  try {
    ({ page, id } = parseHash(location.hash));
  } catch {
    showNotFound(location.hash); // a hand-edited or truncated link (#/article/%E0%A4%A)
    return;
  }
  $("#overview-view").hidden = page === "article" || page === "articles";
  $("#articles-view").hidden = page !== "articles";
  $("#article-view").hidden = page !== "article";
  if (page === "article" && id) showArticle(id);
  else if (page === "articles") showArticles("");
  else if (!overviewLoaded) { overviewLoaded = true; refresh(); } else { paintTimeline(); paintNetwork(); paintMap(); }
}

function fillSelect(name, values) {
  const select = document.querySelector(`#event-filters select[name=${name}]`);
  select.append(...values.map((v) => el("option", { value: v }, v.replaceAll("_", " "))));
}

async function start() {
  meta = await get("/meta");
  $("#corpus-counts").textContent = [counted(meta.articles, "article"), counted(meta.events, "event"), counted(meta.actors, "actor"), counted(meta.positions, "position")].join(" · ");
  fillSelect("type", meta.event_types.map((t) => t.type));
  fillSelect("status", meta.statuses);
  fillSelect("issue", meta.issues);

  $("#event-filters").addEventListener("submit", (event) => { event.preventDefault(); readFilterForm(); refresh(); });
  $("#reset").addEventListener("click", resetAll);
  $("#leaders-apart").addEventListener("change", (event) => {
    state.apart = event.target.checked;
    // with a state in focus, its leaders' events come and go with the fold
    if (state.actor) refresh(); else { writeAddress(); ignoreStale(loadNetwork()); }
  });
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
    resizing = setTimeout(() => { paintTimeline(); paintNetwork(); paintMap(); }, 150);
  });
  window.addEventListener("hashchange", route);
  await readAddress();
  route();
  showAlerts($("#alerts-panel"), $("#alert-list")).catch(() => {});
}

start().catch((error) => {
  document.body.prepend(el("p", { class: "error", id: "fatal" }, `Cannot load the dashboard: ${error.message}`));
});

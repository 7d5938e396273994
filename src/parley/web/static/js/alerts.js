// The latest alerts `parley watch` raised: a short list above the charts, shown only when there are any.

import { get } from "./api.js";
import { el } from "./table.js";

export async function showAlerts(panel, list, limit = 5) {
  const page = await get("/alerts", { limit });
  panel.hidden = page.total === 0;
  list.replaceChildren(...page.items.map((a) => el("li", { "data-alert": a.id },
    el("strong", {}, a.title), " ", el("span", { class: "muted" }, `(${a.rule}${a.detail ? `; ${a.detail}` : ""})`),
    a.evidence ? el("div", {}, `“${a.evidence}”`) : null,
    el("div", { class: "muted" },
      a.outlet || "", a.url ? [" · ", el("a", { href: a.url, rel: "noopener" }, "source")] : null,
      a.article_id ? [" · ", el("a", { href: `#/article/${encodeURIComponent(a.article_id)}` }, "article")] : null,
      ` · raised ${a.created_at.slice(0, 16).replace("T", " ")}`),
  )));
}

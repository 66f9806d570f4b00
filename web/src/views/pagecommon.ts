// What the partnership and event pages share: the facts list, parties with their sources, the
// numbered source list with publisher, dates and retrieval date.

import { profilePath } from "../lib/api";
import { h, extLink, type Child } from "../lib/dom";
import { Word, countryName, fmtDate, word } from "../lib/labels";
import { pagePath, type PageLink, type PageParty, type PageSource } from "../lib/pages";
import { kindBadge, uncertainMark } from "../components/common";

/** A definition list of the facts that are there. */
export function factList(rows: [string, Child][]): HTMLElement {
  const shown = rows.filter(([, v]) => v !== null && v !== undefined && v !== "");
  return h("dl", { class: "facts" }, ...shown.flatMap(([k, v]) => [h("dt", null, k), h("dd", null, v)]));
}

/** Numbered references to sources of the page ("[1]", "[2]") linking to the source itself. */
export function sourceRefs(ids: string[], index: Map<string, number>, byId: Map<string, PageSource>): HTMLElement | null {
  if (!ids.length) return null;
  return h("span", { class: "source-refs small" }, ids.length === 1 ? "Source " : "Sources ",
    ...ids.map((id, i) => {
      const s = byId.get(id);
      const n = index.get(id);
      const label = n ? `[${n}]` : id;
      return [i > 0 ? " " : null, s?.url ? extLink(s.url, h("span", { "aria-hidden": "true" }, label), h("span", { class: "sr-only" }, s.title || s.url)) : h("span", null, label)];
    }));
}

/** The parties of a partnership or the participants of an event, each linked to its profile. */
export function partyList(parties: PageParty[], index: Map<string, number>, byId: Map<string, PageSource>, label: string): HTMLElement {
  if (!parties.length) return h("p", { class: "muted" }, "None recorded.");
  return h("ul", { class: "fact-list party-list", "aria-label": label }, ...parties.map((p) => {
    const href = profilePath(p.kind, p.id);
    return h("li", null,
      h("div", { class: "party-head" }, href ? h("a", { href, class: "entity" }, p.name || p.id) : h("span", null, p.name || p.id), " ",
        kindBadge(p.kind, p.type), p.country ? h("span", { class: "muted small" }, ` ${countryName(p.country)}`) : null),
      p.role || p.lead ? h("div", { class: "small" }, [p.role, p.lead ? `${word(p.lead)}` : ""].filter(Boolean).join(" · ")) : null,
      p.uncertain ? h("div", { class: "small" }, uncertainMark(p.note), p.note ? ` ${p.note}` : "") : null,
      sourceRefs(p.sources, index, byId));
  }));
}

/** Events a partnership resulted from, or partnerships an event resulted in. */
export function linkList(links: PageLink[], index: Map<string, number>, byId: Map<string, PageSource>, label: string): HTMLElement {
  if (!links.length) return h("p", { class: "muted" }, "None recorded.");
  return h("ul", { class: "fact-list", "aria-label": label }, ...links.map((l) => {
    const href = pagePath(l.kind, l.id);
    return h("li", null,
      href ? h("a", { href, class: "entity" }, l.name || l.id) : h("span", null, l.name || l.id),
      h("div", { class: "small muted" }, [l.type ? Word(l.type) : "", l.status ? word(l.status) : "", [fmtDate(l.start), fmtDate(l.end)].filter(Boolean).join(" – ")].filter(Boolean).join(" · ")),
      sourceRefs(l.sources, index, byId));
  }));
}

/** Every source of the page, numbered, with title, publisher, publication and retrieval dates. */
export function pageSources(sources: PageSource[]): HTMLElement {
  if (!sources.length) return h("p", { class: "muted" }, "No source recorded.");
  return h("ol", { class: "source-list page-sources", "aria-label": "Sources" }, ...sources.map((s) =>
    h("li", { class: "source", id: `src-${s.id.replace(/[^A-Za-z0-9_-]/g, "-")}` },
      s.url ? extLink(s.url, s.title || s.url) : h("span", null, s.title || s.id),
      h("div", { class: "muted small" }, [s.publisher, s.published ? `published ${fmtDate(s.published)}` : "", s.retrieved ? `retrieved ${fmtDate(s.retrieved)}` : ""].filter(Boolean).join(" · ")),
      s.url ? h("div", { class: "source-url small" }, s.url) : null)));
}

export function indexOf(sources: PageSource[]): { index: Map<string, number>; byId: Map<string, PageSource> } {
  return { index: new Map(sources.map((s, i) => [s.id, i + 1])), byId: new Map(sources.map((s) => [s.id, s])) };
}

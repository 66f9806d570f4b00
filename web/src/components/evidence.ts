// The evidence behind the partnership map: each partnership of a link with its parties,
// status, dates and source links, and the map's legend. The map's panel and table and the
// printable report show them alike.

import { reportButton } from "./reporterror";
import { h, extLink } from "../lib/dom";
import { PARTNERSHIP_KINDS, Word, fmtDate, orgColor, partnershipColor, word } from "../lib/labels";
import { pagePath, type MapPartnership } from "../lib/pages";

/** A partnership's dates: "2022-08 – 2024", "since 2022-08", "undated". */
export function spanOf(p: { start?: string; end?: string }): string {
  if (p.start && p.end) return `${fmtDate(p.start)} – ${fmtDate(p.end)}`;
  if (p.start) return `since ${fmtDate(p.start)}`;
  if (p.end) return `until ${fmtDate(p.end)}`;
  return "undated";
}

/** One partnership: its name linking to its page, then status, dates, parties and sources. */
export function partnershipItem(p: MapPartnership): HTMLElement {
  return h("li", { class: "evidence-item" },
    h("a", { href: pagePath("partnership", p.id)!, class: "evidence-name" }, p.name || p.id),
    h("div", { class: "evidence-meta small" }, `${Word(p.status)} · ${spanOf(p)}`),
    p.parties.length ? h("div", { class: "evidence-parties small" }, "Parties: ", p.parties.map((x) => x.name).join(", ")) : null,
    sourceList(p.sources), reportButton(p.id, `Partnership: ${p.name || p.id}`));
}

/** Sources as links (title, then the URL in print), or "no source" said plainly. */
export function sourceList(sources: MapPartnership["sources"]): HTMLElement {
  if (!sources.length) return h("div", { class: "evidence-sources small muted" }, "No source recorded");
  return h("div", { class: "evidence-sources small" }, sources.length === 1 ? "Source: " : "Sources: ",
    ...sources.map((s, i) => [i > 0 ? "; " : null, s.url ? extLink(s.url, s.title || s.url) : h("span", null, s.title || s.id)]));
}

/** The partnerships of a link (or of several) as a list. */
export function partnershipList(ps: MapPartnership[], label = "Partnerships"): HTMLElement {
  return h("ul", { class: "evidence-list", "aria-label": label }, ...ps.map(partnershipItem));
}

export interface LegendEntry { label: string; color: string; shape: "line" | "dot" }

/** The legend: every partnership kind (each has its colour, present or not), then the kinds
 * of organization shown. */
export function legendEntries(orgKinds: string[], withOrgs = true): { types: LegendEntry[]; orgs: LegendEntry[] } {
  return {
    types: PARTNERSHIP_KINDS.map((t) => ({ label: Word(t), color: partnershipColor(t), shape: "line" as const })),
    orgs: withOrgs ? [...new Set(orgKinds)].sort().map((t) => ({ label: Word(t), color: orgColor(t), shape: "dot" as const })) : [],
  };
}

export function legendBlock(orgKinds: string[], withOrgs = true, present?: Set<string>): HTMLElement {
  const { types, orgs } = legendEntries(orgKinds, withOrgs);
  const item = (e: LegendEntry, dim = false) => h("li", { class: dim ? "legend-absent" : undefined, title: dim ? "none on this map" : undefined },
    h("span", { class: `swatch${e.shape === "line" ? " swatch-line" : ""}`, style: { background: e.color }, "aria-hidden": "true" }), e.label);
  return h("div", { class: "legend-block" },
    h("h3", null, "Partnership types"),
    h("ul", { class: "legend" }, ...types.map((e, i) => item(e, !!present && !present.has(PARTNERSHIP_KINDS[i])))),
    orgs.length ? h("h3", null, "Organizations") : null,
    orgs.length ? h("ul", { class: "legend" }, ...orgs.map((e) => item(e))) : null);
}

/** The filters in words, for titles and exports: "Topic: Cryomedicine · Country: China". */
export function filterWords(f: Record<string, string | undefined>, names: { topic?: string; country?: string } = {}): string[] {
  const out: string[] = [];
  if (f.topic) out.push(`Topic: ${names.topic ?? f.topic}`);
  if (f.country) out.push(`Country: ${names.country ?? f.country}`);
  if (f.orgKind) out.push(`Organizations: ${word(f.orgKind)}`);
  if (f.type) out.push(`Type: ${word(f.type)}`);
  if (f.level === "unit") out.push("Level: units");
  if (f.from || f.to) out.push(`Active ${f.from ?? "…"}–${f.to ?? "…"}`);
  if (f.asOf) out.push(`In force as of ${f.asOf}`);
  return out;
}

// Profiles of people, organizations and topics: who and what, an interactive ego network, a
// timeline, every fact with its sources, and for people, collaborator suggestions.

import { ApiError, getJSON, isAbort, profileAPI, profilePath } from "../lib/api";
import { navigate } from "../lib/router";
import { h, replace, extLink, type Child } from "../lib/dom";
import { Word, countryName, fmtDate, fmtSpan, word } from "../lib/labels";
import { hrefWith, type Route } from "../lib/router";
import type { Fact, GNode, PartnershipRef, Profile, Source, SuggestionsResult } from "../lib/types";
import { reportButton } from "../components/reporterror";
import { historySection } from "../components/history";
import { announceView, empty, entityLink, errorBox, kindBadge, loading, section, sourceItem, sourceLinks, sourceTitle, uncertainMark } from "../components/common";
import { timeline, type TimelineItem } from "../components/timeline";
import { publicationsSection } from "../components/publications";

export function profileView(root: HTMLElement, route: Route, signal: AbortSignal): () => void {
  const kind = route.view; // person, organization, topic
  const id = route.id!;
  let destroy: (() => void) | undefined;
  replace(root, loading("Loading the profile"));

  const load = async () => {
    try {
      const p = await getJSON<Profile>(profileAPI(kind, id)!, undefined, signal);
      destroy = await render(root, p, signal);
    } catch (err) {
      if (isAbort(err)) return;
      if (err instanceof ApiError && err.status === 404) {
        await notFound(root, kind, id);
        return;
      }
      replace(root, errorBox(err, () => void load()));
      announceView("Profile not available");
    }
  };
  void load();
  return () => destroy?.();
}

async function render(root: HTMLElement, p: Profile, signal: AbortSignal): Promise<() => void> {
  const e = p.entity;
  const name = String(e.name ?? e.id);
  const byId = new Map<string, Source>((p.sources ?? []).map((s) => [s.id, s]));
  const heading = h("h1", null, name);

  const graphBox = h("div", { class: "graph-box" }, loading("Drawing the network"));
  const facts = factSections(p, byId);
  const tl = timelineItems(p);

  replace(root,
    h("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, h("a", { href: "/experts" }, "Experts"), " › ", Word(p.kind)),
    h("header", { class: "profile-head" },
      h("div", null, heading, h("p", { class: "profile-kind" }, kindBadge(p.kind, typeof e.kind === "string" ? e.kind : undefined),
        e.country ? h("span", null, countryName(String(e.country))) : null,
        e.city ? h("span", null, String(e.city)) : null)),
      h("div", { class: "actions" },
        p.kind !== "topic" ? h("a", { class: "btn", href: hrefWith("/paths", { from: e.id }) }, "How are we connected?") : null,
        p.kind === "topic" ? h("a", { class: "btn btn-primary", href: hrefWith("/experts", { topic: e.id }) }, "Find experts on this topic") : null,
        p.kind === "organization" ? h("a", { class: "btn", href: hrefWith("/map", { focus: e.id }) }, "On the partnership map") : null,
        p.kind !== "topic" ? h("a", { class: "btn", href: hrefWith("/edit", { id: e.id }), title: "Editors: correct this entry" }, "Correct") : null,
        p.kind === "person" ? h("a", { class: "btn", href: hrefWith("/edit", { new: "link", from: e.id }), title: "Editors: add an affiliation or another link" }, "Add a fact") : null,
      ),
    ),
    entityFacts(e, p.provenance, byId),
    h("div", { class: `profile-grid${tl.length ? "" : " profile-grid-single"}` },
      h("section", { class: "card card-graph", "aria-labelledby": "net-title" }, h("h2", { id: "net-title" }, "Network"), graphBox),
      // Topics have no dated facts of their own: no empty timeline for them.
      tl.length ? h("section", { class: "card", "aria-labelledby": "tl-title" }, h("h2", { id: "tl-title" }, "Timeline"), timeline(tl, `Timeline of ${name}`)) : null,
    ),
    p.kind === "person" ? suggestionsSection(e.id, signal) : null,
    ...facts,
    p.kind === "person" ? publicationsSection(e.id, signal, p.publicationCount) : null,
    historySection(p.kind, e.id, signal, (sid) => byId.get(sid)?.title),
    section(`Sources (${(p.sources ?? []).length})`,
      (p.sources ?? []).length ? h("ol", { class: "source-list" }, ...(p.sources ?? []).map(sourceItem)) : h("p", { class: "muted" }, "No sources recorded.")),
  );
  announceView(name, heading);

  // Cytoscape is loaded only for profiles.
  const { egoNetwork } = await import("../components/ego");
  if (signal.aborted) return () => {};
  const net = egoNetwork(p, graphBox);
  return () => net.destroy();
}

/** The entity's own properties worth showing: aliases, notes, external ids. */
function entityFacts(e: Profile["entity"], provenance: Profile["provenance"], byId: Map<string, Source>): HTMLElement | null {
  const rows: [string, Child][] = [];
  const aliases = Array.isArray(e.aliases) ? (e.aliases as string[]) : [];
  if (aliases.length) rows.push(["Also known as", aliases.join(" · ")]);
  if (e.description) rows.push(["About", String(e.description)]);
  if (e.founded) rows.push(["Founded", fmtDate(String(e.founded))]);
  if (e.start || e.end) rows.push(["When", fmtSpan(e.start as string, e.end as string)]);
  if (e.place) rows.push(["Where", String(e.place)]);
  if (e.status) rows.push(["Status", Word(String(e.status))]);
  if (e.orcid) rows.push(["ORCID", extLink(`https://orcid.org/${e.orcid}`, String(e.orcid))]);
  if (e.openalex) rows.push(["OpenAlex", extLink(`https://openalex.org/${e.openalex}`, String(e.openalex))]);
  if (e.wikidata) rows.push(["Wikidata", extLink(`https://www.wikidata.org/wiki/${e.wikidata}`, String(e.wikidata))]);
  if (e.ror) rows.push(["ROR", extLink(String(e.ror).startsWith("http") ? String(e.ror) : `https://ror.org/${e.ror}`, String(e.ror))]);
  if (e.note) rows.push(["Note", h("span", null, e.uncertain ? [uncertainMark(), " "] : null, String(e.note))]);
  else if (e.uncertain) rows.push(["Note", uncertainMark()]);
  // Which sources support the name, each alias and the country.
  if (provenance?.length) rows.push(["Sources of", provenanceBlock(provenance, byId)]);
  if (!rows.length) return null;
  return h("dl", { class: "facts card" }, ...rows.flatMap(([k, v]) => [h("dt", null, k), h("dd", null, v)]));
}

/**
 * Which sources support the name, each alias and the country: each source once, with what it
 * supports, folded behind a summary so that a phone is not handed a wall of titles.
 */
function provenanceBlock(provenance: NonNullable<Profile["provenance"]>, byId: Map<string, Source>): HTMLElement {
  const bySource = new Map<string, string[]>();
  for (const f of provenance) {
    const what = f.field === "alias" ? `alias “${f.value}”` : f.field === "country" ? `country (${countryName(f.value)})` : f.field;
    for (const id of f.sources ?? []) {
      const list = bySource.get(id) ?? [];
      if (!list.includes(what)) list.push(what);
      bySource.set(id, list);
    }
  }
  const fields = [...new Set(provenance.map((f) => f.field))];
  const n = bySource.size;
  return h("details", { class: "prov" },
    h("summary", null, `${n} ${n === 1 ? "source" : "sources"}`, h("span", { class: "muted small" }, ` for the ${fields.map((f) => (f === "alias" ? "aliases" : f)).join(", ")}`)),
    h("ul", { class: "prov-list" }, ...[...bySource].map(([id, what]) => {
      const src = byId.get(id) ?? { id, url: "", title: id };
      return h("li", null,
        src.url ? extLink(src.url, sourceTitle(src)) : h("span", null, sourceTitle(src)),
        h("span", { class: "prov-fields small" }, `supports: ${what.join(", ")}`));
    })));
}

function timelineItems(p: Profile): TimelineItem[] {
  const items: TimelineItem[] = [];
  const fact = (group: string) => (f: Fact) => items.push({
    label: entityLink(f.other),
    group,
    start: f.since,
    end: f.until,
    at: !f.since && !f.until ? f.asOf : undefined,
    ongoing: !!f.since && !f.until,
    detail: [word(f.rel), f.title || f.role].filter(Boolean).join(": "),
  });
  p.affiliations?.forEach(fact("affiliation"));
  p.people?.forEach(fact("affiliation"));
  for (const ps of p.partnerships ?? []) {
    items.push({
      label: h("span", null, ps.name),
      group: "partnership",
      start: ps.start,
      end: ps.end,
      ongoing: !!ps.start && !ps.end && (ps.status === "active" || ps.status === "agreed"),
      detail: `${word(ps.type)}, ${word(ps.status)}`,
    });
  }
  p.events?.forEach(fact("event"));
  return items;
}

// What a fact at a sub-unit says, as a verb: "leads <sub-unit>, part of <organization>".
const relVerbs: Record<string, string> = { LEADS: "leads", AFFILIATED_WITH: "affiliated with", MEMBER_OF: "member of", FOUNDED: "founded" };

function factList(title: string, facts: Fact[] | undefined, byId: Map<string, Source>, self?: string): HTMLElement | null {
  if (!facts?.length) return null;
  return section(`${title} (${facts.length})`, h("ul", { class: "fact-list" }, ...facts.map((f) => h("li", null,
    h("div", { class: "fact-main" },
      entityLink(f.other, { badge: f.other.kind !== "person" && f.other.kind !== "topic", type: f.other.type }),
      f.title || f.role ? h("span", { class: "role" }, ` — ${f.title || f.role}`) : null,
      fmtSpan(f.since, f.until, f.asOf) ? h("span", { class: "muted small" }, ` · ${fmtSpan(f.since, f.until, f.asOf)}`) : null,
      f.uncertain ? [" ", uncertainMark(f.note)] : null),
    f.note ? h("p", { class: "muted small note" }, f.note) : null,
    sourceLinks(f.sources, byId),
    self ? [" ", reportButton(self, `${title}: ${f.other.name ?? f.other.id}${f.title || f.role ? ` (${f.title || f.role})` : ""}${fmtSpan(f.since, f.until, f.asOf) ? `, ${fmtSpan(f.since, f.until, f.asOf)}` : ""}`)] : null))));
}

// An organization's people, each person once with every fact that puts them there ("People"
// counts people, as peopleCount does, not facts).
function peopleList(facts: Fact[] | undefined, byId: Map<string, Source>, count: number | undefined, partOf: string): HTMLElement | null {
  if (!facts?.length) return null;
  const byPerson = new Map<string, Fact[]>();
  for (const f of facts) byPerson.set(f.other.id, [...(byPerson.get(f.other.id) ?? []), f]);
  return section(`People (${count ?? byPerson.size})`, h("ul", { class: "fact-list" }, ...[...byPerson.values()].map((fs) => h("li", null,
    h("div", { class: "fact-main" }, entityLink(fs[0].other)),
    ...fs.map((f) => h("div", { class: "small" },
      `${relVerbs[f.rel] ?? f.rel.toLowerCase()} `, f.at ? [entityLink(f.at), `, part of ${partOf}`] : partOf,
      f.title || f.role ? h("span", { class: "role" }, ` — ${f.title || f.role}`) : null,
      fmtSpan(f.since, f.until, f.asOf) ? h("span", { class: "muted small" }, ` · ${fmtSpan(f.since, f.until, f.asOf)}`) : null,
      f.uncertain ? [" ", uncertainMark(f.note)] : null,
      sourceLinks(f.sources, byId)))))));
}

// Co-authors, each with the works shared (the latest three), DOI linked.
function coauthorList(cs: Profile["coauthors"]): HTMLElement | null {
  if (!cs?.length) return null;
  return section(`Co-authors (${cs.length})`, h("ul", { class: "node-list" }, ...cs.map((c) => h("li", null,
    entityLink(c),
    c.works?.length ? h("span", { class: "muted small" }, " — co-authored ",
      ...c.works.flatMap((w, i) => [i ? "; " : null, h("cite", null, w.title), w.year ? ` (${w.year})` : null,
        w.doi ? [" ", h("a", { href: w.url || `https://doi.org/${w.doi}`, rel: "noopener", target: "_blank" }, `doi:${w.doi}`)] : null])) : null))));
}

function nodeList(title: string, nodes: GNode[] | undefined, byId?: Map<string, Source>): HTMLElement | null {
  if (!nodes?.length) return null;
  return section(`${title} (${nodes.length})`, h("ul", { class: "node-list" }, ...nodes.map((n) => h("li", null,
    entityLink(n, { badge: n.kind === "organization", type: n.type }),
    n.country ? h("span", { class: "muted small" }, ` ${countryName(n.country)}`) : null,
    byId && n.sources?.length ? sourceLinks(n.sources, byId) : null))));
}

function partnershipList(ps: PartnershipRef[] | undefined, byId: Map<string, Source>, self: string): HTMLElement | null {
  if (!ps?.length) return null;
  return section(`Partnerships (${ps.length})`, h("ul", { class: "partnership-list" }, ...ps.map((x) => h("li", { class: "partnership" },
    h("div", { class: "fact-main" }, h("strong", null, x.name), " ", kindBadge("partnership", x.type),
      h("span", { class: `status status-${x.status}` }, word(x.status)),
      fmtSpan(x.start, x.end) ? h("span", { class: "muted small" }, ` ${fmtSpan(x.start, x.end)}`) : null,
      x.uncertain ? [" ", uncertainMark()] : null),
    x.role ? h("p", { class: "muted small" }, `Role: ${x.role}`) : null,
    h("p", null, h("span", { class: "muted small" }, "Parties: "),
      ...(x.parties ?? []).filter((pt) => pt.id !== self).flatMap((pt, i) => [i ? ", " : null, entityLink(pt)])),
    x.topics?.length ? h("p", null, h("span", { class: "muted small" }, "About: "),
      ...x.topics.flatMap((t, i) => [i ? ", " : null, entityLink(t)])) : null,
    sourceLinks(x.sources, byId), " ", reportButton(x.id, `Partnership: ${x.name}`)))));
}

function factSections(p: Profile, byId: Map<string, Source>): (HTMLElement | null)[] {
  const self = p.entity.id;
  return [
    factList("Affiliations", p.affiliations, byId, self),
    nodeList(p.kind === "topic" ? "Broader topics" : "Part of", p.parents, byId),
    nodeList("Sub-units", p.subUnits, byId),
    peopleList(p.people, byId, p.peopleCount, String(p.entity.name ?? p.entity.id)),
    factList("Topics", p.topics, byId, self),
    nodeList("Subtopics", p.subtopics),
    nodeList("Experts (this topic and its subtopics)", p.experts),
    nodeList("Institutions", p.institutions),
    partnershipList(p.partnerships, byId, self),
    nodeList("Partner organizations", p.partners),
    factList("Events", p.events, byId, self),
    p.kind === "person" ? null : factList("Publications", p.publications, byId, self), // a person's: publicationsSection
    coauthorList(p.coauthors),
    factList("Related", p.related, byId, self),
  ];
}

function suggestionsSection(id: string, signal: AbortSignal): HTMLElement {
  const body = h("div", null, loading("Finding collaborators"));
  const load = async () => {
    try {
      const res = await getJSON<SuggestionsResult>(`/api/v1/people/${encodeURIComponent(id)}/suggestions`, { limit: 6 }, signal);
      const list = res.suggestions ?? [];
      if (!list.length) {
        replace(body, empty("No suggestions yet.", h("p", null, "Suggestions come from shared topics, partnerships and co-authors outside the person's own institution.")));
        return;
      }
      replace(body, h("ul", { class: "suggestions" }, ...list.map((s) => h("li", { class: "suggestion" },
        h("div", { class: "fact-main" }, entityLink(s.person),
          s.person.country ? h("span", { class: "muted small" }, ` ${countryName(s.person.country)}`) : null),
        s.institutions?.length ? h("p", { class: "small" }, ...s.institutions.flatMap((i, k) => [k ? ", " : null, entityLink(i)])) : null,
        s.reasons?.length ? h("ul", { class: "reasons", "aria-label": "Why" }, ...s.reasons.map((r) => h("li", null, r))) : null,
        h("a", { class: "btn btn-small", href: hrefWith("/paths", { from: id, to: s.person.id }) }, "How are we connected?")))));
    } catch (err) {
      if (isAbort(err)) return;
      replace(body, errorBox(err, () => void load()));
    }
  };
  void load();
  return h("section", { class: "card", "aria-labelledby": "sugg-title" },
    h("h2", { id: "sugg-title" }, "People to work with"),
    h("p", { class: "muted small" }, "Suggested collaborators, each with the reasons."),
    body);
}


/** An unknown id: say so plainly and offer a search, rather than the API's text and a retry. */
async function notFound(root: HTMLElement, kind: string, id: string): Promise<void> {
  const { combobox } = await import("../components/combobox");
  const heading = h("h1", null, `No such ${word(kind)}`);
  const search = combobox({
    label: "Search people, organizations and topics",
    placeholder: "e.g. Xu Yi, USST, nanowarming",
    name: "q",
    onSelect: (n) => {
      const href = profilePath(n.kind, n.id);
      navigate(href ?? hrefWith("/experts", { q: n.name }));
    },
    onSubmit: (text) => navigate(hrefWith("/experts", { q: text })),
  });
  replace(root,
    h("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, h("a", { href: "/experts" }, "Experts"), " › ", Word(kind)),
    h("div", { class: "page-head not-found" }, heading,
      h("p", { class: "lead" }, "Nothing in the graph has the id ", h("code", null, id), ". It may have been renamed or merged, or the link is mistyped."),
      h("form", { class: "card", role: "search", "aria-label": "Search instead", onsubmit: (e: Event) => e.preventDefault() }, search.el)),
  );
  announceView(`No such ${word(kind)}`, heading);
}

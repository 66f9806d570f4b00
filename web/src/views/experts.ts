// The expert finder: free text or a topic, narrowed by country, kind of organization and
// activity date; every expert with institutions, matched topics and the evidence, sourced.

import { getJSON, isAbort, profilePath } from "../lib/api";
import { h, replace, uid } from "../lib/dom";
import { COUNTRIES, ORG_KINDS, Word, countryName, plural } from "../lib/labels";
import { navigate, setQuery, hrefWith, type Route } from "../lib/router";
import { topicTree, topicName } from "../lib/topics";
import type { Expert, ExpertResult, Evidence, TopicNode, WorkRef } from "../lib/types";
import { combobox } from "../components/combobox";
import { reportButton } from "../components/reporterror";
import { announceView, empty, entityLink, errorBox, loading, sourceLinks, uncertainMark } from "../components/common";

const PAGE = 20;
const PAGE_SIZES = [5, 10, 20, 50];
type Sort = "evidence" | "name" | "recent";
const SORTS: [Sort, string][] = [["evidence", "Most evidence"], ["name", "Name (A–Z)"], ["recent", "Most recent evidence"]];

interface State {
  q: string;
  topic: string;
  country: string;
  orgKind: string;
  since: string;
  offset: number;
  /** Page size, sent to the API as limit. */
  limit: number;
  /** The order of the page's experts, applied here (the API orders by evidence). */
  sort: Sort;
}

export function expertsView(root: HTMLElement, route: Route, signal: AbortSignal): void {
  const p = route.params;
  const st: State = {
    q: p.get("q") ?? "",
    topic: p.get("topic") ?? "",
    country: p.get("country") ?? "",
    orgKind: p.get("orgKind") ?? "",
    since: p.get("since") ?? "",
    offset: Math.max(0, Number(p.get("offset")) || 0),
    limit: PAGE_SIZES.includes(Number(p.get("limit"))) ? Number(p.get("limit")) : PAGE,
    sort: (SORTS.find(([k]) => k === p.get("sort"))?.[0]) ?? "evidence",
  };
  let topics: TopicNode[] = [];

  const heading = h("h1", null, "Find experts");
  const results = h("div", { class: "results", "aria-live": "polite", "aria-busy": "false" });
  const treeBox = h("div", { class: "topic-tree" }, loading("Loading topics"));

  const search = combobox({
    label: "Search people, organizations and topics",
    placeholder: "e.g. organ vitrification, Zhao Gang, USST",
    name: "q",
    value: st.q,
    onSelect: (n) => {
      if (n.kind === "topic") {
        search.setValue("");
        update({ topic: n.id, q: "", offset: 0 }, true);
      } else if (profilePath(n.kind, n.id)) {
        navigate(profilePath(n.kind, n.id)!);
      } else {
        search.setValue(n.name);
        update({ q: n.name, offset: 0 }, true);
      }
    },
    onSubmit: (text) => update({ q: text, offset: 0 }, true),
  });

  const countryId = uid("country");
  const country = h("select", { id: countryId, name: "country", onchange: () => update({ country: country.value, offset: 0 }, true) },
    h("option", { value: "" }, "Any country"),
    ...COUNTRIES.map((c) => h("option", { value: c.code, selected: c.code === st.country }, `${c.name} (${c.code})`)),
  );
  const kindId = uid("orgkind");
  const orgKind = h("select", { id: kindId, name: "orgKind", onchange: () => update({ orgKind: orgKind.value, offset: 0 }, true) },
    h("option", { value: "" }, "Any kind"),
    ...ORG_KINDS.map((k) => h("option", { value: k, selected: k === st.orgKind }, Word(k))),
  );
  const sinceId = uid("since");
  const since = h("input", {
    id: sinceId, name: "since", type: "text", inputmode: "numeric", placeholder: "YYYY or YYYY-MM", value: st.since,
    pattern: "\\d{4}(-\\d{2}(-\\d{2})?)?", size: 10,
    onchange: () => {
      if (since.value === "" || since.checkValidity()) update({ since: since.value.trim(), offset: 0 }, true);
    },
  });

  const filters = h("form", { class: "filters card", role: "search", "aria-label": "Expert search", onsubmit: (e: Event) => e.preventDefault() },
    search.el,
    // On a phone the filters fold away under the search box; on a wide screen they are open.
    h("details", { class: "filter-more", open: window.matchMedia("(min-width: 861px)").matches || !!(st.country || st.orgKind || st.since) },
      h("summary", null, "Filters and topics"),
      h("div", { class: "field" }, h("label", { for: countryId, class: "field-label" }, "Country"), country),
      h("div", { class: "field" }, h("label", { for: kindId, class: "field-label" }, "Kind of organization"), orgKind),
      h("div", { class: "field" }, h("label", { for: sinceId, class: "field-label" }, "Active since"), since),
      h("h2", { class: "field-label" }, "Topics"),
      treeBox),
  );

  replace(root,
    h("div", { class: "page-head" }, heading,
      h("p", { class: "lead" }, "Who works on what, where, and on what evidence. Search by topic or by name; every result shows its sources.")),
    h("div", { class: "split" }, h("aside", { class: "split-side" }, filters), h("div", { class: "split-main" }, results)),
  );
  announceView("Find experts", heading);

  function update(change: Partial<State>, push: boolean) {
    Object.assign(st, change);
    setQuery({
      q: st.q, topic: st.topic, country: st.country, orgKind: st.orgKind, since: st.since, offset: st.offset || undefined,
      limit: st.limit !== PAGE ? st.limit : undefined, sort: st.sort !== "evidence" ? st.sort : undefined,
    }, push);
    renderTree();
    void run();
  }

  function renderTree() {
    if (!topics.length) return;
    const node = (t: TopicNode, depth: number, seen: Set<string>): HTMLElement => {
      const kids = (t.children ?? []).filter((c) => !seen.has(c.id));
      const open = depth < 1 || containsTopic(t, st.topic);
      const selected = st.topic === t.id;
      const childList = kids.length
        ? h("ul", { hidden: !open }, ...kids.map((c) => node(c, depth + 1, new Set([...seen, t.id]))))
        : null;
      const toggle = kids.length
        ? h("button", {
            type: "button", class: "tree-toggle", "aria-expanded": String(open), "aria-label": `${open ? "Collapse" : "Expand"} ${t.name}`,
            onclick: (e: Event) => {
              const b = e.currentTarget as HTMLButtonElement;
              const nowOpen = b.getAttribute("aria-expanded") !== "true";
              b.setAttribute("aria-expanded", String(nowOpen));
              b.setAttribute("aria-label", `${nowOpen ? "Collapse" : "Expand"} ${t.name}`);
              childList!.hidden = !nowOpen;
            },
          }, h("span", { "aria-hidden": "true" }, "▸"))
        : h("span", { class: "tree-spacer" });
      return h("li", null,
        h("div", { class: "tree-row" }, toggle,
          h("button", {
            type: "button", class: `tree-pick${selected ? " selected" : ""}`, "aria-pressed": String(selected),
            onclick: () => update({ topic: selected ? "" : t.id, q: selected ? st.q : "", offset: 0 }, true),
          }, t.name, h("span", { class: "count", "aria-label": `${t.totalExperts} experts` }, String(t.totalExperts))),
        ),
        childList);
    };
    replace(treeBox, h("ul", { class: "tree", "aria-label": "Topics" }, ...topics.map((t) => node(t, 0, new Set()))));
  }

  let ctrl: AbortController | null = null;
  signal.addEventListener("abort", () => ctrl?.abort(), { once: true });
  async function run() {
    ctrl?.abort();
    if (!st.q && !st.topic) {
      replace(results, welcome());
      return;
    }
    ctrl = new AbortController();
    results.setAttribute("aria-busy", "true");
    replace(results, loading("Finding experts"));
    try {
      const res = await getJSON<ExpertResult>("/api/v1/experts", {
        q: st.q, topic: st.topic, country: st.country, orgKind: st.orgKind, since: st.since, limit: st.limit, offset: st.offset,
      }, ctrl.signal);
      replace(results, renderResults(res));
    } catch (err) {
      if (isAbort(err)) return;
      replace(results, errorBox(err, () => void run()));
    } finally {
      results.setAttribute("aria-busy", "false");
    }
  }

  function activeFilters(): HTMLElement | null {
    const chips: [string, string, Partial<State>][] = [];
    if (st.topic) chips.push(["Topic", topicName(topics, st.topic) ?? st.topic, { topic: "" }]);
    if (st.q) chips.push(["Text", st.q, { q: "" }]);
    if (st.country) chips.push(["Country", countryName(st.country), { country: "" }]);
    if (st.orgKind) chips.push(["Organization", Word(st.orgKind), { orgKind: "" }]);
    if (st.since) chips.push(["Active since", st.since, { since: "" }]);
    if (!chips.length) return null;
    return h("ul", { class: "chips", "aria-label": "Active filters" },
      ...chips.map(([k, v, clear]) => h("li", { class: "chip" }, `${k}: ${v}`,
        h("button", {
          type: "button", class: "chip-x", "aria-label": `Remove ${k.toLowerCase()} filter ${v}`,
          onclick: () => {
            if ("q" in clear) search.setValue("");
            if ("country" in clear) country.value = "";
            if ("orgKind" in clear) orgKind.value = "";
            if ("since" in clear) since.value = "";
            update({ ...clear, offset: 0 }, true);
          },
        }, "×"))));
  }

  function renderResults(res: ExpertResult): HTMLElement {
    const about = res.topics?.length
      ? ` on ${res.topics.slice(0, 3).map((t) => t.name).join(", ")}${res.topics.length > 3 ? ` and ${res.topics.length - 3} more topics` : ""}`
      : "";
    const experts = res.experts ?? [];
    const head = h("div", { class: "results-head" },
      h("h2", { id: "results-title" }, res.total ? `${plural(res.total, "expert")}${about}` : "No experts found"),
      activeFilters());
    if (!experts.length) {
      return h("div", null, head, empty("Nobody matches these filters.",
        h("p", null, "Try a broader topic (its subtopics are included), another spelling, or remove a filter.")));
    }
    const from = res.offset + 1;
    const to = res.offset + experts.length;
    const limit = res.limit || st.limit;
    const pages = Math.max(1, Math.ceil(res.total / limit));
    const pageNo = Math.floor(res.offset / limit) + 1;
    const sortId = uid("sort");
    const sizeId = uid("size");
    const toolbar = h("div", { class: "results-tools" },
      h("div", { class: "field field-inline" }, h("label", { for: sortId, class: "field-label" }, "Sort"),
        h("select", { id: sortId, name: "sort", onchange: (e: Event) => { st.sort = (e.target as HTMLSelectElement).value as Sort; update({}, false); focusLater(sortId); } },
          ...SORTS.map(([k, label]) => h("option", { value: k, selected: k === st.sort }, label)))),
      h("div", { class: "field field-inline" }, h("label", { for: sizeId, class: "field-label" }, "Per page"),
        h("select", { id: sizeId, name: "limit", onchange: (e: Event) => { update({ limit: Number((e.target as HTMLSelectElement).value), offset: 0 }, true); focusLater(sizeId); } },
          ...PAGE_SIZES.map((n) => h("option", { value: String(n), selected: n === limit }, String(n))))),
      h("span", { class: "muted small" }, st.sort === "evidence" ? "" : "Sorted within this page."),
    );
    const go = (offset: number) => {
      update({ offset }, true);
      document.getElementById("results-title")?.scrollIntoView({ block: "start" });
    };
    const pager = h("nav", { class: "pager", "aria-label": "Result pages" },
      h("button", { type: "button", class: "btn", disabled: res.offset === 0, onclick: () => go(Math.max(0, res.offset - limit)) }, "‹ Previous"),
      h("span", { "aria-live": "polite" }, `${from}–${to} of ${res.total}`, pages > 1 ? ` · page ${pageNo} of ${pages}` : ""),
      h("button", { type: "button", class: "btn", disabled: to >= res.total, onclick: () => go(res.offset + limit) }, "Next ›"));
    return h("div", null, head, toolbar, h("ol", { class: "expert-list", "aria-labelledby": "results-title", start: from }, ...sortExperts(experts, st.sort).map(expertCard)), pager);
  }

  function welcome(): HTMLElement {
    const top = topics.flatMap((t) => [t, ...(t.children ?? [])]).filter((t) => t.totalExperts > 0)
      .sort((a, b) => b.totalExperts - a.totalExperts).slice(0, 8);
    return h("div", { class: "welcome card" },
      h("h2", null, "Start with a topic or a name"),
      h("p", null, "Type in the search box (names in Chinese and typos work too), or pick a topic; a topic includes all its subtopics."),
      top.length ? h("ul", { class: "chips chips-links", "aria-label": "Popular topics" },
        ...top.map((t) => h("li", null, h("a", { class: "chip chip-link", href: hrefWith("/experts", { topic: t.id }) }, t.name, h("span", { class: "count" }, String(t.totalExperts)))))) : null,
      h("ul", { class: "howto" },
        h("li", null, h("strong", null, "Researchers: "), "find collaborators and see ", h("a", { href: "/paths" }, "how you are connected"), "."),
        h("li", null, h("strong", null, "Management: "), "see who cooperates with whom on the ", h("a", { href: "/map" }, "partnership map"), "."),
        h("li", null, h("strong", null, "Analysts: "), "run your own read-only Cypher in the ", h("a", { href: "/console" }, "analyst console"), "."),
      ),
    );
  }

  topicTree().then((t) => {
    if (signal.aborted) return;
    topics = t;
    if (!topics.length) replace(treeBox, h("p", { class: "muted small" }, "No topics yet."));
    renderTree();
    if (!st.q && !st.topic) replace(results, welcome());
    else if (st.topic) {
      const chips = results.querySelector(".chips");
      if (chips) chips.replaceWith(activeFilters() ?? h("span"));
    }
  }).catch((err) => !signal.aborted && replace(treeBox, errorBox(err)));

  void run();
}

/** Keeps keyboard focus on a control that the new results replaced. */
function focusLater(id: string): void {
  const tryFocus = (n: number) => {
    const el = document.getElementById(id);
    if (el && el.isConnected) el.focus();
    else if (n > 0) setTimeout(() => tryFocus(n - 1), 100);
  };
  setTimeout(() => tryFocus(50), 0);
}

/** The ranking's strength in words: "2 facts · 3 works (latest 2025)". */
function strength(e: Expert): string {
  const parts = [];
  if (e.facts || !e.works) parts.push(plural(e.facts ?? 0, "fact"));
  if (e.works) parts.push(plural(e.works, "work") + (e.latestYear ? ` (latest ${e.latestYear})` : ""));
  return parts.join(" · ");
}

/** An expert's top works on the topic (at most three, latest first), each with its DOI link. */
function topWorks(e: Expert): HTMLElement | null {
  const works = (e.evidence ?? []).filter((x) => x.via === "authored" && x.work);
  if (!works.length) return null;
  const more = (e.works ?? 0) - works.length;
  return h("div", { class: "top-works" },
    h("h4", { class: "small" }, "Top works"),
    h("ul", { class: "evidence-list" }, ...works.map((x) => h("li", null, workCitation(x.work!),
      x.uncertain ? [" ", uncertainMark(x.note)] : null,
      h("div", null, sourceLinks(x.sources))))),
    more > 0 ? h("p", { class: "muted small" }, `and ${plural(more, "more work")} on the topic, listed on the `,
      h("a", { href: profilePath("person", e.id)! + "#publications" }, "profile"), ".") : null,
  );
}

/** A work as a line: its title, year and DOI link. */
export function workCitation(w: WorkRef): HTMLElement {
  return h("span", { class: "work" },
    h("cite", null, w.title),
    w.year ? h("span", { class: "muted" }, ` (${w.year})`) : null,
    w.doi ? [" ", h("a", { class: "doi", href: w.url || `https://doi.org/${w.doi}`, rel: "noopener", target: "_blank" }, `doi:${w.doi}`)] : null);
}

/** The latest date among an expert's evidence sources and works ("" when none is dated). */
export function latestEvidence(e: Expert): string {
  let last = e.latestYear ? String(e.latestYear) : "";
  for (const ev of e.evidence ?? []) for (const s of ev.sources ?? []) if (s.published && s.published > last) last = s.published;
  return last;
}

export function sortExperts(list: Expert[], sort: Sort): Expert[] {
  const out = list.slice();
  if (sort === "evidence") out.sort((a, b) => b.evidenceCount - a.evidenceCount);
  else if (sort === "name") out.sort((a, b) => a.name.localeCompare(b.name, "en"));
  else if (sort === "recent") out.sort((a, b) => latestEvidence(b).localeCompare(latestEvidence(a)) || b.evidenceCount - a.evidenceCount);
  return out;
}

function containsTopic(t: TopicNode, id: string): boolean {
  if (!id) return false;
  return (t.children ?? []).some((c) => c.id === id || containsTopic(c, id));
}

function expertCard(e: Expert): HTMLElement {
  const href = profilePath("person", e.id)!;
  return h("li", { class: "card expert" },
    h("div", { class: "expert-head" },
      h("h3", null, h("a", { href }, e.name)),
      e.country ? h("span", { class: "muted" }, countryName(e.country)) : null,
      h("span", { class: "evidence-count", title: "curated facts and works on the topic: the ranking's strength" }, strength(e)),
    ),
    e.institutions?.length
      ? h("ul", { class: "institutions", "aria-label": "Institutions" }, ...e.institutions.map((i) => h("li", null,
          i.role ? h("span", { class: "role" }, `${i.role}, `) : null,
          entityLink({ id: i.id, name: i.name, kind: "organization" }),
          ...(i.parents ?? []).map((p) => [h("span", { class: "muted", "aria-hidden": "true" }, " › "), h("span", { class: "sr-only" }, ", part of "), entityLink({ id: p.id, name: p.name, kind: "organization" })]),
          i.uncertain ? [" ", uncertainMark()] : null)))
      : h("p", { class: "muted small" }, "No current institution on record."),
    e.matchedTopics?.length
      ? h("p", { class: "matched" }, h("span", { class: "muted small" }, "Matched topics: "),
          ...e.matchedTopics.map((t) => h("a", { class: "chip chip-link chip-topic", href: profilePath("topic", t.id)! }, t.name)))
      : null,
    evidenceList((e.evidence ?? []).filter((x) => x.via !== "authored"), e),
    topWorks(e),
    h("div", { class: "actions" },
      h("a", { class: "btn btn-small", href }, "Profile"),
      h("a", { class: "btn btn-small", href: hrefWith("/paths", { to: e.id }) }, "How are we connected?")),
  );
}

function evidenceList(ev: Evidence[], expert: Expert): HTMLElement | null {
  if (!ev.length) return null;
  const item = (x: Evidence) => h("li", null,
    h("span", null, Word(x.via), " "),
    x.topic ? entityLink({ id: x.topic.id, name: x.topic.name, kind: "topic" }) : null,
    x.through ? [h("span", null, " through "), h("em", null, x.through.name)] : null,
    x.uncertain ? [" ", uncertainMark(x.note)] : null,
    x.note && !x.uncertain ? h("span", { class: "muted small" }, ` (${x.note})`) : null,
    h("div", null, sourceLinks(x.sources), " ",
      reportButton(expert.id, `${expert.name}: ${Word(x.via)}${x.topic ? ` ${x.topic.name}` : ""}${x.through ? ` through ${x.through.name}` : ""}`)),
  );
  const shown = ev.slice(0, 3);
  const rest = ev.slice(3);
  return h("div", { class: "evidence" },
    h("h4", { class: "sr-only" }, "Evidence"),
    h("ul", { class: "evidence-list" }, ...shown.map(item)),
    rest.length ? h("details", null, h("summary", null, `${rest.length} more ${rest.length === 1 ? "piece" : "pieces"} of evidence`),
      h("ul", { class: "evidence-list" }, ...rest.map(item))) : null,
  );
}


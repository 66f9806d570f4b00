// The partnership map for management: who cooperates with whom, on what, since when, on what
// evidence. A network view (sigma.js, WebGL) and a geographic view (d3-geo), the same filters
// for both, a year chart that sets "as of", exports of the picture and of the data.

import { getJSON, isAbort, profilePath } from "../lib/api";
import { h, replace, uid, debounce, download } from "../lib/dom";
import { partnershipRows, toCSV } from "../lib/csv";
import { downloadSVG, framedSVG, svgText, svgToPNG } from "../lib/export";
import { filtersFrom, nodeLabel, partnershipsOf } from "../lib/pages";
import { filterWords, legendBlock, legendEntries, partnershipList } from "../components/evidence";
import {
  COUNTRIES, ORG_KINDS, PARTNERSHIP_KINDS, Word, countryName, fmtDate, partnershipColor, plural, word,
} from "../lib/labels";
import { hrefWith, setQuery, type Route } from "../lib/router";
import { topicTree, flattenTopics } from "../lib/topics";
import type { MapEdge, MapNode, PartnershipMap, TimelineResult, YearCount } from "../lib/types";
import { announceView, empty, errorBox, loading } from "../components/common";
import { yearChart } from "../components/yearchart";
import type { NetworkView } from "../components/network";
import { edgeKey, type Selection } from "../lib/mapsel";
import type { GeoView } from "../components/geomap";

interface State {
  view: "network" | "geo";
  topic: string;
  country: string;
  orgKind: string;
  type: string;
  level: string;
  from: string;
  to: string;
  asOf: string;
  focus: string;
  synthetic: number;
}

export function mapView(root: HTMLElement, route: Route, signal: AbortSignal): () => void {
  const p = route.params;
  const st: State = {
    view: p.get("view") === "geo" ? "geo" : "network",
    topic: p.get("topic") ?? "",
    country: p.get("country") ?? "",
    orgKind: p.get("orgKind") ?? "",
    type: p.get("type") ?? "",
    level: p.get("level") === "unit" ? "unit" : "institution",
    from: p.get("from") ?? "",
    to: p.get("to") ?? "",
    asOf: p.get("asOf") ?? "",
    focus: p.get("focus") ?? "",
    synthetic: Math.min(50000, Math.max(0, Number(p.get("synthetic")) || 0)),
  };
  const thisYear = new Date().getFullYear();
  let data: { nodes: MapNode[]; edges: MapEdge[] } = { nodes: [], edges: [] };
  let years: YearCount[] = [];
  let drawing: NetworkView | GeoView | null = null;
  let selection: Selection = null;

  const heading = h("h1", null, "Partnership map");
  const stage = h("div", { class: "map-stage" });
  const panel = h("aside", { class: "map-panel card", "aria-label": "Details", "aria-live": "polite" });
  const summary = h("p", { class: "map-summary", role: "status" });
  const chartBox = h("div", { class: "chart-box" });
  const tableBox = h("div", { class: "table-box" });

  // Filters.
  const sel = (label: string, name: keyof State, options: [string, string][], value: string) => {
    const id = uid(name);
    const el = h("select", { id, name, onchange: () => change({ [name]: el.value } as Partial<State>) },
      ...options.map(([v, t]) => h("option", { value: v, selected: v === value }, t)));
    return { el, field: h("div", { class: "field" }, h("label", { for: id, class: "field-label" }, label), el) };
  };
  const topicSel = sel("Topic", "topic", [["", "All topics"]], st.topic);
  const countrySel = sel("Country", "country", [["", "Any country"], ...COUNTRIES.map((c) => [c.code, c.name] as [string, string])], st.country);
  const kindSel = sel("Kind of organization", "orgKind", [["", "Any kind"], ...ORG_KINDS.map((k) => [k, Word(k)] as [string, string])], st.orgKind);
  const typeSel = sel("Partnership type", "type", [["", "Any type"], ...PARTNERSHIP_KINDS.map((k) => [k, Word(k)] as [string, string])], st.type);
  const levelSel = sel("Level", "level", [["institution", "Institutions"], ["unit", "Units (labs, institutes)"]], st.level);
  levelSel.el.title = "Institutions: labs and institutes are counted with the university or group they belong to";
  const fromId = uid("from");
  const toId = uid("to");
  const yearInput = (id: string, name: "from" | "to", value: string) => {
    const el = h("input", {
      id, name, type: "number", min: 1900, max: thisYear + 5, step: 1, inputmode: "numeric", value: value.slice(0, 4), placeholder: name === "from" ? "from" : "to", class: "year-input",
      onchange: () => change({ [name]: el.value && /^\d{4}$/.test(el.value) ? el.value : "" } as Partial<State>),
    });
    return el;
  };
  const fromIn = yearInput(fromId, "from", st.from);
  const toIn = yearInput(toId, "to", st.to);
  const asOfId = uid("asof");
  const asOfOn = h("input", { id: `${asOfId}-on`, type: "checkbox", checked: !!st.asOf, onchange: () => change({ asOf: asOfOn.checked ? asOfSlider.value : "" }) });
  const asOfSlider = h("input", {
    id: asOfId, type: "range", min: 1990, max: thisYear, step: 1, value: st.asOf ? st.asOf.slice(0, 4) : String(thisYear),
    "aria-describedby": `${asOfId}-out`,
  });
  const asOfOut = h("output", { id: `${asOfId}-out`, for: asOfId }, st.asOf ? st.asOf.slice(0, 4) : "any time");
  const slide = debounce(() => change({ asOf: asOfSlider.value }), 250);
  asOfSlider.addEventListener("input", () => {
    asOfOn.checked = true;
    asOfOut.textContent = asOfSlider.value;
    slide();
  });

  const tabs = (["network", "geo"] as const).map((v) => h("button", {
    type: "button", role: "tab", id: `tab-${v}`, "aria-controls": "map-tabpanel", "aria-selected": String(st.view === v), tabindex: st.view === v ? 0 : -1,
    class: "tab", onclick: () => change({ view: v }),
    onkeydown: (e: KeyboardEvent) => {
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
        e.preventDefault();
        const next = st.view === "network" ? "geo" : "network";
        change({ view: next });
        document.getElementById(`tab-${next}`)?.focus();
      }
    },
  }, v === "network" ? "Network" : "World map"));

  const exportBar = h("div", { class: "export-bar", role: "group", "aria-label": "Export" },
    h("span", { class: "muted small" }, "Export:"),
    h("button", { type: "button", class: "btn btn-small", onclick: () => void exportPicture("png") }, "PNG"),
    h("button", { type: "button", class: "btn btn-small", onclick: () => void exportPicture("svg") }, "SVG"),
    h("button", { type: "button", class: "btn btn-small", onclick: exportEdgesCSV }, "CSV: links"),
    h("button", { type: "button", class: "btn btn-small", onclick: exportNodesCSV }, "CSV: organizations"),
    h("button", { type: "button", class: "btn btn-small", onclick: exportPartnershipsCSV }, "CSV: partnerships"),
  );
  // The printable report of what the map shows, under the same filters.
  const reportLink = h("a", { class: "btn btn-small", href: "/report", "data-testid": "report-link" }, "Report");
  const setReportHref = () => (reportLink.href = hrefWith("/report", filtersFrom(new URLSearchParams(window.location.search))));
  const zoomBar = h("div", { class: "graph-toolbar", role: "toolbar", "aria-label": "Map controls" },
    h("button", { type: "button", class: "btn btn-small", "aria-label": "Zoom in", onclick: () => drawing?.zoom(1.5) }, "+"),
    h("button", { type: "button", class: "btn btn-small", "aria-label": "Zoom out", onclick: () => drawing?.zoom(1 / 1.5) }, "−"),
    h("button", { type: "button", class: "btn btn-small", onclick: () => drawing?.reset() }, "Reset view"),
  );

  replace(root,
    h("div", { class: "page-head" }, heading,
      h("p", { class: "lead" }, "Who cooperates with whom, on what, since when. Institutions are sized by their number of partnerships; links are coloured by type and as thick as their count.")),
    h("form", { class: "card map-filters", "aria-label": "Map filters", onsubmit: (e: Event) => e.preventDefault() },
      // On a phone the filters fold away so that the map comes first; on a wide screen they are open.
      h("details", { class: "filter-more", open: window.matchMedia("(min-width: 861px)").matches || !!(st.topic || st.country || st.orgKind || st.type || st.level !== "institution" || st.from || st.to || st.asOf) },
      h("summary", null, "Filters and time"),
      h("div", { class: "filter-row" }, topicSel.field, countrySel.field, kindSel.field, typeSel.field, levelSel.field),
      h("div", { class: "filter-row filter-row-time" },
        h("fieldset", { class: "field period" }, h("legend", { class: "field-label" }, "Active between (years)"),
          h("div", { class: "period-inputs" },
            h("label", { for: fromId, class: "sr-only" }, "From year"), fromIn, h("span", { "aria-hidden": "true" }, "–"),
            h("label", { for: toId, class: "sr-only" }, "To year"), toIn)),
        h("div", { class: "field asof" },
          h("div", { class: "field-label asof-label" }, asOfOn, h("label", { for: `${asOfId}-on` }, "In force as of"), asOfOut),
          h("label", { for: asOfId, class: "sr-only" }, "As of year"), asOfSlider))),
    ),
    h("section", { class: "card chart-card", "aria-label": "Partnerships per year" },
      h("div", { class: "chart-head" }, h("h2", null, "Partnerships per year"), h("span", { class: "muted small" }, "Pick a year to see the map as it was then.")),
      chartBox),
    h("div", { class: "map-head" }, h("div", { class: "tabs", role: "tablist", "aria-label": "Map views" }, ...tabs), summary, exportBar, reportLink),
    h("div", { class: "map-layout" },
      h("div", { class: "card map-card", role: "tabpanel", id: "map-tabpanel", "aria-labelledby": `tab-${st.view}` }, zoomBar, stage),
      panel),
    tableBox,
  );
  announceView("Partnership map", heading);

  topicTree().then((t) => {
    if (signal.aborted) return;
    for (const ft of flattenTopics(t)) {
      topicSel.el.appendChild(h("option", { value: ft.id, selected: ft.id === st.topic }, `${"\u2003".repeat(ft.depth)}${ft.name}`));
    }
  }).catch(() => {});

  let ctrl: AbortController | null = null;
  signal.addEventListener("abort", () => ctrl?.abort(), { once: true });
  function change(c: Partial<State>) {
    const viewOnly = Object.keys(c).every((k) => k === "view" || k === "focus");
    Object.assign(st, c);
    if (!viewOnly) st.focus = c.focus ?? "";
    setQuery({
      view: st.view === "geo" ? "geo" : undefined, topic: st.topic, country: st.country, orgKind: st.orgKind, type: st.type,
      level: st.level === "unit" ? "unit" : undefined, from: st.from, to: st.to, asOf: st.asOf, focus: st.focus,
      synthetic: st.synthetic || undefined,
    }, !("focus" in c && viewOnly));
    tabs.forEach((t) => {
      const on = t.id === `tab-${st.view}`;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
    });
    document.getElementById("map-tabpanel")?.setAttribute("aria-labelledby", `tab-${st.view}`);
    asOfOut.textContent = st.asOf ? st.asOf.slice(0, 4) : "any time";
    asOfOn.checked = !!st.asOf;
    setReportHref();
    if (viewOnly) {
      if ("view" in c) void draw();
    } else void load();
  }

  async function load() {
    ctrl?.abort();
    ctrl = new AbortController();
    replace(stage, loading("Loading partnerships"));
    summary.textContent = "";
    const q = { topic: st.topic, country: st.country, orgKind: st.orgKind, type: st.type, level: st.level, from: st.from, to: st.to, asOf: st.asOf };
    try {
      if (st.synthetic) {
        data = synthetic(st.synthetic);
        years = [];
      } else {
        const { asOf: _ignored, ...chartQ } = q;
        const [m, t] = await Promise.all([
          getJSON<PartnershipMap>("/api/v1/partnerships/map", q, ctrl.signal),
          getJSON<TimelineResult>("/api/v1/partnerships/timeline", chartQ, ctrl.signal),
        ]);
        data = { nodes: m.nodes ?? [], edges: m.edges ?? [] };
        years = t.years ?? [];
      }
      const dated = years.map((y) => Number(y.year)).filter((y) => y > 1800);
      if (dated.length) asOfSlider.min = String(Math.min(...dated));
      replace(chartBox, st.synthetic ? h("p", { class: "notice" }, `Synthetic test data: ${plural(data.nodes.length, "organization")} and ${plural(data.edges.length, "link")}, generated in the browser to check drawing speed.`)
        : yearChart(years, st.asOf ? st.asOf.slice(0, 4) : null, (y) => change({ asOf: st.asOf === y ? "" : y }), chartBox.clientWidth || 640));
      asOfSlider.value = st.asOf ? st.asOf.slice(0, 4) : asOfSlider.value;
      const partnerships = new Set(data.edges.flatMap((e) => e.partnerships ?? [])).size;
      summary.textContent = `${plural(data.nodes.length, "organization")} · ${plural(data.edges.length, "link")} · ${plural(partnerships || data.edges.reduce((a, e) => a + e.count, 0), "partnership")}`;
      renderTable();
      await draw();
    } catch (err) {
      if (isAbort(err)) return;
      replace(stage, errorBox(err, () => void load()));
      replace(panel);
    }
  }

  async function draw() {
    drawing?.destroy();
    drawing = null;
    selection = st.focus ? { kind: "node", id: st.focus } : null;
    if (!data.nodes.length) {
      replace(stage, empty("No partnerships match these filters.", h("p", null, "Widen the period, clear “as of”, or pick another topic or type.")));
      renderPanel();
      return;
    }
    replace(stage, loading(st.view === "geo" ? "Drawing the world map" : "Drawing the network"));
    if (st.view === "geo") {
      const { geoView } = await import("../components/geomap");
      if (signal.aborted) return;
      drawing = geoView(data.nodes, data.edges, onSelect);
      replace(stage, drawing.el);
    } else {
      const { networkView, webglAvailable } = await import("../components/network");
      if (signal.aborted) return;
      if (!webglAvailable()) {
        replace(stage, empty("This browser cannot draw the network (WebGL is off).",
          h("p", null, "Use the world map, or the table below, which lists the same links."),
          h("button", { type: "button", class: "btn", onclick: () => change({ view: "geo" }) }, "Show the world map")));
        renderPanel();
        return;
      }
      const host = h("div", { class: "sigma-host" });
      replace(stage, host);
      drawing = networkView(data.nodes, data.edges, onSelect);
      host.appendChild(drawing.el);
      // Sigma measures its container; re-measure once it is laid out.
      requestAnimationFrame(() => window.dispatchEvent(new Event("resize")));
      stage.dataset.ready = "false";
      void (drawing as NetworkView).settled.then(() => (stage.dataset.ready = "true"));
    }
    if (st.view === "geo") stage.dataset.ready = "true";
    if (selection) drawing.select(selection);
    renderPanel();
  }

  function onSelect(s: Selection) {
    selection = s;
    st.focus = s?.kind === "node" ? s.id : "";
    change({ focus: st.focus });
    renderPanel();
  }

  /** An organization's name, with the units rolled into it ("USST, incl. IBST"). */
  function nodeName(id: string): string {
    const n = data.nodes.find((x) => x.id === id);
    return n ? nodeLabel(n) : id;
  }

  function renderPanel() {
    // Every partnership type has its colour in the legend; those absent from this map are dimmed.
    const legend = legendBlock(data.nodes.map((n) => n.type), st.view === "network", new Set(data.edges.map((e) => e.type)));
    const findId = "map-find";
    const find = h("select", {
      id: findId, onchange: () => {
        if (!find.value) return;
        const s: Selection = { kind: "node", id: find.value };
        drawing?.select(s, true);
        onSelect(s);
        // The panel is drawn anew: keep the keyboard on the (new) list, not on the page body.
        document.getElementById("map-find")?.focus();
      },
    }, h("option", { value: "" }, "Choose…"),
    ...data.nodes.slice().sort((a, b) => a.name.localeCompare(b.name)).slice(0, 5000).map((n) => h("option", { value: n.id, selected: selection?.kind === "node" && selection.id === n.id }, n.name)));
    const finder = data.nodes.length ? h("div", { class: "field" }, h("label", { for: findId, class: "field-label" }, "Find an organization"), find) : null;

    if (selection?.kind === "node") {
      const n = data.nodes.find((x) => x.id === (selection as { id: string }).id);
      if (n) {
        const mine = data.edges.filter((e) => e.source === n.id || e.target === n.id).sort((a, b) => (b.last ?? "").localeCompare(a.last ?? ""));
        const href = profilePath("organization", n.id);
        replace(panel,
          finder,
          h("h2", null, n.name),
          h("p", null, h("span", { class: "badge" }, word(n.type)), " ", n.country ? countryName(n.country) : "", " · ", plural(n.partnerships, "partnership")),
          n.rolledUp?.length ? h("p", { class: "small rolled-up" }, `Counted with ${n.name} at institution level: `,
            ...n.rolledUp.map((u, i) => [i > 0 ? ", " : null, h("a", { href: profilePath("organization", u.id)! }, u.name)])) : null,
          href && !st.synthetic ? h("p", null, h("a", { href, class: "btn btn-small" }, "Open profile")) : null,
          h("h3", null, `Partners (${new Set(mine.map((e) => (e.source === n.id ? e.target : e.source))).size})`),
          h("ul", { class: "partner-list", tabindex: 0, "aria-label": "Partners" }, ...mine.slice(0, 200).map((e) => edgeItem(e, e.source === n.id ? e.target : e.source))),
          h("button", { type: "button", class: "btn btn-small", onclick: () => { drawing?.select(null); onSelect(null); } }, "Clear selection"),
          legend);
        return;
      }
    }
    if (selection?.kind === "edge") {
      const e = data.edges.find((x) => edgeKey(x) === (selection as { key: string }).key);
      if (e) {
        replace(panel, finder, h("h2", null, Word(e.type)),
          h("p", null, nodeName(e.source), " — ", nodeName(e.target)),
          edgeDetails(e),
          h("button", { type: "button", class: "btn btn-small", onclick: () => { drawing?.select(null); onSelect(null); } }, "Clear selection"),
          legend);
        return;
      }
    }
    replace(panel, finder,
      h("p", { class: "muted small" }, st.view === "network"
        ? "Hover an institution to see its partners; click it or a link for details. Drag to move, scroll to zoom."
        : "Hover or focus a circle to see who is there; click it for details. Scroll to zoom, drag to pan."),
      legend);
  }

  function edgeItem(e: MapEdge, other: string): HTMLElement {
    return h("li", null,
      h("button", {
        type: "button", class: "link-button", onclick: () => {
          const s: Selection = { kind: "node", id: other };
          drawing?.select(s, true);
          onSelect(s);
        },
      }, nodeName(other)),
      edgeDetails(e));
  }

  function renderTable() {
    if (!data.edges.length || st.synthetic) {
      replace(tableBox);
      return;
    }
    const rows = data.edges.slice().sort((a, b) => (b.last ?? "").localeCompare(a.last ?? "") || b.count - a.count);
    replace(tableBox, h("details", { class: "card" },
      h("summary", null, `All ${plural(rows.length, "link")} as a table`),
      h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "Links as a table (scrolls)" }, h("table", { class: "data-table" },
        h("caption", { class: "sr-only" }, "Partnership links"),
        h("thead", null, h("tr", null, ...["Organization", "Partner", "Type", "Count", "Topics", "First", "Last", "Partnerships and sources"].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", null, ...rows.map((e) => h("tr", null,
          h("td", null, linkOrName(e.source)), h("td", null, linkOrName(e.target)), h("td", null, word(e.type)),
          h("td", { class: "num" }, String(e.count)), h("td", null, (e.topics ?? []).join(", ")), h("td", null, fmtDate(e.first)), h("td", null, fmtDate(e.last)),
          h("td", { class: "evidence-cell" }, partnershipList(e.details ?? [], `Partnerships of ${nodeName(e.source)} and ${nodeName(e.target)}`)))))))));
  }

  function linkOrName(id: string): HTMLElement {
    const href = profilePath("organization", id);
    return href ? h("a", { href }, nodeName(id)) : h("span", null, nodeName(id));
  }

  function fileBase(): string {
    const parts = ["cryograph-partnerships", st.topic.replace(/^topic:/, ""), st.country, st.type, st.asOf && `asof-${st.asOf}`].filter(Boolean);
    return parts.join("-");
  }

  async function exportPicture(fmt: "png" | "svg") {
    if (!drawing) return;
    let svg: string;
    let width: number;
    let height: number;
    if ("toSVG" in drawing) ({ svg, width, height } = drawing.toSVG());
    else {
      svg = svgText(drawing.svg);
      const box = drawing.svg.viewBox.baseVal;
      [width, height] = [box.width, box.height];
    }
    ({ svg, width, height } = framedSVG(svg, width, height, pictureFrame()));
    if (fmt === "svg") downloadSVG(`${fileBase()}.svg`, svg);
    else download(`${fileBase()}.png`, await svgToPNG(svg, width, height, 2));
  }

  /** What an exported picture says around the drawing: title, filters, as-of, legend, sources. */
  function pictureFrame() {
    const names = { topic: topicSel.el.selectedOptions[0]?.textContent?.trim() || undefined, country: st.country ? countryName(st.country) : undefined };
    const { types, orgs } = legendEntries(data.nodes.map((n) => n.type), st.view === "network");
    const sources = new Map<string, string>();
    for (const p of partnershipsOf(data.edges)) for (const s of p.sources) sources.set(s.id, `${s.title} — ${s.url}`);
    return {
      title: "CryoGraph partnership map",
      filters: filterWords({ topic: st.topic, country: st.country, orgKind: st.orgKind, type: st.type, level: st.level, from: st.from, to: st.to, asOf: st.asOf }, names),
      asOf: st.asOf || `${new Date().toISOString().slice(0, 10)} (today; all partnerships, whatever their dates)`,
      legend: [...types, ...orgs],
      sources: [...sources.values()].sort(),
    };
  }

  function exportPartnershipsCSV() {
    const { header, rows } = partnershipRows(data.edges, nodeName);
    download(`${fileBase()}-partnerships.csv`, toCSV(header, rows), "text/csv;charset=utf-8");
  }

  function exportEdgesCSV() {
    const name = new Map(data.nodes.map((n) => [n.id, n.name]));
    download(`${fileBase()}-links.csv`, toCSV(
      ["source_id", "source", "target_id", "target", "type", "count", "topics", "first", "last", "partnerships",
        "partnership_names", "statuses", "parties", "source_titles", "source_urls"],
      data.edges.map((e) => {
        const d = e.details ?? [];
        const srcs = [...new Map(d.flatMap((p) => p.sources).map((x) => [x.id, x])).values()];
        return [e.source, name.get(e.source), e.target, name.get(e.target), e.type, e.count, (e.topics ?? []).join("; "), e.first, e.last, (e.partnerships ?? []).join("; "),
          d.map((p) => p.name).join("; "), d.map((p) => p.status).join("; "), [...new Set(d.flatMap((p) => p.parties.map((x) => x.name)))].join("; "),
          srcs.map((x) => x.title).join("; "), srcs.map((x) => x.url).join("; ")];
      }),
    ), "text/csv;charset=utf-8");
  }

  function exportNodesCSV() {
    download(`${fileBase()}-organizations.csv`, toCSV(
      ["id", "name", "type", "country", "lat", "lon", "partnerships"],
      data.nodes.map((n) => [n.id, n.name, n.type, n.country, n.lat, n.lon, n.partnerships]),
    ), "text/csv;charset=utf-8");
  }

  setReportHref();
  void load();
  return () => {
    drawing?.destroy();
    slide.cancel();
  };
}

function edgeDetails(e: MapEdge): HTMLElement {
  const when = e.first && e.last && e.first !== e.last ? `${fmtDate(e.first)} – ${fmtDate(e.last)}` : fmtDate(e.first || e.last) || "undated";
  return h("div", { class: "edge-details small" },
    h("span", { class: "swatch swatch-line", style: { background: partnershipColor(e.type) }, "aria-hidden": "true" }),
    ` ${word(e.type)} · ${plural(e.count, "partnership")}${e.unknown ? ` (${e.unknown} of unknown status then)` : ""} · ${when}`,
    e.topics?.length ? h("div", { class: "muted" }, `On ${e.topics.join(", ")}`) : null,
    e.details?.length ? partnershipList(e.details, `Partnerships: ${word(e.type)}`) : null);
}

/** A random but repeatable network of n organizations, for checking drawing speed. */
function synthetic(n: number): { nodes: MapNode[]; edges: MapEdge[] } {
  let seed = 42;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const kinds = ORG_KINDS;
  const types = PARTNERSHIP_KINDS;
  const countries = ["CN", "US", "DE", "GB", "FR", "JP", "UA", "RU", "CA", "AU", "NL", "SE", "IN", "BR", "KR"];
  const nodes: MapNode[] = [];
  for (let i = 0; i < n; i++) {
    nodes.push({
      id: `syn:${i}`, name: `Institution ${i + 1}`, type: kinds[Math.floor(rnd() * kinds.length)],
      country: countries[Math.floor(rnd() * countries.length)], lat: rnd() * 120 - 50, lon: rnd() * 340 - 170, partnerships: 0,
    });
  }
  const edges: MapEdge[] = [];
  const seen = new Set<string>();
  // Preferential attachment: a few hubs, many small institutions, as in real partnership data.
  for (let i = 1; i < n; i++) {
    const links = 1 + Math.floor(rnd() * 2);
    for (let l = 0; l < links; l++) {
      const j = Math.floor(Math.pow(rnd(), 2.5) * i);
      const type = types[Math.floor(rnd() * types.length)];
      const key = `${Math.min(i, j)}|${Math.max(i, j)}|${type}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const year = String(1995 + Math.floor(rnd() * 30));
      const count = 1 + Math.floor(rnd() * 3);
      edges.push({ source: nodes[j].id, target: nodes[i].id, type, count, topics: [], first: year, last: year, partnerships: [], details: [] });
      nodes[i].partnerships += count;
      nodes[j].partnerships += count;
    }
  }
  return { nodes, edges };
}

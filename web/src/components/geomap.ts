// The geographic partnership map: institutions where they are (lat/lon), partnership arcs along
// great circles, drawn offline from world-atlas with d3-geo. Institutions without coordinates
// are placed at their country's centre and drawn hollow, so nothing pretends to be exact.

import { geoNaturalEarth1, geoPath, geoCentroid, geoArea, geoGraticule10, type GeoProjection } from "d3-geo";
import { feature } from "topojson-client";
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from "geojson";
import type { GeometryCollection, Topology } from "topojson-specification";
import countriesTopo from "world-atlas/countries-110m.json";
import { h, s, replace } from "../lib/dom";
import { countryName, countryNumericCode, partnershipColor, plural } from "../lib/labels";
import type { MapEdge, MapNode } from "../lib/types";
import { edgeKey, type Selection } from "../lib/mapsel";
import { greedyCluster, placeLabels, ring, type Group, type XY } from "./geocluster";

type CountryFeature = Feature<Polygon | MultiPolygon, { name: string }>;

let countries: CountryFeature[] | null = null;
function countryFeatures(): CountryFeature[] {
  if (!countries) {
    const topo = countriesTopo as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    countries = (feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>).features as CountryFeature[];
  }
  return countries;
}

const centroidCache = new Map<string, [number, number] | null>();
/** The centre of a country's largest landmass (so France is placed in Europe, not in the sea). */
export function countryCentre(code: string): [number, number] | null {
  if (centroidCache.has(code)) return centroidCache.get(code)!;
  const num = countryNumericCode(code);
  const f = countryFeatures().find((c) => c.id === num || (num && Number(c.id) === Number(num)));
  let out: [number, number] | null = null;
  if (f) {
    let g: Polygon | MultiPolygon = f.geometry;
    if (g.type === "MultiPolygon") {
      let best = g.coordinates[0];
      let bestArea = -1;
      for (const poly of g.coordinates) {
        const a = geoArea({ type: "Polygon", coordinates: poly });
        if (a > bestArea) [best, bestArea] = [poly, a];
      }
      g = { type: "Polygon", coordinates: best };
    }
    out = geoCentroid({ type: "Feature", geometry: g, properties: {} }) as [number, number];
  }
  centroidCache.set(code, out);
  return out;
}

export interface Place {
  key: string;
  lon: number;
  lat: number;
  exact: boolean;
  nodes: MapNode[];
  partnerships: number;
}

/**
 * Groups institutions by where they are drawn. A place's partnerships are the different
 * partnerships of its institutions (from the edges when given: one partnership of two
 * institutions in one city is one, not two).
 */
export function placeNodes(nodes: MapNode[], edges?: MapEdge[]): { places: Place[]; unplaced: MapNode[]; placeOf: Map<string, Place> } {
  const byKey = new Map<string, Place>();
  const placeOf = new Map<string, Place>();
  const unplaced: MapNode[] = [];
  for (const n of nodes) {
    let lon: number;
    let lat: number;
    let exact = true;
    let key: string;
    if (typeof n.lat === "number" && typeof n.lon === "number") {
      [lon, lat] = [n.lon, n.lat];
      key = `${lat.toFixed(2)},${lon.toFixed(2)}`;
    } else if (n.country && countryCentre(n.country)) {
      [lon, lat] = countryCentre(n.country)!;
      exact = false;
      key = `country:${n.country}`;
    } else {
      unplaced.push(n);
      continue;
    }
    let p = byKey.get(key);
    if (!p) byKey.set(key, (p = { key, lon, lat, exact, nodes: [], partnerships: 0 }));
    p.nodes.push(n);
    p.partnerships += n.partnerships;
    placeOf.set(n.id, p);
  }
  if (edges) {
    const ids = new Map<Place, Set<string>>();
    for (const e of edges) {
      for (const end of [e.source, e.target]) {
        const p = placeOf.get(end);
        if (!p) continue;
        if (!ids.has(p)) ids.set(p, new Set());
        for (const id of e.partnerships ?? []) ids.get(p)!.add(id);
      }
    }
    for (const [p, set] of ids) p.partnerships = set.size;
  }
  return { places: [...byKey.values()], unplaced, placeOf };
}

export interface GeoView {
  el: HTMLElement;
  svg: SVGSVGElement;
  /** Marks a selection; with focus, zooms in far enough that the selected institution is not inside a group. */
  select(sel: Selection, focus?: boolean): void;
  zoom(factor: number): void;
  reset(): void;
  destroy(): void;
}

/** The deepest zoom (times the whole-world scale): enough to separate institutes a street apart. */
const MAX_K = 400;
/** From this zoom on, institutions that share one position are spread on a ring around it. */
const SPREAD_K = 40;
/** Markers closer than this (screen px) are grouped; group markers stay under half of it. */
const CLUSTER_PX = 30;
const FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif";
const LABEL_PX = 11;

/** One institution at its screen position (spread around its place when that is open). */
interface Dot extends XY {
  node: MapNode;
  place: Place;
  /** Drawn away from its place's position (on a ring): a leg shows where it belongs. */
  spread: boolean;
  px: number;
  py: number;
}

interface Cluster extends Group<Dot> {
  id: string;
  r: number;
  partnerships: number;
  exact: boolean;
}

let measureCtx: CanvasRenderingContext2D | null | undefined;
/** A label's width in px, measured with the font it is drawn in (estimated without a canvas). */
function textWidth(t: string): number {
  if (measureCtx === undefined) {
    try {
      measureCtx = document.createElement("canvas").getContext("2d");
    } catch {
      measureCtx = null;
    }
    if (measureCtx) measureCtx.font = `${LABEL_PX}px ${FONT}`;
  }
  return measureCtx ? measureCtx.measureText(t).width : t.length * LABEL_PX * 0.6;
}

function heightFor(w: number): number {
  return Math.round(Math.min(640, Math.max(240, w * (w < 600 ? 0.8 : 0.56))));
}

export function geoView(nodes: MapNode[], edges: MapEdge[], onSelect: (s: Selection) => void): GeoView {
  const { places, unplaced } = placeNodes(nodes, edges);
  let W = 960;
  let H = 520;
  const projection: GeoProjection = geoNaturalEarth1();
  const base = { scale: 1, translate: [0, 0] as [number, number] };
  const fitWorld = () => {
    projection.clipExtent(null).fitExtent([[8, 8], [W - 8, H - 8]], { type: "Sphere" }).clipExtent([[0, 0], [W, H]]);
    base.scale = projection.scale();
    base.translate = projection.translate() as [number, number];
  };
  fitWorld();
  const path = geoPath(projection);
  const feats = countryFeatures();
  const activeCountries = new Set(nodes.map((n) => countryNumericCode(n.country ?? "")).filter(Boolean));

  // The different partnerships of each institution, so a group counts a partnership once.
  const pids = new Map<string, Set<string>>();
  for (const e of edges) {
    for (const end of [e.source, e.target]) {
      if (!pids.has(end)) pids.set(end, new Set());
      for (const id of e.partnerships ?? []) pids.get(end)!.add(id);
    }
  }
  const partnershipsOf = (ns: MapNode[]) => {
    const set = new Set<string>();
    for (const n of ns) for (const id of pids.get(n.id) ?? []) set.add(id);
    return set.size || ns.reduce((a, n) => a + n.partnerships, 0);
  };
  const rank = (a: MapNode, b: MapNode) => b.partnerships - a.partnerships || a.name.localeCompare(b.name);

  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "geo-svg", role: "group", "aria-label": "World map of partnerships" });
  const tip = h("div", { class: "geo-tip", role: "status", hidden: true });
  const status = h("p", { class: "sr-only", "aria-live": "polite" });
  const back = h("button", { type: "button", class: "btn btn-small geo-back", hidden: true, onclick: () => backToWorld() }, "← Back to world");
  let selected: Selection = null;
  let k = 1;
  /** Places whose institutions are spread on a ring (the user zoomed into them). */
  const opened = new Set<string>();
  let clusters: Cluster[] = [];
  let focusAfter: string | null = null;
  /** The group the user last zoomed into, to return the keyboard to it. */
  let zoomedFrom: string | null = null;

  const layoutClusters = (): Cluster[] => {
    const dots: Dot[] = [];
    for (const p of places) {
      const xy = projection([p.lon, p.lat]);
      if (!xy) continue;
      const ns = p.nodes.slice().sort(rank);
      const spread = ns.length > 1 && (k >= SPREAD_K || opened.has(p.key));
      const pts = spread ? ring(ns.length, xy[0], xy[1], CLUSTER_PX + 6) : null;
      ns.forEach((n, i) => dots.push({ x: pts ? pts[i].x : xy[0], y: pts ? pts[i].y : xy[1], node: n, place: p, spread, px: xy[0], py: xy[1] }));
    }
    dots.sort((a, b) => rank(a.node, b.node));
    const groups = greedyCluster(dots, CLUSTER_PX);
    const out = groups.map((g) => {
      const ns = g.members.map((d) => d.node);
      return { ...g, id: ns[0].id, r: 0, partnerships: partnershipsOf(ns), exact: g.members.every((d) => d.place.exact) };
    });
    const max = Math.max(1, ...out.map((c) => c.partnerships));
    for (const c of out) c.r = (c.members.length > 1 ? 8 : 5) + (c.members.length > 1 ? 6 : 8) * Math.sqrt(c.partnerships / max);
    return out;
  };

  const draw = () => {
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    clusters = layoutClusters();
    const clusterOf = new Map<string, Cluster>();
    for (const c of clusters) for (const d of c.members) clusterOf.set(d.node.id, c);
    const inView = (c: Cluster) => c.x >= -c.r && c.x <= W + c.r && c.y >= -c.r && c.y <= H + c.r;
    const visible = clusters.filter(inView);
    const selNode = selected?.kind === "node" ? selected.id : null;
    const selCluster = selNode ? clusterOf.get(selNode) : undefined;

    const gLand = s("g", { "aria-hidden": "true" },
      s("path", { d: path({ type: "Sphere" }) ?? "", fill: "#f0f7fb", stroke: "#cbd5e1", "stroke-width": 0.5 }),
      s("path", { d: path(geoGraticule10()) ?? "", fill: "none", stroke: "#e2e8f0", "stroke-width": 0.5 }),
      ...feats.map((f) => {
        const active = activeCountries.has(String(f.id));
        const el = s("path", {
          d: path(f) ?? "",
          fill: active ? "#dbe7f0" : "#eef2f5",
          stroke: "#ffffff",
          "stroke-width": 0.6,
          class: active ? "geo-country-active" : undefined,
          "data-country": active ? f.properties.name : undefined,
        });
        if (active) el.addEventListener("click", () => { if (!dragMoved) zoomToCountry(f); });
        return el;
      }),
    );

    // Arcs join groups, as drawn: a partnership inside one group is counted there.
    interface Arc { a: Cluster; b: Cluster; edges: MapEdge[]; count: number }
    const arcs = new Map<string, Arc>();
    for (const e of edges) {
      const a = clusterOf.get(e.source);
      const b = clusterOf.get(e.target);
      if (!a || !b || a === b) continue;
      const [x, y] = a.id < b.id ? [a, b] : [b, a];
      const key = `${x.id}|${y.id}|${e.type}`;
      const arc = arcs.get(key) ?? { a: x, b: y, edges: [], count: 0 };
      arc.edges.push(e);
      arc.count += e.count;
      arcs.set(key, arc);
    }
    const maxArc = Math.max(1, ...[...arcs.values()].map((a) => a.count));
    const gArcs = s("g", { "aria-hidden": "true" }, ...[...arcs.values()].filter((arc) => inView(arc.a) || inView(arc.b)).map((arc) => {
      const on = !selCluster || arc.a === selCluster || arc.b === selCluster;
      const isSelEdge = selected?.kind === "edge" && arc.edges.some((e) => edgeKey(e) === (selected as { key: string }).key);
      return s("path", {
        d: flowCurve(arc.a, arc.b),
        fill: "none",
        stroke: partnershipColor(arc.edges[0].type),
        "stroke-width": ((1.2 + 4 * Math.sqrt(arc.count / maxArc)) * (isSelEdge ? 1.8 : 1)).toFixed(2),
        "stroke-opacity": on ? 0.85 : 0.12,
        "stroke-linecap": "round",
      });
    }));

    // Legs from a shared position to the institutions spread around it.
    const gLegs = s("g", { "aria-hidden": "true" }, ...visible.filter((c) => c.members.length === 1 && c.members[0].spread).map((c) => {
      const d = c.members[0];
      return s("line", { x1: d.px.toFixed(1), y1: d.py.toFixed(1), x2: c.x.toFixed(1), y2: c.y.toFixed(1), stroke: "#0f766e", "stroke-width": 1, "stroke-opacity": 0.6 });
    }));

    // Labels by priority (the selection first, then the most partnerships); one that would
    // collide with another label or a marker is left out, the marker's name still says it.
    const order = visible.slice().sort((a, b) => Number(b === selCluster) - Number(a === selCluster) || b.partnerships - a.partnerships);
    const texts = order.map((c) => clusterShortLabel(c));
    const spots = placeLabels(
      order.map((c, i) => ({ x: c.x, y: c.y, r: c.r, w: textWidth(texts[i]) * 1.06 + 8, h: 17 })),
      order.map((c) => ({ x: c.x, y: c.y, r: c.r })), W, H);
    // The names drawn beside the markers sit in a layer of their own, hidden from assistive
    // technology: each marker's button already says them (and axe wants a button's visible
    // text inside its name: label-content-name-mismatch).
    const gLabels = s("g", { "aria-hidden": "true", "pointer-events": "none" }, ...order.map((_c, i) => {
      const spot = spots[i];
      if (!spot) return null;
      return s("text", {
        class: "geo-label", x: spot.tx.toFixed(1), y: spot.ty.toFixed(1), dy: "0.35em", "text-anchor": spot.anchor,
        "font-size": LABEL_PX, fill: "#1e293b", "font-family": FONT, "paint-order": "stroke", stroke: "#ffffff", "stroke-width": 3,
      }, texts[i]);
    }));

    const gPlaces = s("g", null, ...order.slice().reverse().map((c) => clusterMarker(c, c === selCluster)));
    svg.replaceChildren(s("title", null, "World map of partnerships"), s("rect", { width: W, height: H, fill: "#ffffff" }), gLand, gArcs, gLegs, gPlaces, gLabels);
    back.hidden = k <= 1.01;
    if (focusAfter) {
      const id = focusAfter;
      focusAfter = null;
      const target = clusterOf.get(id);
      svg.querySelector<SVGGElement>(`.geo-place[data-id="${CSS.escape(target?.id ?? id)}"]`)?.focus();
    }
  };

  const clusterMarker = (c: Cluster, isSel: boolean): SVGGElement => {
    const many = c.members.length > 1;
    const g = s("g", {
      class: `geo-place${isSel ? " selected" : ""}${many ? " geo-cluster" : ""}`, tabindex: 0, role: "button",
      "data-id": c.id, "data-count": c.members.length, "data-ids": c.members.map((d) => d.node.id).join(" "),
      "aria-label": clusterName(c),
      transform: `translate(${c.x.toFixed(1)},${c.y.toFixed(1)})`,
    },
    // A touch target of at least 24 px whatever the marker's size.
    s("circle", { class: "geo-hit", r: Math.max(12, c.r).toFixed(1), fill: "transparent" }),
    s("circle", {
      class: "geo-dot",
      r: c.r.toFixed(1),
      fill: c.exact ? "#0f766e" : "#ffffff",
      "fill-opacity": c.exact ? 0.85 : 0.9,
      stroke: "#0f766e",
      "stroke-width": isSel ? 3 : 1.5,
      "stroke-dasharray": c.exact ? undefined : "3 2",
    }),
    many ? s("text", { "text-anchor": "middle", dy: "0.35em", "font-size": 10, "font-weight": 700, fill: c.exact ? "#fff" : "#0f766e", "font-family": FONT, "aria-hidden": "true", "pointer-events": "none" }, String(c.members.length)) : null,
    ) as SVGGElement;
    const show = () => showTip(c);
    g.addEventListener("mouseenter", show);
    g.addEventListener("focus", show);
    g.addEventListener("mouseleave", () => (tip.hidden = true));
    g.addEventListener("blur", () => (tip.hidden = true));
    const act = (byKey: boolean) => {
      if (many) {
        zoomToCluster(c, byKey);
        return;
      }
      api.select({ kind: "node", id: c.members[0].node.id });
      onSelect(selected);
    };
    g.addEventListener("click", () => act(false));
    g.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        act(true);
      }
    });
    return g;
  };

  const showTip = (c: Cluster) => {
    const ns = c.members.map((d) => d.node);
    const approx = c.members.filter((d) => !d.place.exact).length;
    replace(tip,
      h("strong", null, ns.length === 1 ? `${ns[0].name}${approx ? " (position approximate)" : ""}` : `${ns.length} institutions${countriesText(ns)}`),
      h("ul", null, ...ns.slice(0, 8).map((n) => h("li", null, `${n.name} · ${plural(n.partnerships, "partnership")}`)),
        ns.length > 8 ? h("li", null, `and ${ns.length - 8} more`) : null),
      ns.length > 1 ? h("p", null, approx ? `${approx} placed at the country's centre. ` : "", "Click to zoom in.") : null);
    const rect = svg.getBoundingClientRect();
    tip.style.left = `${(c.x / W) * rect.width + 12}px`;
    tip.style.top = `${(c.y / H) * rect.height + 12}px`;
    tip.hidden = false;
  };

  // Zoom and pan re-project rather than scale the drawing, so lines stay crisp and markers
  // keep their size.
  const setView = (nk: number, t: [number, number]) => {
    k = Math.min(MAX_K, Math.max(1, nk));
    if (k < 1.05) opened.clear();
    projection.scale(base.scale * k).translate(t);
    tip.hidden = true;
    draw();
  };
  const zoomAt = (factor: number, cx = W / 2, cy = H / 2) => {
    const nk = Math.min(MAX_K, Math.max(1, k * factor));
    const f = nk / k;
    const [tx, ty] = projection.translate();
    setView(nk, [cx - (cx - tx) * f, cy - (cy - ty) * f]);
  };

  /** Zooms so that the given positions fill the view (with room for labels). */
  const fitTo = (pts: [number, number][], minFactor = 2) => {
    const saved = { scale: projection.scale(), translate: projection.translate() as [number, number] };
    projection.scale(base.scale).translate(base.translate);
    const xy = pts.map((p) => projection(p)).filter((p): p is [number, number] => !!p);
    projection.scale(saved.scale).translate(saved.translate);
    if (!xy.length) return;
    const xs = xy.map((p) => p[0]);
    const ys = xy.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const padX = Math.min(110, W * 0.22);
    const padY = Math.min(60, H * 0.2);
    let nk = Math.min((W - 2 * padX) / Math.max(x1 - x0, 1e-9), (H - 2 * padY) / Math.max(y1 - y0, 1e-9));
    nk = Math.min(MAX_K, Math.max(nk, Math.min(MAX_K, k * minFactor)));
    const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
    setView(nk, [W / 2 - nk * (cx - base.translate[0]), H / 2 - nk * (cy - base.translate[1])]);
  };

  const zoomToCluster = (c: Cluster, byKey: boolean) => {
    const ps = new Set(c.members.map((d) => d.place));
    for (const p of ps) if (p.nodes.length > 1) opened.add(p.key);
    zoomedFrom = c.id;
    if (byKey) focusAfter = c.id;
    const one = ps.size === 1 ? [...ps][0] : null;
    // One shared position: zooming alone cannot separate them; they open on a ring.
    if (one) fitTo([[one.lon, one.lat]], 1);
    else fitTo([...ps].map((p) => [p.lon, p.lat] as [number, number]));
    const ns = c.members.map((d) => d.node);
    status.textContent = `Zoomed into ${ns.length} institutions${countriesText(ns)}. Use Back to world to zoom out.`;
  };

  const zoomToCountry = (f: CountryFeature) => {
    const inside = places.filter((p) => p.nodes.some((n) => countryNumericCode(n.country ?? "") === String(f.id)));
    if (!inside.length) return;
    for (const p of inside) if (p.nodes.length > 1) opened.add(p.key);
    const name = countryName(inside[0].nodes.find((n) => countryNumericCode(n.country ?? "") === String(f.id))?.country ?? "");
    if (inside.length === 1) fitTo([[inside[0].lon, inside[0].lat]], 1);
    else fitTo(inside.map((p) => [p.lon, p.lat] as [number, number]));
    status.textContent = `Zoomed into ${name}. Use Back to world to zoom out.`;
  };

  const backToWorld = () => {
    opened.clear();
    focusAfter = document.activeElement === back && zoomedFrom ? zoomedFrom : null;
    zoomedFrom = null;
    setView(1, base.translate);
    if (document.activeElement === back || back.hidden) {
      // The button hides at world zoom: keep the keyboard on the map.
      if (!svg.contains(document.activeElement)) svg.querySelector<SVGGElement>(".geo-place")?.focus();
    }
    status.textContent = "The whole world.";
  };

  const toLocal = (e: { clientX: number; clientY: number }) => {
    const r = svg.getBoundingClientRect();
    return [((e.clientX - r.left) / r.width) * W, ((e.clientY - r.top) / r.height) * H] as [number, number];
  };
  svg.addEventListener("wheel", (e) => {
    e.preventDefault();
    const [x, y] = toLocal(e);
    zoomAt(e.deltaY < 0 ? 1.25 : 0.8, x, y);
  }, { passive: false });
  let drag: { x: number; y: number; t: [number, number] } | null = null;
  let dragMoved = false;
  svg.addEventListener("pointerdown", (e) => {
    dragMoved = false;
    if ((e.target as Element).closest(".geo-place")) return;
    const [x, y] = toLocal(e);
    drag = { x, y, t: projection.translate() as [number, number] };
  });
  svg.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const [x, y] = toLocal(e);
    if (Math.hypot(x - drag.x, y - drag.y) < 4 && !dragMoved) return;
    // Captured only once it is a drag, so that a click still reaches the country under it.
    if (!dragMoved) svg.setPointerCapture(e.pointerId);
    dragMoved = true;
    setView(k, [drag.t[0] + x - drag.x, drag.t[1] + y - drag.y]);
  });
  svg.addEventListener("pointerup", () => (drag = null));

  // The drawing is in screen pixels (1 unit = 1 px), so markers, labels and touch targets keep
  // their size on a phone: follow the stage's width.
  const stage = h("div", { class: "geo-stage" }, svg, back, tip, status);
  const resize = new ResizeObserver(() => {
    const w = Math.round(stage.clientWidth);
    if (!w || Math.abs(w - W) < 2) return;
    const centre = projection.invert?.([W / 2, H / 2]) ?? null;
    W = w;
    H = heightFor(w);
    fitWorld();
    if (k > 1.01 && centre) {
      projection.scale(base.scale * k).translate(base.translate);
      const p = projection(centre as [number, number]);
      setView(k, p ? [base.translate[0] + W / 2 - p[0], base.translate[1] + H / 2 - p[1]] : base.translate);
    } else setView(1, base.translate);
  });
  resize.observe(stage);

  draw();
  const legend = h("p", { class: "muted small geo-note" },
    h("span", { class: "geo-key geo-key-exact", "aria-hidden": "true" }), " located   ",
    h("span", { class: "geo-key geo-key-approx", "aria-hidden": "true" }), " placed at the country's centre (no coordinates recorded)   ",
    h("span", { class: "geo-key geo-key-group", "aria-hidden": "true" }, "3"), " a group of institutions close together: click it (or a country) to zoom in");
  const el = h("div", { class: "geo-wrap" },
    stage,
    legend,
    unplaced.length ? h("p", { class: "muted small" }, `Not on the map (no location recorded): ${unplaced.map((n) => n.name).join(", ")}.`) : null,
  );
  const api: GeoView = {
    el,
    svg,
    select(sel, focus) {
      selected = sel;
      const c = sel?.kind === "node" ? clusters.find((x) => x.members.some((d) => d.node.id === sel.id)) : undefined;
      if (focus && c && c.members.length > 1) zoomToCluster(c, false);
      else draw();
    },
    zoom: (f) => zoomAt(f),
    reset: () => backToWorld(),
    destroy: () => resize.disconnect(),
  };
  return api;
}

/**
 * An arc as a curve bowed away from the straight line, in screen space: partnership maps read
 * better so than with great circles, which cross the poles and break at the date line.
 */
function flowCurve(pa: XY, pb: XY): string {
  const [dx, dy] = [pb.x - pa.x, pb.y - pa.y];
  const len = Math.hypot(dx, dy) || 1;
  // The normal that points up the page, so arcs bow northwards.
  let [nx, ny] = [-dy / len, dx / len];
  if (ny > 0) [nx, ny] = [-nx, -ny];
  const bow = Math.min(120, len * 0.22);
  const cx = (pa.x + pb.x) / 2 + nx * bow;
  const cy = (pa.y + pb.y) / 2 + ny * bow;
  return `M${pa.x.toFixed(1)},${pa.y.toFixed(1)}Q${cx.toFixed(1)},${cy.toFixed(1)} ${pb.x.toFixed(1)},${pb.y.toFixed(1)}`;
}

/** " in China" when every institution is in one country, " in China and Japan" for two. */
function countriesText(ns: MapNode[]): string {
  const cs = [...new Set(ns.map((n) => n.country).filter((c): c is string => !!c))];
  if (!cs.length || cs.length > 2) return "";
  return ` in ${cs.map((c) => countryName(c)).join(" and ")}`;
}

/** What a marker says to assistive technology: who is there, how many partnerships, what a click does. */
function clusterName(c: Cluster): string {
  const ns = c.members.map((d) => d.node);
  const approx = c.members.filter((d) => !d.place.exact).length;
  if (ns.length === 1) return `${ns[0].name}: ${plural(c.partnerships, "partnership")}${approx ? " (placed at the country's centre)" : ""}`;
  const names = ns.slice(0, 6).map((n) => n.name).join(", ") + (ns.length > 6 ? ` and ${ns.length - 6} more` : "");
  return `${ns.length} institutions${countriesText(ns)}: ${names}; ${plural(c.partnerships, "partnership")}${approx ? `; ${approx} placed at the country's centre` : ""}. Zoom in`;
}

function shorten(n: string, max: number): string {
  return n.length > max ? `${n.slice(0, max - 2)}…` : n;
}

function clusterShortLabel(c: Cluster): string {
  const top = c.members[0].node.name;
  return c.members.length === 1 ? shorten(top, 28) : `${shorten(top, 22)} +${c.members.length - 1}`;
}

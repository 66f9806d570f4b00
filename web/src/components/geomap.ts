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
  select(sel: Selection): void;
  zoom(factor: number): void;
  reset(): void;
  destroy(): void;
}

const W = 960;
const H = 520;

export function geoView(nodes: MapNode[], edges: MapEdge[], onSelect: (s: Selection) => void): GeoView {
  const { places, unplaced, placeOf } = placeNodes(nodes, edges);
  const projection: GeoProjection = geoNaturalEarth1().fitExtent([[8, 8], [W - 8, H - 8]], { type: "Sphere" });
  const base = { scale: projection.scale(), translate: projection.translate() as [number, number] };
  const path = geoPath(projection);
  const feats = countryFeatures();
  const activeCountries = new Set(nodes.map((n) => countryNumericCode(n.country ?? "")).filter(Boolean));

  // Arcs between places; partnerships inside one place are counted there.
  interface Arc { a: Place; b: Place; edges: MapEdge[]; count: number }
  const arcs = new Map<string, Arc>();
  const insideIds = new Map<Place, Set<string>>(); // different partnerships within one place
  for (const e of edges) {
    const a = placeOf.get(e.source);
    const b = placeOf.get(e.target);
    if (!a || !b) continue;
    if (a === b) {
      if (!insideIds.has(a)) insideIds.set(a, new Set());
      for (const id of e.partnerships ?? []) insideIds.get(a)!.add(id);
      continue;
    }
    const [x, y] = a.key < b.key ? [a, b] : [b, a];
    const k = `${x.key}|${y.key}|${e.type}`;
    const arc = arcs.get(k) ?? { a: x, b: y, edges: [], count: 0 };
    arc.edges.push(e);
    arc.count += e.count;
    arcs.set(k, arc);
  }
  const maxArc = Math.max(1, ...[...arcs.values()].map((a) => a.count));
  const maxPlace = Math.max(1, ...places.map((p) => p.partnerships));

  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, class: "geo-svg", role: "group", "aria-label": "World map of partnerships" });
  const tip = h("div", { class: "geo-tip", role: "status", hidden: true });
  let selected: Selection = null;

  const draw = () => {
    const gLand = s("g", { "aria-hidden": "true" },
      s("path", { d: path({ type: "Sphere" }) ?? "", fill: "#f0f7fb", stroke: "#cbd5e1", "stroke-width": 0.5 }),
      s("path", { d: path(geoGraticule10()) ?? "", fill: "none", stroke: "#e2e8f0", "stroke-width": 0.5 }),
      ...feats.map((f) => s("path", {
        d: path(f) ?? "",
        fill: activeCountries.has(String(f.id)) ? "#dbe7f0" : "#eef2f5",
        stroke: "#ffffff",
        "stroke-width": 0.6,
      })),
    );
    const selNode = selected?.kind === "node" ? selected.id : null;
    const selPlace = selNode ? placeOf.get(selNode) : null;
    const gArcs = s("g", { "aria-hidden": "true" }, ...[...arcs.values()].map((arc) => {
      const type = arc.edges[0].type;
      const on = !selPlace || arc.a === selPlace || arc.b === selPlace;
      const isSelEdge = selected?.kind === "edge" && arc.edges.some((e) => edgeKey(e) === (selected as { key: string }).key);
      return s("path", {
        d: flowCurve(projection, arc.a, arc.b),
        fill: "none",
        stroke: partnershipColor(type),
        "stroke-width": ((1.2 + 4 * Math.sqrt(arc.count / maxArc)) * (isSelEdge ? 1.8 : 1)).toFixed(2),
        "stroke-opacity": on ? 0.85 : 0.12,
        "stroke-linecap": "round",
      });
    }));
    // The names and counts drawn beside the places sit in a layer of their own, hidden from
    // assistive technology: each place's button already says them (and axe wants a button's
    // visible text inside its name: label-content-name-mismatch).
    const gLabels = s("g", { "aria-hidden": "true", "pointer-events": "none" });
    const gPlaces = s("g", null, ...places.slice().sort((a, b) => b.partnerships - a.partnerships).map((p) => {
      const xy = projection([p.lon, p.lat]);
      if (!xy) return null;
      const r = 4 + 12 * Math.sqrt(p.partnerships / maxPlace);
      const isSel = !!selNode && p.nodes.some((n) => n.id === selNode);
      const label = placeLabel(p);
      const g = s("g", {
        class: `geo-place${isSel ? " selected" : ""}`, tabindex: 0, role: "button",
        "aria-label": `${label}: ${plural(p.partnerships, "partnership")}${p.exact ? "" : " (placed at the country's centre)"}`,
        transform: `translate(${xy[0].toFixed(1)},${xy[1].toFixed(1)})`,
      },
      s("circle", {
        r: r.toFixed(1),
        fill: p.exact ? "#0f766e" : "#ffffff",
        "fill-opacity": p.exact ? 0.85 : 0.9,
        stroke: "#0f766e",
        "stroke-width": isSel ? 3 : 1.5,
        "stroke-dasharray": p.exact ? undefined : "3 2",
      }),
      );
      gLabels.appendChild(s("g", { transform: `translate(${xy[0].toFixed(1)},${xy[1].toFixed(1)})` },
      p.nodes.length > 1 ? s("text", { "text-anchor": "middle", dy: "0.35em", "font-size": 10, "font-weight": 700, fill: p.exact ? "#fff" : "#0f766e", "font-family": "system-ui, sans-serif" }, String(p.nodes.length)) : null,
      s("text", { x: (r + 4).toFixed(1), dy: "0.35em", "font-size": 11, fill: "#1e293b", "font-family": "system-ui, sans-serif", "paint-order": "stroke", stroke: "#ffffff", "stroke-width": 3 }, shortLabel(p))));
      const show = () => showTip(p, xy);
      g.addEventListener("mouseenter", show);
      g.addEventListener("focus", show);
      g.addEventListener("mouseleave", () => (tip.hidden = true));
      g.addEventListener("blur", () => (tip.hidden = true));
      const pick = () => {
        const top = p.nodes.slice().sort((a, b) => b.partnerships - a.partnerships)[0];
        api.select({ kind: "node", id: top.id });
        onSelect(selected);
      };
      g.addEventListener("click", pick);
      g.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          pick();
        }
      });
      return g;
    }));
    svg.replaceChildren(s("title", null, "World map of partnerships"), s("rect", { width: W, height: H, fill: "#ffffff" }), gLand, gArcs, gPlaces, gLabels);
  };

  const showTip = (p: Place, xy: [number, number]) => {
    const within = insideIds.get(p)?.size;
    replace(tip,
      h("strong", null, p.exact ? placeLabel(p) : `${countryName(p.key.slice(8))} (position approximate)`),
      h("ul", null, ...p.nodes.slice(0, 8).map((n) => h("li", null, `${n.name} · ${plural(n.partnerships, "partnership")}`)),
        p.nodes.length > 8 ? h("li", null, `and ${p.nodes.length - 8} more`) : null),
      within ? h("p", null, `${plural(within, "partnership")} between institutions here`) : null);
    const rect = svg.getBoundingClientRect();
    tip.style.left = `${(xy[0] / W) * rect.width + 12}px`;
    tip.style.top = `${(xy[1] / H) * rect.height + 12}px`;
    tip.hidden = false;
  };

  // Zoom and pan re-project rather than scale the drawing, so lines stay crisp and circles
  // keep their size.
  let k = 1;
  const setView = (nk: number, t: [number, number]) => {
    k = Math.min(12, Math.max(1, nk));
    projection.scale(base.scale * k).translate(t);
    draw();
  };
  const zoomAt = (factor: number, cx = W / 2, cy = H / 2) => {
    const nk = Math.min(12, Math.max(1, k * factor));
    const f = nk / k;
    const [tx, ty] = projection.translate();
    setView(nk, [cx - (cx - tx) * f, cy - (cy - ty) * f]);
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
  svg.addEventListener("pointerdown", (e) => {
    if ((e.target as Element).closest(".geo-place")) return;
    const [x, y] = toLocal(e);
    drag = { x, y, t: projection.translate() as [number, number] };
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const [x, y] = toLocal(e);
    setView(k, [drag.t[0] + x - drag.x, drag.t[1] + y - drag.y]);
  });
  svg.addEventListener("pointerup", () => (drag = null));

  draw();
  const legend = h("p", { class: "muted small geo-note" },
    h("span", { class: "geo-key geo-key-exact", "aria-hidden": "true" }), " located   ",
    h("span", { class: "geo-key geo-key-approx", "aria-hidden": "true" }), " placed at the country's centre (no coordinates recorded)");
  const el = h("div", { class: "geo-wrap" },
    h("div", { class: "geo-stage" }, svg, tip),
    legend,
    unplaced.length ? h("p", { class: "muted small" }, `Not on the map (no location recorded): ${unplaced.map((n) => n.name).join(", ")}.`) : null,
  );
  const api: GeoView = {
    el,
    svg,
    select(sel) {
      selected = sel;
      draw();
    },
    zoom: (f) => zoomAt(f),
    reset: () => setView(1, base.translate),
    destroy() {},
  };
  return api;
}

/**
 * An arc as a curve bowed away from the straight line, in map space: partnership maps read
 * better so than with great circles, which cross the poles and break at the date line.
 */
function flowCurve(projection: GeoProjection, a: Place, b: Place): string {
  const pa = projection([a.lon, a.lat]);
  const pb = projection([b.lon, b.lat]);
  if (!pa || !pb) return "";
  const [dx, dy] = [pb[0] - pa[0], pb[1] - pa[1]];
  const len = Math.hypot(dx, dy) || 1;
  // The normal that points up the page, so arcs bow northwards.
  let [nx, ny] = [-dy / len, dx / len];
  if (ny > 0) [nx, ny] = [-nx, -ny];
  const bow = Math.min(120, len * 0.22);
  const cx = (pa[0] + pb[0]) / 2 + nx * bow;
  const cy = (pa[1] + pb[1]) / 2 + ny * bow;
  return `M${pa[0].toFixed(1)},${pa[1].toFixed(1)}Q${cx.toFixed(1)},${cy.toFixed(1)} ${pb[0].toFixed(1)},${pb[1].toFixed(1)}`;
}

function placeLabel(p: Place): string {
  if (p.nodes.length === 1) return p.nodes[0].name;
  return `${p.nodes.length} institutions${p.exact ? "" : ` in ${countryName(p.key.slice(8))}`}`;
}

function shortLabel(p: Place): string {
  if (p.nodes.length === 1) {
    const n = p.nodes[0].name;
    return n.length > 28 ? `${n.slice(0, 26)}…` : n;
  }
  return p.exact ? `${p.nodes.length} institutions` : countryName(p.key.slice(8));
}


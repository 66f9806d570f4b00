// The partnership network, drawn with sigma.js (WebGL) so that it stays smooth with thousands
// of institutions: nodes sized by partnership activity and coloured by kind, one edge per
// partnership type between two institutions, coloured by type and as thick as the count.

import Graph from "graphology";
import Sigma from "sigma";
import forceAtlas2 from "graphology-layout-forceatlas2";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import EdgeCurveProgram from "@sigma/edge-curve";
import { h } from "../lib/dom";
import { escapeXML, measureText } from "../lib/export";
import { nodeLabel } from "../lib/pages";
import { orgColor, partnershipColor } from "../lib/labels";
import type { MapEdge, MapNode } from "../lib/types";
import { edgeKey, type Selection } from "../lib/mapsel";

export type { Selection };


export interface NetworkView {
  el: HTMLElement;
  select(sel: Selection, moveCamera?: boolean): void;
  zoom(factor: number): void;
  reset(): void;
  toSVG(): { svg: string; width: number; height: number };
  destroy(): void;
  /** Resolves when the layout has settled (at once for small graphs). */
  settled: Promise<void>;
}


/** A stable pseudo-random number in [0, 1) from a string, so a map looks the same each time. */
export function hash01(s: string, salt = 0): number {
  let x = 2166136261 ^ salt;
  for (let i = 0; i < s.length; i++) {
    x ^= s.charCodeAt(i);
    x = Math.imul(x, 16777619);
  }
  x ^= x >>> 13;
  x = Math.imul(x, 0x5bd1e995);
  x ^= x >>> 15;
  return (x >>> 0) / 4294967296;
}

export function webglAvailable(): boolean {
  try {
    const c = document.createElement("canvas");
    return !!(c.getContext("webgl2") || c.getContext("webgl"));
  } catch {
    return false;
  }
}

export function networkView(nodes: MapNode[], edges: MapEdge[], onSelect: (s: Selection) => void): NetworkView {
  const big = nodes.length > 800;
  const graph = new Graph({ type: "undirected", multi: true, allowSelfLoops: false });
  const maxP = Math.max(1, ...nodes.map((n) => n.partnerships));
  for (const n of nodes) {
    const a = hash01(n.id) * Math.PI * 2;
    const r = Math.sqrt(hash01(n.id, 7));
    graph.addNode(n.id, {
      x: Math.cos(a) * r * 100,
      y: Math.sin(a) * r * 100,
      size: (big ? 2 : 5) + (big ? 6 : 14) * Math.sqrt(n.partnerships / maxP),
      color: orgColor(n.type),
      label: nodeLabel(n), // "USST, incl. IBST": the units the institution level rolled into it
      orgType: n.type,
    });
  }
  // Parallel edges (several partnership types between one pair) are drawn as curves side by side.
  const pairs = new Map<string, MapEdge[]>();
  for (const e of edges) {
    if (!graph.hasNode(e.source) || !graph.hasNode(e.target) || e.source === e.target) continue;
    const [a, b] = e.source < e.target ? [e.source, e.target] : [e.target, e.source];
    const k = `${a}|${b}`;
    if (!pairs.has(k)) pairs.set(k, []);
    pairs.get(k)!.push(e);
  }
  const maxC = Math.max(1, ...edges.map((e) => e.count));
  for (const [k, list] of pairs) {
    const [a, b] = k.split("|");
    list.forEach((e, i) => {
      const curvature = list.length === 1 ? 0 : 0.35 * (i - (list.length - 1) / 2);
      graph.addEdgeWithKey(edgeKey(e), a, b, {
        size: (big ? 0.5 : 1.5) + (big ? 2 : 5) * Math.sqrt(e.count / maxC),
        color: partnershipColor(e.type),
        type: curvature ? "curved" : "line",
        curvature,
        ptype: e.type,
      });
    });
  }

  const container = h("div", { class: "sigma-canvas", role: "img", "aria-label": `Partnership network of ${nodes.length} organizations and ${edges.length} links. The table below lists the same links.` });
  const el = h("div", { class: "sigma-wrap" }, container);

  let hovered: string | null = null;
  let selected: Selection = null;
  let focusSet: Set<string> | null = null;
  const refocus = () => {
    const centre = hovered ?? (selected?.kind === "node" ? selected.id : null);
    if (centre && graph.hasNode(centre)) focusSet = new Set([centre, ...graph.neighbors(centre)]);
    else if (selected?.kind === "edge" && graph.hasEdge(selected.key)) focusSet = new Set(graph.extremities(selected.key));
    else focusSet = null;
  };

  const sigma = new Sigma(graph, container, {
    allowInvalidContainer: true,
    renderEdgeLabels: false,
    enableEdgeEvents: edges.length < 20000,
    labelFont: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
    labelSize: 12,
    labelWeight: "500",
    labelColor: { color: "#1e293b" },
    labelRenderedSizeThreshold: big ? 7 : 0,
    labelDensity: big ? 0.5 : 1,
    zIndex: true,
    hideEdgesOnMove: big,
    hideLabelsOnMove: big,
    minCameraRatio: 0.05,
    maxCameraRatio: 4,
    stagePadding: 40,
    edgeProgramClasses: { curved: EdgeCurveProgram },
    nodeReducer: (node, data) => {
      const res: Record<string, unknown> = { ...data };
      if (focusSet && !focusSet.has(node)) {
        res.color = "#e2e8f0";
        res.label = "";
        res.zIndex = 0;
      } else if (focusSet) {
        res.zIndex = 1;
        res.forceLabel = true;
      }
      if (selected?.kind === "node" && selected.id === node) res.highlighted = true;
      return res;
    },
    edgeReducer: (edge, data) => {
      const res: Record<string, unknown> = { ...data };
      if (focusSet) {
        const [s, t] = graph.extremities(edge);
        const centre = hovered ?? (selected?.kind === "node" ? selected.id : null);
        const on = centre ? s === centre || t === centre : selected?.kind === "edge" && selected.key === edge;
        if (!on) res.hidden = true;
        else res.zIndex = 1;
      }
      if (selected?.kind === "edge" && selected.key === edge) res.size = (data.size as number) * 1.8;
      return res;
    },
  });

  sigma.on("enterNode", ({ node }) => {
    hovered = node;
    refocus();
    container.style.cursor = "pointer";
    sigma.refresh({ skipIndexation: true });
  });
  sigma.on("leaveNode", () => {
    hovered = null;
    refocus();
    container.style.cursor = "";
    sigma.refresh({ skipIndexation: true });
  });
  sigma.on("enterEdge", () => (container.style.cursor = "pointer"));
  sigma.on("leaveEdge", () => (container.style.cursor = ""));

  // Dragging a node moves it (and stops the layout from moving it back).
  let dragged: string | null = null;
  let moved = false;
  sigma.on("downNode", ({ node }) => {
    dragged = node;
    moved = false;
    graph.setNodeAttribute(node, "fixed", true);
    if (!sigma.getCustomBBox()) sigma.setCustomBBox(sigma.getBBox());
  });
  sigma.getMouseCaptor().on("mousemovebody", (e) => {
    if (!dragged) return;
    moved = true;
    const pos = sigma.viewportToGraph(e);
    graph.setNodeAttribute(dragged, "x", pos.x);
    graph.setNodeAttribute(dragged, "y", pos.y);
    e.preventSigmaDefault();
    e.original.preventDefault();
    e.original.stopPropagation();
  });
  const endDrag = () => {
    dragged = null;
  };
  sigma.getMouseCaptor().on("mouseup", endDrag);
  sigma.getMouseCaptor().on("mouseleave", endDrag);

  sigma.on("clickNode", ({ node }) => {
    if (moved) return;
    api.select({ kind: "node", id: node });
    onSelect(selected);
  });
  sigma.on("clickEdge", ({ edge }) => {
    api.select({ kind: "edge", key: edge });
    onSelect(selected);
  });
  sigma.on("clickStage", () => {
    api.select(null);
    onSelect(null);
  });

  // Layout: ForceAtlas2, in one go for small graphs; in a web worker for big ones, shown as it
  // settles, for a few seconds.
  let fa2: FA2Layout | null = null;
  const settings = { ...forceAtlas2.inferSettings(graph), adjustSizes: !big, barnesHutOptimize: nodes.length > 300 };
  let settledResolve!: () => void;
  const settled = new Promise<void>((r) => (settledResolve = r));
  if (!big) {
    forceAtlas2.assign(graph, { iterations: nodes.length < 100 ? 600 : 300, settings: { ...settings, gravity: 1.5 } });
    settledResolve();
  } else {
    fa2 = new FA2Layout(graph, { settings });
    fa2.start();
    setTimeout(() => {
      fa2?.stop();
      settledResolve();
    }, Math.min(12000, 2000 + nodes.length));
  }

  const api: NetworkView = {
    el,
    settled,
    select(sel, moveCamera = false) {
      selected = sel;
      refocus();
      sigma.refresh({ skipIndexation: true });
      if (moveCamera && sel?.kind === "node" && graph.hasNode(sel.id)) {
        const d = sigma.getNodeDisplayData(sel.id);
        if (d) sigma.getCamera().animate({ x: d.x, y: d.y, ratio: Math.min(sigma.getCamera().ratio, 0.6) }, { duration: 400 });
      }
    },
    zoom(factor) {
      const cam = sigma.getCamera();
      if (factor > 1) void cam.animatedZoom({ duration: 250, factor });
      else void cam.animatedUnzoom({ duration: 250, factor: 1 / factor });
    },
    reset() {
      void sigma.getCamera().animatedReset({ duration: 300 });
    },
    toSVG() {
      const width = container.clientWidth || 800;
      const height = container.clientHeight || 600;
      const parts: string[] = [];
      const pos = new Map<string, { x: number; y: number; r: number }>();
      graph.forEachNode((n) => {
        const d = sigma.getNodeDisplayData(n);
        if (!d) return;
        const v = sigma.framedGraphToViewport(d);
        pos.set(n, { x: v.x, y: v.y, r: sigma.scaleSize(d.size) });
      });
      graph.forEachEdge((_e, attrs, s, t) => {
        const a = pos.get(s);
        const b = pos.get(t);
        if (!a || !b) return;
        const c = attrs.curvature as number;
        const w = Math.max(0.5, sigma.scaleSize(attrs.size as number));
        let d = `M${a.x.toFixed(1)},${a.y.toFixed(1)} `;
        if (c) {
          const mx = (a.x + b.x) / 2;
          const my = (a.y + b.y) / 2;
          const dx = b.x - a.x;
          const dy = b.y - a.y;
          d += `Q${(mx - dy * c).toFixed(1)},${(my + dx * c).toFixed(1)} `;
        } else d += "L";
        d += `${b.x.toFixed(1)},${b.y.toFixed(1)}`;
        parts.push(`<path d="${d}" fill="none" stroke="${attrs.color}" stroke-width="${w.toFixed(2)}" stroke-opacity="0.8"/>`);
      });
      const labelled = [...pos.entries()].sort((x, y) => y[1].r - x[1].r).slice(0, 300);
      for (const [n, p] of pos) {
        parts.push(`<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="${p.r.toFixed(1)}" fill="${graph.getNodeAttribute(n, "color")}" stroke="#fff" stroke-width="1"/>`);
      }
      // The picture is the viewport, grown to hold every label drawn in full: a label is
      // measured, never cut at the edge.
      let [x0, y0, x1, y1] = [0, 0, width, height];
      for (const [n, p] of labelled) {
        if (p.x < 0 || p.y < 0 || p.x > width || p.y > height) continue;
        const label = graph.getNodeAttribute(n, "label") as string;
        const lx = p.x + p.r + 3;
        x0 = Math.min(x0, p.x - p.r - 2);
        x1 = Math.max(x1, lx + measureText(label, "12px system-ui, sans-serif") + 4);
        y0 = Math.min(y0, p.y - Math.max(p.r, 12) - 2);
        y1 = Math.max(y1, p.y + Math.max(p.r, 6) + 4);
        parts.push(`<text x="${lx.toFixed(1)}" y="${(p.y + 4).toFixed(1)}" font-family="system-ui, sans-serif" font-size="12" fill="#1e293b" paint-order="stroke" stroke="#fff" stroke-width="3">${escapeXML(label)}</text>`);
      }
      const [w, hgt] = [Math.ceil(x1 - x0), Math.ceil(y1 - y0)];
      const svg = `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${hgt}" viewBox="${Math.floor(x0)} ${Math.floor(y0)} ${w} ${hgt}"><rect x="${Math.floor(x0)}" y="${Math.floor(y0)}" width="${w}" height="${hgt}" fill="#fff"/>${parts.join("")}</svg>`;
      return { svg, width: w, height: hgt };
    },
    destroy() {
      fa2?.kill();
      sigma.kill();
    },
  };
  return api;
}

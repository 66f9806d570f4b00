// How the console shows Cypher values (the API's typed JSON) and draws a result's graph.

import cytoscape from "cytoscape";
import { h, type Child } from "../lib/dom";
import { kindColor } from "../lib/labels";
import type { CypherNode, CypherRel, CypherResult } from "../lib/types";

type Typed = { type: string; [k: string]: unknown };

function isTyped(v: unknown): v is Typed {
  return typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as Typed).type === "string";
}

const LABEL_KIND: Record<string, string> = {
  Person: "person", Organization: "organization", Topic: "topic", Event: "event", Partnership: "partnership",
  Publication: "publication", Source: "source",
};

/** The label that says what a node is (not the shared Entity label). */
export function mainLabel(n: CypherNode): string {
  return n.labels.find((l) => l !== "Entity") ?? n.labels[0] ?? "";
}

export function nodeCaption(n: CypherNode): string {
  const p = n.properties;
  return String(p.name ?? p.title ?? p.id ?? p.url ?? mainLabel(n) ?? n.elementId);
}

/** A plain-text rendering of a value, for titles and CSV-like views. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (Array.isArray(v)) return `[${v.map(valueText).join(", ")}]`;
  if (isTyped(v)) {
    switch (v.type) {
      case "node":
        return `(:${(v as unknown as CypherNode).labels.join(":")} ${nodeCaption(v as unknown as CypherNode)})`;
      case "relationship":
        return `[:${(v as unknown as CypherRel).relType}]`;
      case "path":
        return `path of ${((v.relationships as unknown[]) ?? []).length} hops`;
      case "point":
        return `point(${v.x}, ${v.y}${v.z !== undefined ? `, ${v.z}` : ""})`;
      case "map":
        return valueText(v.value);
      default:
        return String(v.value ?? JSON.stringify(v));
    }
  }
  if (typeof v === "object") return `{${Object.entries(v as object).map(([k, x]) => `${k}: ${valueText(x)}`).join(", ")}}`;
  return String(v);
}

/** A value as DOM: nodes and relationships as chips whose properties unfold. */
export function formatValue(v: unknown): Child {
  if (v === null || v === undefined) return h("span", { class: "v-null" }, "null");
  if (typeof v === "string") return h("span", { class: "v-str" }, v);
  if (typeof v === "number" || typeof v === "boolean") return h("span", { class: "v-num" }, String(v));
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === "string" || typeof x === "number")) return h("span", { class: "v-list" }, v.join(", "));
    return h("span", { class: "v-list" }, "[", ...v.flatMap((x, i) => [i ? ", " : null, formatValue(x)]), "]");
  }
  if (isTyped(v)) {
    switch (v.type) {
      case "node": {
        const n = v as unknown as CypherNode;
        const kind = LABEL_KIND[mainLabel(n)] ?? "other";
        return h("details", { class: "v-node" },
          h("summary", null, h("span", { class: "v-label", style: { background: kindColor(kind) } }, mainLabel(n)), " ", nodeCaption(n)),
          propsTable(n.properties));
      }
      case "relationship": {
        const r = v as unknown as CypherRel;
        return h("details", { class: "v-rel" }, h("summary", null, `[:${r.relType}]`), propsTable(r.properties));
      }
      case "path": {
        const nodes = (v.nodes as CypherNode[]) ?? [];
        const rels = (v.relationships as CypherRel[]) ?? [];
        return h("span", { class: "v-path" }, ...nodes.flatMap((n, i) => [
          h("span", { class: "v-path-node" }, nodeCaption(n)),
          rels[i] ? h("span", { class: "v-path-rel" }, ` -[:${rels[i].relType}]- `) : null,
        ]));
      }
      default:
        return h("span", { class: "v-typed", title: v.type }, valueText(v));
    }
  }
  return h("span", { class: "v-map" }, valueText(v));
}

function propsTable(p: Record<string, unknown>): HTMLElement {
  const keys = Object.keys(p).sort();
  if (!keys.length) return h("p", { class: "muted small" }, "no properties");
  return h("table", { class: "props" }, h("tbody", null, ...keys.map((k) => h("tr", null, h("th", { scope: "row" }, k), h("td", null, valueText(p[k]))))));
}

/** The nodes and relationships of a result, drawn with Cytoscape. */
export function resultGraph(r: CypherResult, host: HTMLElement): { destroy(): void } {
  const nodes = r.graph.nodes ?? [];
  const ids = new Set(nodes.map((n) => n.elementId));
  const rels = (r.graph.relationships ?? []).filter((x) => ids.has(x.start) && ids.has(x.end));
  const container = h("div", { class: "graph-canvas graph-canvas-result", role: "img", "aria-label": `Graph of ${nodes.length} nodes and ${rels.length} relationships; the table view lists them as text.` });
  const info = h("div", { class: "graph-info", "aria-live": "polite" }, h("p", { class: "muted small" }, "Click a node or relationship to see its properties."));
  host.replaceChildren(h("div", { class: "graph" }, container, info));
  const cy = cytoscape({
    container,
    elements: [
      ...nodes.map((n) => ({ group: "nodes" as const, data: { id: n.elementId, label: nodeCaption(n), color: kindColor(LABEL_KIND[mainLabel(n)] ?? "other") } })),
      ...rels.map((x) => ({ group: "edges" as const, data: { id: x.elementId, source: x.start, target: x.end, label: x.relType } })),
    ],
    style: [
      { selector: "node", style: { "background-color": "data(color)", label: "data(label)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 3, "text-wrap": "ellipsis", "text-max-width": "120px", width: 16, height: 16, color: "#1e293b" } },
      { selector: "node:selected", style: { "border-color": "#f59e0b", "border-width": 3 } },
      { selector: "edge", style: { width: 1.2, "line-color": "#94a3b8", "target-arrow-color": "#94a3b8", "target-arrow-shape": "triangle", "curve-style": "bezier", label: "", "font-size": 8, color: "#475569", "text-rotation": "autorotate", "text-background-color": "#ffffff", "text-background-opacity": 0.85 } },
      { selector: "edge:selected, edge.hl", style: { label: "data(label)", "line-color": "#f59e0b", "target-arrow-color": "#f59e0b", width: 2 } },
    ],
    minZoom: 0.1,
    maxZoom: 2.5,
  });
  cy.resize();
  cy.layout({ name: nodes.length > 300 ? "grid" : "cose", animate: false, padding: 20, nodeRepulsion: () => 12000, idealEdgeLength: () => 80 } as cytoscape.LayoutOptions).run();
  cy.fit(undefined, 20);
  // A few nodes would be blown up to fill the box: keep text at its size.
  if (cy.zoom() > 1.2) {
    cy.zoom(1.2);
    cy.center();
  }
  cy.on("mouseover", "node", (e) => e.target.connectedEdges().addClass("hl"));
  cy.on("mouseout", "node", (e) => e.target.connectedEdges().removeClass("hl"));
  const byId = new Map<string, CypherNode | CypherRel>([...nodes.map((n) => [n.elementId, n] as const), ...rels.map((x) => [x.elementId, x] as const)]);
  cy.on("tap", "node, edge", (e) => {
    const item = byId.get(e.target.id());
    if (!item) return;
    info.replaceChildren(
      h("p", null, h("strong", null, item.type === "node" ? `(:${item.labels.join(":")})` : `[:${item.relType}]`)),
      propsTable(item.properties));
  });
  return { destroy: () => cy.destroy() };
}

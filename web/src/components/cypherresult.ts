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

/** Loads a node's neighbours (a read-only query run through the console's API). */
export type NeighbourLoader = (elementId: string) => Promise<CypherResult>;

/**
 * The query that expands a node in the console's graph: parameterised, read-only, bounded. The
 * graph's bookkeeping ($hidden: labels such as NameKey) is left out of a neighbourhood, as the
 * console's completion and schema panel leave it out.
 */
export const NEIGHBOURS_QUERY = "MATCH (n)-[r]-(m) WHERE elementId(n) = $id AND none(l IN labels(m) WHERE l IN $hidden) RETURN n, r, m LIMIT 25";

/**
 * The nodes and relationships of a result, drawn with Cytoscape. With a loader, clicking a
 * node (or choosing it with the arrow keys and pressing Enter) adds its neighbours, as Neo4j
 * Browser does: new nodes and relationships merge in without duplicates, then the graph is laid
 * out again and fitted.
 */
export function resultGraph(r: CypherResult, host: HTMLElement, loadNeighbours?: NeighbourLoader): { destroy(): void } {
  const nodes = r.graph.nodes ?? [];
  const ids = new Set(nodes.map((n) => n.elementId));
  const rels = (r.graph.relationships ?? []).filter((x) => ids.has(x.start) && ids.has(x.end));
  const help = loadNeighbours
    ? "Click a node to see its properties and add its neighbours; or focus the graph, choose a node with the arrow keys and press Enter."
    : "Click a node or relationship to see its properties.";
  const container = h("div", {
    class: "graph-canvas graph-canvas-result", tabindex: 0, role: "application", "aria-roledescription": "graph",
    "aria-label": `Graph of ${nodes.length} nodes and ${rels.length} relationships. ${help} The table view lists them as text.`,
  });
  const status = h("p", { class: "graph-status muted small", role: "status", "aria-live": "polite" });
  // The status line speaks; the properties below it are read when wanted.
  const info = h("div", { class: "graph-info" }, h("p", { class: "muted small" }, help));
  host.replaceChildren(h("div", { class: "graph" }, container, status, info));
  const byId = new Map<string, CypherNode | CypherRel>();
  const nodeEl = (n: CypherNode) => ({ group: "nodes" as const, data: { id: n.elementId, label: nodeCaption(n), main: mainLabel(n), color: kindColor(LABEL_KIND[mainLabel(n)] ?? "other") } });
  const relEl = (x: CypherRel) => ({ group: "edges" as const, data: { id: x.elementId, source: x.start, target: x.end, label: x.relType } });
  for (const n of nodes) byId.set(n.elementId, n);
  for (const x of rels) byId.set(x.elementId, x);
  const cy = cytoscape({
    container,
    elements: [...nodes.map(nodeEl), ...rels.map(relEl)],
    style: [
      { selector: "node", style: { "background-color": "data(color)", label: "data(label)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 3, "text-wrap": "ellipsis", "text-max-width": "120px", width: 16, height: 16, color: "#1e293b" } },
      { selector: "node.expanded", style: { "border-color": "#0f172a", "border-width": 2 } },
      { selector: "node:selected", style: { "border-color": "#f59e0b", "border-width": 3 } },
      { selector: "edge", style: { width: 1.2, "line-color": "#94a3b8", "target-arrow-color": "#94a3b8", "target-arrow-shape": "triangle", "curve-style": "bezier", label: "", "font-size": 8, color: "#475569", "text-rotation": "autorotate", "text-background-color": "#ffffff", "text-background-opacity": 0.85 } },
      { selector: "edge:selected, edge.hl", style: { label: "data(label)", "line-color": "#f59e0b", "target-arrow-color": "#f59e0b", width: 2 } },
    ],
    minZoom: 0.1,
    maxZoom: 2.5,
  });
  const fit = () => {
    cy.fit(undefined, 20);
    // A few nodes would be blown up to fill the box: keep text at its size.
    if (cy.zoom() > 1.2) {
      cy.zoom(1.2);
      cy.center();
    }
  };
  const layout = (randomize: boolean) => {
    container.dataset.layout = "running";
    const l = cy.layout({ name: cy.nodes().length > 300 ? "grid" : "cose", animate: false, randomize, padding: 20, nodeRepulsion: () => 12000, idealEdgeLength: () => 80 } as cytoscape.LayoutOptions);
    l.one("layoutstop", () => {
      fit();
      container.dataset.nodes = String(cy.nodes().length);
      container.dataset.layout = "done";
    });
    l.run();
  };
  cy.resize();
  layout(true);
  cy.on("mouseover", "node", (e) => e.target.connectedEdges().addClass("hl"));
  cy.on("mouseout", "node", (e) => e.target.connectedEdges().removeClass("hl"));
  const showProps = (id: string) => {
    const item = byId.get(id);
    if (!item) return;
    info.replaceChildren(
      h("p", null, h("strong", null, item.type === "node" ? `(:${item.labels.join(":")}) ${nodeCaption(item)}` : `[:${item.relType}]`)),
      propsTable(item.properties));
  };

  const expanded = new Set<string>();
  let busy = false;
  const expand = async (id: string) => {
    if (!loadNeighbours || busy || expanded.has(id) || !cy.getElementById(id).isNode()) return;
    busy = true;
    const caption = String(cy.getElementById(id).data("label"));
    status.textContent = `Loading the neighbours of ${caption}…`;
    try {
      const res = await loadNeighbours(id);
      if (cy.destroyed()) return;
      const centre = cy.getElementById(id).position();
      let addedNodes = 0;
      let addedRels = 0;
      cy.batch(() => {
        for (const n of res.graph.nodes ?? []) {
          if (byId.has(n.elementId)) continue;
          byId.set(n.elementId, n);
          // New nodes start beside the one expanded, so the layout moves them out from there.
          cy.add({ ...nodeEl(n), position: { x: centre.x + (Math.random() - 0.5) * 60, y: centre.y + (Math.random() - 0.5) * 60 } });
          addedNodes++;
        }
        for (const x of res.graph.relationships ?? []) {
          if (byId.has(x.elementId) || !byId.has(x.start) || !byId.has(x.end)) continue;
          byId.set(x.elementId, x);
          cy.add(relEl(x));
          addedRels++;
        }
      });
      expanded.add(id);
      cy.getElementById(id).addClass("expanded");
      if (addedNodes || addedRels) layout(false);
      status.textContent = addedNodes
        ? `${addedNodes} ${addedNodes === 1 ? "neighbour" : "neighbours"} of ${caption} added${res.truncated || (res.graph.nodes ?? []).length > 25 ? " (the first 25)" : ""}.`
        : addedRels ? `No more neighbours of ${caption}; ${addedRels} ${addedRels === 1 ? "relationship" : "relationships"} added.` : `No more neighbours of ${caption}.`;
    } catch (err) {
      status.textContent = `Could not load the neighbours of ${caption}: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      busy = false;
    }
  };

  cy.on("tap", "node, edge", (e) => {
    const id = e.target.id() as string;
    showProps(id);
    if (e.target.isNode()) void expand(id);
  });
  // The keyboard: arrows walk through the nodes, Enter expands the chosen one.
  container.addEventListener("keydown", (e) => {
    const all = cy.nodes().toArray();
    if (!all.length) return;
    const cur = cy.nodes(":selected").first();
    let i = cur.nonempty() ? all.findIndex((n) => n.id() === cur.id()) : -1;
    if (e.key === "ArrowRight" || e.key === "ArrowDown") i = (i + 1) % all.length;
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") i = (i - 1 + all.length) % all.length;
    else if (e.key === "Enter" && cur.nonempty()) {
      e.preventDefault();
      void expand(cur.id());
      return;
    } else return;
    e.preventDefault();
    cy.nodes().unselect();
    const n = all[i];
    n.select();
    showProps(n.id());
    status.textContent = `${n.data("label")} (${i + 1} of ${all.length})${loadNeighbours && !expanded.has(n.id()) ? ": Enter adds its neighbours" : ""}`;
  });
  return { destroy: () => cy.destroy() };
}

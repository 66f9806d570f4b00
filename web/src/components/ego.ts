// The interactive ego network of a profile: the entity, its neighbours from the profile, and
// the neighbours of any node the user expands (click, or the Expand button for keyboard
// users). Drag, pan and zoom are Cytoscape's own.

import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from "cytoscape";
import { getJSON, profileAPI, profilePath } from "../lib/api";
import { h, replace } from "../lib/dom";
import { kindColor, word, Word } from "../lib/labels";
import type { GNode, Kind, Profile } from "../lib/types";
import { navigate } from "../lib/router";

export interface Neighbour {
  node: GNode;
  /** The relationship in words, read from the profile's entity. */
  label: string;
  /** When the neighbour is reached through another node (a partnership's parties). */
  via?: string;
}

/** The neighbours a profile lists, each with the relationship in words. */
export function neighboursOf(p: Profile): Neighbour[] {
  const out: Neighbour[] = [];
  const self = p.entity.id;
  const fact = (label?: string) => (f: { rel: string; other: GNode; title?: string; role?: string }) =>
    out.push({ node: f.other, label: label ?? ([word(f.rel), f.title || f.role].filter(Boolean).join(": ")) });
  p.affiliations?.forEach(fact());
  p.topics?.forEach(fact("works on"));
  p.events?.forEach(fact());
  p.publications?.forEach(fact());
  p.people?.forEach((f) => out.push({ node: f.other, label: [word(f.rel), f.title || f.role].filter(Boolean).join(": ") }));
  p.related?.forEach(fact());
  for (const ps of p.partnerships ?? []) {
    const pn: GNode = { id: ps.id, name: ps.name, kind: "partnership", type: ps.type };
    out.push({ node: pn, label: `party to (${word(ps.type)})` });
    for (const party of ps.parties ?? []) {
      if (party.id !== self) out.push({ node: party, label: "party to", via: ps.id });
    }
  }
  const list = (nodes: GNode[] | undefined, label: string) => nodes?.forEach((n) => out.push({ node: n, label }));
  // A co-author's edge names the shared work (the latest; "+N" more).
  p.coauthors?.forEach((n) => out.push({ node: n, label: n.works?.length
    ? `co-authored “${n.works[0].title}”${n.works.length > 1 ? ` +${n.works.length - 1}` : ""}` : "co-author" }));
  list(p.parents, "part of");
  list(p.subUnits, "sub-unit");
  list(p.partners, "partner");
  list(p.subtopics, "subtopic");
  list(p.experts, "expert");
  list(p.institutions, "institution");
  return out;
}

const expandable = new Set(["person", "organization", "topic"]);

export interface EgoNetwork {
  el: HTMLElement;
  cy: Core;
  destroy(): void;
}

/** Draws the network into host, which must be in the document (Cytoscape measures it). */
export function egoNetwork(profile: Profile, host: HTMLElement): EgoNetwork {
  const container = h("div", { class: "graph-canvas", role: "img", "aria-label": `Network of ${profile.entity.name ?? profile.entity.id} and its neighbours. The lists below give the same facts as text.` });
  const info = h("div", { class: "graph-info", "aria-live": "polite" });
  const centre: GNode = { id: profile.entity.id, name: String(profile.entity.name ?? profile.entity.id), kind: profile.kind };
  const expanded = new Set<string>();
  const toolbarSlot = h("div");
  const el = h("div", { class: "graph" }, toolbarSlot, container, info);
  replace(host, el);

  const cy = cytoscape({
    container,
    elements: [],
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      {
        selector: "node",
        style: {
          "background-color": "data(color)",
          label: "data(label)",
          color: "#1e293b",
          "font-size": 11,
          "font-family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
          "text-valign": "bottom",
          "text-margin-y": 4,
          "text-wrap": "ellipsis",
          "text-max-width": "140px",
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.85,
          "text-background-padding": "2px",
          width: 18,
          height: 18,
          "border-width": 2,
          "border-color": "#ffffff",
        },
      },
      { selector: "node[kind = 'partnership']", style: { shape: "diamond", width: 16, height: 16 } },
      { selector: "node[kind = 'topic']", style: { shape: "round-rectangle" } },
      { selector: "node[kind = 'event']", style: { shape: "hexagon" } },
      { selector: "node.centre", style: { width: 32, height: 32, "font-size": 13, "font-weight": "bold", "border-color": "#0f172a", "border-width": 3 } },
      { selector: "node.expanded", style: { "border-color": "#0f172a" } },
      { selector: "node:selected", style: { "border-color": "#f59e0b", "border-width": 4 } },
      {
        selector: "edge",
        style: {
          width: 1.5,
          "line-color": "#cbd5e1",
          "curve-style": "bezier",
          label: "",
          "font-size": 9,
          color: "#64748b",
          "text-rotation": "autorotate",
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.8,
          "min-zoomed-font-size": 9,
        },
      },
      { selector: "edge.hl", style: { "line-color": "#f59e0b", width: 2.5, label: "data(label)", "z-index": 10 } },
    ],
  });

  const addNode = (n: GNode, cls = ""): boolean => {
    if (cy.getElementById(n.id).nonempty()) return false;
    cy.add({ group: "nodes", data: { id: n.id, label: n.name || n.id, kind: n.kind, type: n.type, color: kindColor(n.kind) }, classes: cls });
    return true;
  };
  const addEdge = (a: string, b: string, label: string) => {
    const id = `${a}->${b}:${label}`;
    const rev = `${b}->${a}:${label}`;
    if (cy.getElementById(id).nonempty() || cy.getElementById(rev).nonempty()) return;
    cy.add({ group: "edges", data: { id, source: a, target: b, label } } as ElementDefinition);
  };

  const addNeighbours = (from: GNode, p: Profile): number => {
    let added = 0;
    for (const nb of neighboursOf(p)) {
      if (nb.node.id === from.id) continue;
      if (addNode(nb.node)) added++;
      addEdge(nb.via ?? from.id, nb.node.id, nb.label);
    }
    expanded.add(from.id);
    cy.getElementById(from.id).addClass("expanded");
    return added;
  };

  const layout = (fit: boolean) => {
    // The tests (and anyone scripting the page) wait for data-layout="done".
    container.dataset.layout = "running";
    const l = cy.layout({
      name: "cose",
      animate: cy.nodes().length < 150,
      animationDuration: 400,
      fit,
      padding: 30,
      nodeRepulsion: () => 9000,
      idealEdgeLength: () => 90,
      randomize: false,
    } as cytoscape.LayoutOptions);
    l.one("layoutstop", () => {
      if (fit) cy.fit(undefined, 30);
      container.dataset.layout = "done";
    });
    l.run();
  };

  addNode(centre, "centre");
  addNeighbours(centre, profile);
  cy.resize();
  cy.elements().layout({ name: "concentric", concentric: (n: NodeSingular) => (n.hasClass("centre") ? 2 : 1), levelWidth: () => 1, padding: 20, minNodeSpacing: 45 } as cytoscape.LayoutOptions).run();
  if (cy.zoom() > 1.3) {
    cy.zoom(1.3);
    cy.center();
  }

  const expand = async (id: string) => {
    const node = cy.getElementById(id);
    const kind = node.data("kind") as Kind;
    const path = profileAPI(kind, id);
    if (!path || expanded.has(id)) return;
    showInfo(id, "Loading neighbours…");
    try {
      const p = await getJSON<Profile>(path);
      const added = addNeighbours({ id, name: node.data("label"), kind }, p);
      // Lay out again and fit: new neighbours start at the edge of the canvas otherwise.
      layout(true);
      showInfo(id, added ? `Added ${added} neighbour${added === 1 ? "" : "s"}.` : "No new neighbours.");
    } catch (err) {
      showInfo(id, err instanceof Error ? err.message : String(err));
    }
  };

  const showInfo = (id: string, note?: string) => {
    const n = cy.getElementById(id);
    if (n.empty()) {
      replace(info, h("p", { class: "muted small" }, "Click a node to see it; click again or press Expand to add its neighbours. Drag to move, scroll to zoom."));
      return;
    }
    const kind = n.data("kind") as string;
    const href = profilePath(kind, id);
    replace(info,
      h("p", null, h("strong", null, n.data("label")), " ", h("span", { class: "muted small" }, Word(n.data("type") || kind))),
      h("div", { class: "actions" },
        href ? h("a", { href, class: "btn btn-small" }, "Open profile") : null,
        expandable.has(kind) && !expanded.has(id)
          ? h("button", { type: "button", class: "btn btn-small", onclick: () => expand(id) }, "Expand neighbours")
          : null,
      ),
      note ? h("p", { class: "muted small" }, note) : null,
    );
  };

  let lastTap = "";
  cy.on("tap", "node", (e) => {
    const id = e.target.id() as string;
    cy.edges().removeClass("hl");
    e.target.connectedEdges().addClass("hl");
    if (lastTap === id && expandable.has(e.target.data("kind"))) void expand(id);
    else showInfo(id);
    lastTap = id;
  });
  cy.on("dbltap", "node", (e) => {
    const href = profilePath(e.target.data("kind"), e.target.id());
    if (href) navigate(href);
  });
  cy.on("tap", (e) => {
    if (e.target === cy) {
      cy.edges().removeClass("hl");
      lastTap = "";
      showInfo("");
    }
  });
  showInfo("");

  const toolbar = h("div", { class: "graph-toolbar", role: "toolbar", "aria-label": "Network controls" },
    h("button", { type: "button", class: "btn btn-small", onclick: () => cy.animate({ zoom: cy.zoom() * 1.25, center: { eles: cy.nodes() } } as never), "aria-label": "Zoom in" }, "+"),
    h("button", { type: "button", class: "btn btn-small", onclick: () => cy.animate({ zoom: cy.zoom() / 1.25, center: { eles: cy.nodes() } } as never), "aria-label": "Zoom out" }, "−"),
    h("button", { type: "button", class: "btn btn-small", onclick: () => cy.animate({ fit: { eles: cy.elements(), padding: 30 } } as never) }, "Fit"),
    h("button", { type: "button", class: "btn btn-small", onclick: () => layout(true) }, "Re-arrange"),
    h("button", {
      type: "button", class: "btn btn-small", onclick: () => {
        cy.elements().remove();
        expanded.clear();
        addNode(centre, "centre");
        addNeighbours(centre, profile);
        layout(true);
        showInfo("");
      },
    }, "Reset"),
  );
  const legend = h("ul", { class: "legend", "aria-label": "Legend" },
    ...["person", "organization", "topic", "partnership", "event", "publication"].map((k) =>
      h("li", null, h("span", { class: `swatch swatch-${k}`, style: { background: kindColor(k) } }), Word(k))),
  );
  toolbarSlot.replaceWith(toolbar);
  el.appendChild(legend);
  return { el, cy, destroy: () => cy.destroy() };
}

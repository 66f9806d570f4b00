// Partnership and event pages, and what the map, its report and exports say of the evidence
// behind a link: the shapes of their answers, their paths, and the names of rolled-up units.

import type { components } from "./api-types.gen";
import type { MapEdge, MapNode } from "./types";

type Schemas = components["schemas"];

/** GET /api/v1/partnerships/{id}. */
export type PartnershipPage = Schemas["PartnershipPage"];
/** GET /api/v1/events/{id}. */
export type EventPage = Schemas["EventPage"];
export type PageParty = Schemas["PageParty"];
export type PageLink = Schemas["PageLink"];
export type PageSource = Schemas["PageSource"];
/** One partnership of a map edge, with its parties and sources. */
export type MapPartnership = Schemas["MapPartnership"];

/** The UI path of a partnership's or an event's page, or null for another kind. */
export function pagePath(kind: string, id: string): string | null {
  const seg = { partnership: "partnerships", event: "events" }[kind];
  return seg ? `/${seg}/${encodeURIComponent(id)}` : null;
}

/** The API path of a partnership's or an event's page. */
export function pageAPI(kind: "partnership" | "event", id: string): string {
  return `/api/v1/${kind === "partnership" ? "partnerships" : "events"}/${encodeURIComponent(id)}`;
}

/**
 * A map node's name, saying which units the institution level rolled into it:
 * "USST, incl. IBST", "USTC, incl. 3 units".
 */
export function nodeLabel(n: Pick<MapNode, "name" | "rolledUp">): string {
  const r = n.rolledUp ?? [];
  if (r.length === 0) return n.name;
  if (r.length === 1) return `${n.name}, incl. ${r[0].name}`;
  return `${n.name}, incl. ${r.length} units`;
}

/** The partnerships of some edges, each once (an edge lists those of its type). */
export function partnershipsOf(edges: MapEdge[]): MapPartnership[] {
  const seen = new Map<string, MapPartnership>();
  for (const e of edges) for (const p of e.details ?? []) if (!seen.has(p.id)) seen.set(p.id, p);
  return [...seen.values()].sort((a, b) => (b.start ?? "").localeCompare(a.start ?? "") || a.name.localeCompare(b.name));
}

/** The filters of the map and the report, as the URL carries them. */
export const MAP_FILTERS = ["topic", "country", "orgKind", "type", "level", "from", "to", "asOf"] as const;
export type MapFilters = Partial<Record<(typeof MAP_FILTERS)[number], string>>;

/** The filters in a query string; level=institution is the default and left out. */
export function filtersFrom(p: URLSearchParams): MapFilters {
  const out: MapFilters = {};
  for (const k of MAP_FILTERS) {
    const v = p.get(k);
    if (v && !(k === "level" && v !== "unit")) out[k] = v;
  }
  return out;
}

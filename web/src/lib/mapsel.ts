// What is selected on the partnership map, shared by the network and the world map views.

import type { MapEdge } from "./types";

export type Selection = { kind: "node"; id: string } | { kind: "edge"; key: string } | null;

/** The key of an edge: the two organizations in order, then the partnership type. */
export function edgeKey(e: Pick<MapEdge, "source" | "target" | "type">): string {
  const [a, b] = e.source < e.target ? [e.source, e.target] : [e.target, e.source];
  return `${a}|${b}|${e.type}`;
}

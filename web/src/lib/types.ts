// The shapes of the API's answers (internal/cryo and internal/analyst), as the UI reads them.

export type Kind = "person" | "organization" | "topic" | "event" | "partnership" | "publication" | "source";

export interface Ref {
  id: string;
  name: string;
}

export interface Source {
  id: string;
  url: string;
  title: string;
  publisher?: string;
  published?: string;
}

/** A compact reference to any entity (search results, profile lists, path hops). */
export interface GNode {
  id: string;
  name: string;
  kind: Kind | string;
  type?: string;
  country?: string;
  score?: number;
  aliases?: string[];
}

export interface SearchResult {
  q: string;
  results: GNode[];
}

export interface Institution {
  id: string;
  name: string;
  kind: string;
  country?: string;
  role?: string;
  parents: Ref[];
  uncertain?: boolean;
}

export interface Evidence {
  via: string;
  topic?: Ref;
  through?: Ref;
  sources: Source[];
  uncertain?: boolean;
  note?: string;
}

export interface Expert {
  id: string;
  name: string;
  country?: string;
  institutions: Institution[];
  matchedTopics: Ref[];
  evidenceCount: number;
  evidence: Evidence[];
}

export interface ExpertResult {
  topics: Ref[];
  total: number;
  limit: number;
  offset: number;
  experts: Expert[];
}

export interface TopicNode {
  id: string;
  name: string;
  experts: number;
  partnerships: number;
  totalExperts: number;
  children: TopicNode[] | null;
}

export interface Fact {
  rel: string;
  other: GNode;
  title?: string;
  role?: string;
  since?: string;
  until?: string;
  asOf?: string;
  uncertain?: boolean;
  note?: string;
  sources: string[] | null;
}

export interface PartnershipRef {
  id: string;
  name: string;
  type: string;
  status: string;
  start?: string;
  end?: string;
  role?: string;
  parties: GNode[] | null;
  topics: GNode[] | null;
  uncertain?: boolean;
  sources: string[] | null;
}

export interface Profile {
  entity: Record<string, unknown> & { id: string; name?: string };
  kind: string;
  affiliations?: Fact[];
  topics?: Fact[];
  partnerships?: PartnershipRef[];
  events?: Fact[];
  coauthors?: GNode[];
  publications?: Fact[];
  people?: Fact[];
  parents?: GNode[];
  subUnits?: GNode[];
  partners?: GNode[];
  subtopics?: GNode[];
  experts?: GNode[];
  institutions?: GNode[];
  related?: Fact[];
  sources: Source[] | null;
}

export interface Suggestion {
  person: GNode;
  score: number;
  institutions: GNode[] | null;
  reasons: string[] | null;
}

export interface Hop {
  from: GNode;
  rel: string;
  to: GNode;
  forward: boolean;
  title?: string;
  role?: string;
  uncertain?: boolean;
  note?: string;
  evidence: Source[] | null;
}

export interface Path {
  length: number;
  hops: Hop[];
}

export interface PathResult {
  from: GNode;
  to: GNode;
  paths: Path[] | null;
}

export interface MapNode {
  id: string;
  name: string;
  type: string;
  country?: string;
  lat?: number;
  lon?: number;
  partnerships: number;
}

export interface MapEdge {
  source: string;
  target: string;
  type: string;
  count: number;
  topics: string[] | null;
  first?: string;
  last?: string;
  partnerships: string[] | null;
}

export interface PartnershipMap {
  nodes: MapNode[] | null;
  edges: MapEdge[] | null;
}

export interface YearCount {
  year: string;
  count: number;
  byType: Record<string, number>;
}

// The analyst console.

export interface CypherNode {
  type: "node";
  elementId: string;
  labels: string[];
  properties: Record<string, unknown>;
}

export interface CypherRel {
  type: "relationship";
  elementId: string;
  relType: string;
  start: string;
  end: string;
  properties: Record<string, unknown>;
}

export interface CypherResult {
  columns: string[];
  rows: unknown[][];
  truncated: boolean;
  truncatedReason?: string;
  graph: { nodes: CypherNode[] | null; relationships: CypherRel[] | null };
  stats: { rows: number; ms: number; bytes?: number };
}

export interface ParamSpec {
  name: string;
  type: string;
  description?: string;
  default?: unknown;
}

export interface SavedQuery {
  name: string;
  description: string;
  query: string;
  params: ParamSpec[] | null;
  createdBy?: string;
  createdAt?: string;
  updatedBy?: string;
  updatedAt?: string;
}

// The shapes of the API's answers, as the UI reads them: aliases over the types generated from
// internal/httpapi/openapi.yaml (api-types.gen.ts, `npm run gen:api`; the build fails when it
// is stale). Where the spec is looser than what the server sends (internal/cryo,
// internal/analyst), a type narrows the spec's with `Narrow`, which compiles only while the
// narrowed type is still one the spec allows; every such place is marked `spec gap:`.

import type { components, paths } from "./api-types.gen";

type Schemas = components["schemas"];

/** The JSON body of an operation's 200 answer. */
type Ok<P extends keyof paths, M extends "get" | "post"> = paths[P][M] extends {
  responses: { 200: { content: { "application/json": infer T } } };
}
  ? T
  : never;

/** The element type of an optional array property. */
type Item<A> = NonNullable<A> extends readonly (infer E)[] ? E : never;

/** T with null allowed at every depth: Go sends an empty slice as null, which the spec does not say. */
type Nullish<T> = T extends readonly (infer E)[]
  ? Nullish<E>[]
  : T extends object
    ? { [K in keyof T]: Nullish<T[K]> | null }
    : T;

/**
 * The spec's T with the properties in G narrowed or added. Each property of G must be one T
 * allows (give or take nulls, see Nullish), so a local type cannot contradict the spec. A T
 * that is a bare `type: object` gives G alone, without its index signature, so that a
 * misspelt property still fails to compile.
 */
type Narrow<T, G extends { [K in keyof G]: K extends keyof T ? Nullish<T[K]> | null : unknown }> = string extends keyof T
  ? G
  : Omit<T, keyof G> & G;

/** The kinds of entity; the UI's own list (the spec's Node.kind is a plain string). */
export type Kind = "person" | "organization" | "topic" | "event" | "partnership" | "publication" | "source";

/** spec gap: ExpertResult.topics, matchedTopics and Institution.parents are bare objects. */
export type Ref = Narrow<Item<Schemas["ExpertResult"]["topics"]>, { id: string; name: string }>;

/** spec gap: Source lists no required properties; the server always sends id, url and title. */
export type Source = Narrow<Schemas["Source"], { id: string; url: string; title: string }>;

/** A compact reference to any entity (search results, profile lists, path hops). */
export type GNode = Narrow<
  Schemas["Node"],
  {
    // spec gap: Node lists no required properties; the server always sends id, name and kind.
    id: string;
    name: string;
    kind: Kind | string;
    // spec gap: Node lacks aliases (cryo.Node sends them, omitted when empty).
    aliases?: string[];
  }
>;

/** GET /api/v1/search. spec gap: q and results are not required. */
export type SearchResult = Narrow<Ok<"/api/v1/search", "get">, { q: string; results: GNode[] }>;

type ExpertSpec = Item<Schemas["ExpertResult"]["experts"]>;

/** spec gap: the spec's institutions are bare objects (cryo.Institution). */
export type Institution = Narrow<
  Item<ExpertSpec["institutions"]>,
  {
    id: string;
    name: string;
    kind: string;
    country?: string;
    role?: string;
    parents: Ref[];
    uncertain?: boolean;
  }
>;

export type Evidence = Narrow<
  Item<ExpertSpec["evidence"]>,
  {
    // spec gap: via and sources are not required.
    via: string;
    sources: Source[];
    // spec gap: the spec lacks topic, through, uncertain and note (cryo.Evidence).
    topic?: Ref;
    through?: Ref;
    uncertain?: boolean;
    note?: string;
  }
>;

export type Expert = Narrow<
  ExpertSpec,
  {
    // spec gap: no property is required; the server always sends these.
    id: string;
    name: string;
    institutions: Institution[];
    evidenceCount: number;
    // spec gap: null when empty (a nil slice in the store), which the spec does not allow.
    matchedTopics: Ref[] | null;
    evidence: Evidence[] | null;
    // spec gap: the spec lacks country (cryo.Expert, omitted when empty).
    country?: string;
  }
>;

/** GET /api/v1/experts. spec gap: no property is required; the server always sends them all. */
export type ExpertResult = Narrow<
  Schemas["ExpertResult"],
  { topics: Ref[]; total: number; limit: number; offset: number; experts: Expert[] }
>;

/** spec gap: GET /api/v1/topics answers a bare object; the server sends {topics: TopicNode[]}. */
export interface TopicNode {
  id: string;
  name: string;
  experts: number;
  partnerships: number;
  totalExperts: number;
  children: TopicNode[] | null;
}

/** GET /api/v1/topics. */
export type TopicsResult = Narrow<Ok<"/api/v1/topics", "get">, { topics: TopicNode[] | null }>;

/** spec gap: Profile lacks every list of facts (cryo.Fact). */
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

/** spec gap: Profile lacks partnerships (cryo.PartnershipRef). */
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

/** GET /api/v1/people/{id}, /organizations/{id}, /topics/{id}. */
export type Profile = Narrow<
  Schemas["Profile"],
  {
    // spec gap: entity, kind and sources are not required; entity always has an id.
    entity: Record<string, unknown> & { id: string; name?: string };
    kind: string;
    sources: Source[];
    // spec gap: the spec lacks every list below (cryo.Profile, each omitted when empty).
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
  }
>;

/** spec gap: GET /api/v1/people/{id}/suggestions answers a bare object (cryo.Suggestion). */
export interface Suggestion {
  person: GNode;
  score: number;
  institutions: GNode[] | null;
  reasons: string[] | null;
}

/** GET /api/v1/people/{id}/suggestions. */
export type SuggestionsResult = Narrow<
  Ok<"/api/v1/people/{id}/suggestions", "get">,
  { person: string; suggestions: Suggestion[] | null }
>;

/** spec gap: GET /api/v1/paths answers a bare object (cryo.PathResult, Path, Hop). */
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

/** GET /api/v1/paths. */
export type PathResult = Narrow<Ok<"/api/v1/paths", "get">, { from: GNode; to: GNode; paths: Path[] | null }>;

/** spec gap: GET /api/v1/partnerships/map answers a bare object (cryo.PartnershipMap). */
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

/** GET /api/v1/partnerships/map. */
export type PartnershipMap = Narrow<
  Ok<"/api/v1/partnerships/map", "get">,
  { nodes: MapNode[] | null; edges: MapEdge[] | null }
>;

/** spec gap: GET /api/v1/partnerships/timeline answers a bare object (cryo.YearCount). */
export interface YearCount {
  year: string;
  count: number;
  byType: Record<string, number>;
}

/** GET /api/v1/partnerships/timeline. */
export type TimelineResult = Narrow<Ok<"/api/v1/partnerships/timeline", "get">, { years: YearCount[] | null }>;

// The analyst console.

/** spec gap: POST /api/v1/cypher answers a bare object (analyst.Result and its values). */
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

/** POST /api/v1/cypher and /api/v1/queries/{name}/run. */
export type CypherResult = Narrow<
  Ok<"/api/v1/cypher", "post">,
  {
    columns: string[];
    rows: unknown[][];
    truncated: boolean;
    truncatedReason?: string;
    graph: { nodes: CypherNode[] | null; relationships: CypherRel[] | null };
    stats: { rows: number; ms: number; bytes: number };
  }
>;

/** A saved query's declared parameter. */
export type ParamSpec = Item<Schemas["SavedQuery"]["params"]>;

/** A saved query, as the API answers it (GET, POST and PUT /api/v1/queries...). */
export type SavedQuery = Narrow<
  Schemas["SavedQuery"],
  {
    // spec gap: description and params are not required in answers; params is null when none.
    description: string;
    params: ParamSpec[] | null;
    // spec gap: the spec's SavedQuery lacks these (analyst.SavedQuery; the times are always
    // sent, the names omitted when empty), and the answers of /api/v1/queries are bare objects.
    createdBy?: string;
    createdAt: string;
    updatedBy?: string;
    updatedAt: string;
  }
>;

/** GET /api/v1/queries. */
export type SavedQueryList = Narrow<Ok<"/api/v1/queries", "get">, { queries: SavedQuery[] | null }>;

// The shapes of the API's answers, as the UI reads them: aliases over the types generated from
// internal/httpapi/openapi.yaml (api-types.gen.ts, `npm run gen:api`; the build fails when it
// is stale). The spec describes what the server sends (the HTTP tests validate every answer
// against it), so these are plain aliases; the names are the UI's.

import type { components, paths } from "./api-types.gen";

type Schemas = components["schemas"];

/** The JSON body of an operation's 200 answer. */
type Ok<P extends keyof paths, M extends "get" | "post"> = paths[P][M] extends {
  responses: { 200: { content: { "application/json": infer T } } };
}
  ? T
  : never;

/** The kinds of entity. */
export type Kind = Schemas["Kind"];

/** An id and a name: topics searched and matched, an institution's parents. */
export type Ref = Schemas["Ref"];

export type Source = Schemas["Source"];

/** A compact reference to any entity (search results, profile lists, path hops). */
export type GNode = Schemas["Node"];

/** GET /api/v1/search. */
export type SearchResult = Ok<"/api/v1/search", "get">;

export type Institution = Schemas["Institution"];
export type Evidence = Schemas["Evidence"];
export type WorkRef = Schemas["WorkRef"];
export type Expert = Schemas["Expert"];

/** GET /api/v1/experts. */
export type ExpertResult = Schemas["ExpertResult"];

export type TopicNode = Schemas["TopicNode"];

/** GET /api/v1/topics. */
export type TopicsResult = Ok<"/api/v1/topics", "get">;

export type Fact = Schemas["Fact"];
export type PartnershipRef = Schemas["PartnershipRef"];

/** GET /api/v1/people/{id}, /organizations/{id}, /topics/{id}. */
export type Profile = Schemas["Profile"];

/** GET /api/v1/people/{id}/publications. */
export type PublicationPage = Schemas["PublicationPage"];
export type Publication = Schemas["Publication"];
export type LinkedID = Schemas["LinkedID"];

export type Suggestion = Schemas["Suggestion"];

/** GET /api/v1/people/{id}/suggestions. */
export type SuggestionsResult = Ok<"/api/v1/people/{id}/suggestions", "get">;

export type Hop = Schemas["Hop"];
export type Path = Schemas["Path"];

/** GET /api/v1/paths. */
export type PathResult = Schemas["PathResult"];

export type MapNode = Schemas["MapNode"];
export type MapEdge = Schemas["MapEdge"];

/** GET /api/v1/partnerships/map. */
export type PartnershipMap = Schemas["PartnershipMap"];

export type YearCount = Schemas["YearCount"];

/** GET /api/v1/partnerships/timeline. */
export type TimelineResult = Ok<"/api/v1/partnerships/timeline", "get">;

// The analyst console.

export type CypherNode = Schemas["CypherNode"];
export type CypherRel = Schemas["CypherRelationship"];

/** POST /api/v1/cypher and /api/v1/queries/{name}/run. */
export type CypherResult = Schemas["CypherResult"];

/** A saved query's declared parameter. */
export type ParamSpec = Schemas["ParamSpec"];

/** A saved query, as the API answers it (GET, POST and PUT /api/v1/queries...). */
export type SavedQuery = Schemas["SavedQueryRecord"];

/** GET /api/v1/queries. */
export type SavedQueryList = Ok<"/api/v1/queries", "get">;

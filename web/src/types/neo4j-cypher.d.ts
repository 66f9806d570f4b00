// @neo4j-cypher/codemirror ships its types outside its "exports" map; point TypeScript at them.
declare module "@neo4j-cypher/codemirror" {
  export * from "@neo4j-cypher/codemirror/src/codemirror.d.ts";
}

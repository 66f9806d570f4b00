import { describe, expect, it } from "vitest";
import { CypherEditorSupport } from "@neo4j-cypher/editor-support";
import { lintCypher, lintPieces, queryParams } from "../src/lib/cypherlint";

const parse = (t: string) => (new CypherEditorSupport(t) as unknown as { parseErrors: { start: number; stop: number; msg: string }[] }).parseErrors;

const shipped = `MATCH (a:Person)
WHERE a.id = $a OR toLower(a.name) = toLower($a) OR toLower($a) IN [x IN coalesce(a.aliases, []) | toLower(x)]
MATCH (b:Person)
WHERE b.id = $b OR toLower(b.name) = toLower($b) OR toLower($b) IN [x IN coalesce(b.aliases, []) | toLower(x)]
MATCH path = shortestPath((a)-[:AFFILIATED_WITH|LEADS|MEMBER_OF|PART_OF|PARTY_TO|PARTICIPATED_IN|AUTHORED|STUDENT_OF|FOUNDED*..6]-(b))
RETURN [n IN nodes(path) | coalesce(n.name, n.title)] AS hops, [r IN relationships(path) | type(r)] AS via, length(path) AS length, path`;

const subquery = `MATCH (org:Organization {id: $org})
MATCH (org)<-[:PART_OF*0..]-(unit:Organization)
CALL (unit) {
  MATCH (p:Person)-[r:AFFILIATED_WITH]->(unit)
  RETURN p, 'member' AS how
  UNION
  MATCH (p:Person)-[:PARTY_TO]->(ps:Partnership)<-[:PARTY_TO]-(unit)
  RETURN p, 'party to ' + ps.name AS how
}
RETURN p.name AS person, collect(DISTINCT how) AS connections`;

describe("cypher lint", () => {
  it("the old parser alone flags the shipped query (the false positive of issue 24)", () => {
    expect(parse(shipped).map((e) => e.msg).join(" ")).toMatch(/mismatched input 'IN'/);
  });
  it("finds no error in the shipped saved queries' newer syntax", () => {
    expect(lintCypher(shipped, parse)).toEqual([]);
    expect(lintCypher(subquery, parse)).toEqual([]);
    expect(lintCypher("MATCH (n:Person) WHERE EXISTS { (n)--(:Topic) } RETURN n, COUNT { (n)--() } AS degree", parse)).toEqual([]);
    expect(lintCypher("CALL () { MATCH (n) RETURN n } RETURN n", parse)).toEqual([]);
  });
  it("keeps real errors, at their real positions, outside and inside subqueries", () => {
    const outer = lintCypher("MATCH (n RETURN n", parse);
    expect(outer).toHaveLength(1);
    expect(outer[0].from).toBe(9);
    const text = "MATCH (u) CALL (u) { MATCH (p RETRN p } RETURN p";
    const inner = lintCypher(text, parse);
    expect(inner.length).toBeGreaterThan(0);
    expect(inner[0].from).toBeGreaterThan(text.indexOf("{"));
    expect(inner[0].from).toBeLessThan(text.indexOf("}"));
  });
  it("rewrites without moving anything", () => {
    for (const p of lintPieces(subquery)) {
      expect(p).toHaveLength(subquery.length);
      expect(p.split("\n").length).toBe(subquery.split("\n").length);
    }
  });
  it("lists the parameters a query uses", () => {
    expect(queryParams(shipped)).toEqual(["a", "b"]);
    expect(queryParams("RETURN '$not' AS x, $max // $nope")).toEqual(["max"]);
  });
});

// The sources a subgraph export of $ids refers to: those its entities and their sourced
// aliases cite, and those named in the sources property of every relationship between them.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL {
  WITH n
  MATCH (n)-[:SOURCED_FROM|ALIAS_SOURCED_FROM]->(s:Source)
  RETURN s.id AS sid
  UNION
  WITH n
  MATCH (n)-[r]->(m:Entity)
  WHERE m.id IN $ids AND r.sources IS NOT NULL
  UNWIND r.sources AS sid
  RETURN sid
}
RETURN DISTINCT sid AS id

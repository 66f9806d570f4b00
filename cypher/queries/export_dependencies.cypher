// What the rows of $ids need so that a subgraph export loads into an empty database: the
// parties and topics (with their broader topics) of each partnership, and the broader topics of
// each topic, and the institution a STUDENT_OF link names. Sources are added afterwards by
// export_sources.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL {
  WITH n
  MATCH (p:Entity)-[:PARTY_TO]->(n:Partnership)
  RETURN p.id AS dep
  UNION
  WITH n
  MATCH (n:Partnership)-[:ABOUT]->(:Topic)-[:SUBTOPIC_OF*0..]->(t:Topic)
  RETURN t.id AS dep
  UNION
  WITH n
  MATCH (n:Topic)-[:SUBTOPIC_OF*1..]->(t:Topic)
  RETURN t.id AS dep
  UNION
  WITH n
  MATCH (n:Person)-[r:STUDENT_OF]-(:Person)
  WHERE r.institution IS NOT NULL
  RETURN r.institution AS dep
}
RETURN DISTINCT dep AS id

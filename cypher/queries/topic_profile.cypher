// A topic: its parents, children, and the experts and institutions of its whole subtree,
// ranked by how many facts tie them to it.
MATCH (t:Topic {id: $id})
CALL {
  WITH t
  OPTIONAL MATCH (t)-[:SUBTOPIC_OF]->(p:Topic)
  RETURN collect({id: p.id, name: p.name, label: 'Topic'}) AS parents
}
CALL {
  WITH t
  OPTIONAL MATCH (t)<-[:SUBTOPIC_OF]-(c:Topic)
  RETURN collect({id: c.id, name: c.name, label: 'Topic'}) AS subtopics
}
CALL {
  WITH t
  MATCH (t)<-[:SUBTOPIC_OF*0..]-(s:Topic)
  WITH DISTINCT s
  CALL {
    WITH s
    MATCH (p:Person)-[:WORKS_ON]->(s) RETURN p
    UNION ALL
    WITH s
    MATCH (p:Person)-[:PARTY_TO]->(:Partnership)-[:ABOUT]->(s) RETURN p
  }
  WITH p, count(*) AS evidence
  ORDER BY evidence DESC, p.name
  RETURN collect({id: p.id, name: p.name, label: 'Person', country: p.country, score: toFloat(evidence)})[..50] AS experts
}
CALL {
  WITH t
  MATCH (t)<-[:SUBTOPIC_OF*0..]-(s:Topic)
  WITH DISTINCT s
  CALL {
    WITH s
    MATCH (o:Organization)-[:WORKS_ON]->(s) RETURN o
    UNION ALL
    WITH s
    MATCH (o:Organization)-[:PARTY_TO]->(:Partnership)-[:ABOUT]->(s) RETURN o
    UNION ALL
    WITH s
    MATCH (o:Organization)<-[:AFFILIATED_WITH|LEADS]-(:Person)-[:WORKS_ON]->(s) RETURN o
  }
  WITH o, count(*) AS weight
  ORDER BY weight DESC, o.name
  RETURN collect({id: o.id, name: o.name, label: 'Organization', type: o.kind, country: o.country, score: toFloat(weight)})[..50] AS institutions
}
RETURN properties(t) AS entity,
       [x IN parents WHERE x.id IS NOT NULL] AS parents,
       [x IN subtopics WHERE x.id IS NOT NULL] AS subtopics, experts, institutions

// Derived data: for every topic, the people of its subtree in expert-search order (evidence
// count, matched topics, name, id: the ranking of experts_by_topic.cypher without filters),
// kept as (:TopicRanking {topic, total, top: the first $keep ids}). Rankings of
// topics that no longer exist are deleted. Idempotent; run in an auto-commit transaction
// (IN TRANSACTIONS) by (*Store).RefreshDerived.
MATCH (root:Topic)
CALL {
  WITH root
  CALL {
    WITH root
    MATCH (root)<-[:SUBTOPIC_OF*0..]-(t:Topic)
    WITH collect(DISTINCT t) AS topics
    CALL {
      WITH topics
      UNWIND topics AS t
      MATCH (p:Person)-[:WORKS_ON]->(t)
      RETURN p, t
      UNION ALL
      WITH topics
      UNWIND topics AS t
      MATCH (p:Person)-[:PARTY_TO]->(:Partnership)-[:ABOUT]->(t)
      RETURN p, t
    }
    WITH p, count(*) AS evidenceCount, count(DISTINCT t) AS matchedCount
    ORDER BY evidenceCount DESC, matchedCount DESC, p.name, p.id
    RETURN collect(p.id) AS ranked
  }
  MERGE (r:TopicRanking {topic: root.id})
  SET r.total = size(ranked), r.top = ranked[..$keep]
} IN TRANSACTIONS OF 20 ROWS

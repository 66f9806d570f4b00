// Derived data: for every topic, the people of its subtree in expert-search order (the
// ranking of experts_by_topic.cypher without filters: cryo.CompareExperts, docs/model.md
// "Expert ranking": curated facts + works on the topics, then curated facts, the latest
// work's year, the best topic score, matched topics, name, id), kept as
// (:TopicRanking {topic, total, top: the first $keep ids}). Rankings of topics that no longer
// exist are deleted. Idempotent; run in an auto-commit transaction (IN TRANSACTIONS) by
// (*Store).RefreshDerived.
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
      MATCH (p:Person)-[w:WORKS_ON]->(t)
      RETURN p, t, CASE WHEN w.key IN $ingestedKeys THEN 0 ELSE 1 END AS fact, null AS work, w.score AS score
      UNION ALL
      WITH topics
      UNWIND topics AS t
      MATCH (p:Person)-[w:WORKS_ON]->(t)
      WHERE w.works IS NOT NULL
      UNWIND w.works AS wid
      MATCH (work:Publication {id: wid})
      WHERE work.supersededBy IS NULL AND NOT coalesce(work.retracted, false)
      RETURN p, t, 0 AS fact, work, null AS score
      UNION ALL
      WITH topics
      UNWIND topics AS t
      MATCH (p:Person)-[:PARTY_TO]->(:Partnership)-[:ABOUT]->(t)
      RETURN p, t, 1 AS fact, null AS work, null AS score
      UNION ALL
      WITH topics
      UNWIND topics AS t
      MATCH (p:Person)-[:AUTHORED]->(work:Publication)-[ab:ABOUT]->(t)
      WHERE work.supersededBy IS NULL AND NOT coalesce(work.retracted, false)
      RETURN p, t, 0 AS fact, work, ab.score AS score
    }
    WITH p, sum(fact) AS facts, count(DISTINCT work) AS works,
         coalesce(max(coalesce(work.year, toInteger(left(toString(work.published), 4)))), 0) AS latest,
         coalesce(toFloat(max(score)), 0.0) AS topScore, count(DISTINCT t) AS matchedCount
    ORDER BY facts + works DESC, facts DESC, latest DESC, topScore DESC, matchedCount DESC, p.name, p.id
    RETURN collect(p.id) AS ranked
  }
  MERGE (r:TopicRanking {topic: root.id})
  SET r.total = size(ranked), r.top = ranked[..$keep]
} IN TRANSACTIONS OF 20 ROWS

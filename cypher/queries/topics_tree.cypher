// Every topic with its parents and counts: experts and partnerships on the topic itself, and
// distinct experts in its whole subtree.
MATCH (t:Topic)
RETURN t.id AS id, t.name AS name,
       [(t)-[:SUBTOPIC_OF]->(p:Topic) | p.id] AS parents,
       COUNT { (:Person)-[:WORKS_ON]->(t) } AS experts,
       COUNT { (:Partnership)-[:ABOUT]->(t) } AS partnerships,
       COUNT { MATCH (p:Person)-[:WORKS_ON]->(:Topic)-[:SUBTOPIC_OF*0..]->(t) RETURN DISTINCT p } AS totalExperts
ORDER BY t.name

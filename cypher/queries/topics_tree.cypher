// Every topic with its parents and counts: experts and partnerships on the topic itself, and
// distinct experts in its whole subtree. An expert is who the expert search finds
// (experts_by_topic.cypher): a person who works on the topic, who is a party to a
// partnership about it, or who authored a work about it (not retracted or superseded), so
// totalExperts is the search's total for the topic.
MATCH (t:Topic)
RETURN t.id AS id, t.name AS name,
       [(t)-[:SUBTOPIC_OF]->(p:Topic) | p.id] AS parents,
       COUNT { MATCH (p:Person)-[:WORKS_ON]->(t) RETURN p
               UNION MATCH (p:Person)-[:PARTY_TO]->(:Partnership)-[:ABOUT]->(t) RETURN p
               UNION MATCH (p:Person)-[:AUTHORED]->(w:Publication)-[:ABOUT]->(t)
                     WHERE w.supersededBy IS NULL AND NOT coalesce(w.retracted, false) RETURN p } AS experts,
       COUNT { (:Partnership)-[:ABOUT]->(t) } AS partnerships,
       COUNT { MATCH (p:Person)-[:WORKS_ON]->(:Topic)-[:SUBTOPIC_OF*0..]->(t) RETURN p
               UNION MATCH (p:Person)-[:PARTY_TO]->(:Partnership)-[:ABOUT]->(:Topic)-[:SUBTOPIC_OF*0..]->(t) RETURN p
               UNION MATCH (p:Person)-[:AUTHORED]->(w:Publication)-[:ABOUT]->(:Topic)-[:SUBTOPIC_OF*0..]->(t)
                     WHERE w.supersededBy IS NULL AND NOT coalesce(w.retracted, false) RETURN p } AS totalExperts
ORDER BY t.name

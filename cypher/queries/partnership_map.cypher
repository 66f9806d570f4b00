// The partnership map: pairs of organizations that are parties to the same partnership,
// aggregated by partnership type. With $level = 'institution', labs and institutes are rolled
// up to the top of their PART_OF chain. Every filter is optional (null = no filter).
MATCH (ps:Partnership)
WHERE ($type IS NULL OR ps.kind = $type)
  AND ($asOf IS NULL OR (ps.start IS NOT NULL AND ps.start <= $asOf
                         AND (ps.end IS NULL OR ps.end >= $asOf) AND ps.status IN ['agreed', 'active', 'ended']))
  AND ($from IS NULL OR (ps.start IS NOT NULL AND coalesce(ps.end, '9999') >= $from))
  AND ($to IS NULL OR (ps.start IS NOT NULL AND ps.start <= $to + '~'))
  AND ($topic IS NULL OR EXISTS { (ps)-[:ABOUT]->(:Topic)-[:SUBTOPIC_OF*0..]->(:Topic {id: $topic}) })
MATCH (ps)<-[:PARTY_TO]-(o:Organization)
CALL {
  WITH o
  OPTIONAL MATCH path = (o)-[:PART_OF*1..5]->(top:Organization)
  WITH path, top ORDER BY length(path) DESC LIMIT 1
  RETURN top
}
WITH ps, CASE WHEN $level = 'institution' AND top IS NOT NULL THEN top ELSE o END AS org
WITH ps, collect(DISTINCT org) AS orgs
UNWIND orgs AS a
UNWIND orgs AS b
WITH ps, a, b
WHERE a.id < b.id
  AND ($country IS NULL OR a.country = $country OR b.country = $country)
  AND ($orgKind IS NULL OR a.kind = $orgKind OR b.kind = $orgKind)
CALL {
  WITH ps
  OPTIONAL MATCH (ps)-[:ABOUT]->(t:Topic)
  RETURN collect(t.name) AS topics
}
WITH a, b, ps.kind AS type, collect(ps) AS pss, collect(topics) AS topicLists
RETURN a {.id, .name, .kind, .country, .lat, .lon} AS a, b {.id, .name, .kind, .country, .lat, .lon} AS b, type,
       size(pss) AS count,
       reduce(acc = [], l IN topicLists | acc + [t IN l WHERE NOT t IN acc]) AS topics,
       reduce(m = null, p IN pss | CASE WHEN p.start IS NOT NULL AND (m IS NULL OR p.start < m) THEN p.start ELSE m END) AS first,
       reduce(m = null, p IN pss | CASE WHEN coalesce(p.end, p.start) IS NOT NULL AND (m IS NULL OR coalesce(p.end, p.start) > m) THEN coalesce(p.end, p.start) ELSE m END) AS last,
       [p IN pss | p.id] AS partnerships
ORDER BY a.id, b.id, type

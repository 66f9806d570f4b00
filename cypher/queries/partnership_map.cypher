// The partnership map: pairs of organizations that are parties to the same partnership,
// aggregated by partnership type. With $level = 'institution', labs and institutes are rolled
// up to the top of their PART_OF chain. Every filter is optional (null = no filter).
// With $asOf, a partnership is "in force" (docs/model.md, "In force"): a visit only in its
// own time span (its start's day, month or year when it has no end); an agreement from its
// start until its end or, without an end, while agreed or active. One whose start is unknown,
// whose status is unknown, or that ended at an unknown date, is kept and counted as unknown
// (an edge's "unknown"), never dropped. Dates compare at the precision both share.
// Each edge lists its partnerships (details) with their parties and sources; each node, at
// institution level, the units rolled up into it.
// One record: the edges (organization ids only) and the nodes they join, each node once; the
// top of each organization's chain is found once per organization, a partnership's topics
// once per partnership.
MATCH (ps:Partnership)
WHERE ($type IS NULL OR ps.kind = $type)
  AND CASE
         WHEN $asOf IS NULL THEN 'yes'
         WHEN ps.status = 'proposed' OR left(ps.start, size($asOf)) > $asOf THEN 'no'
         WHEN ps.start IS NULL THEN 'unknown'
         WHEN ps.end IS NOT NULL OR ps.kind = 'visit_exchange'
           THEN CASE WHEN coalesce(ps.end, ps.start) + '~' < $asOf THEN 'no'
                     WHEN ps.status = 'unknown' THEN 'unknown' ELSE 'yes' END
         WHEN ps.status IN ['agreed', 'active'] THEN 'yes'
         ELSE 'unknown'
       END <> 'no'
  AND ($from IS NULL OR (ps.start IS NOT NULL AND coalesce(ps.end, '9999') >= $from))
  AND ($to IS NULL OR (ps.start IS NOT NULL AND ps.start <= $to + '~'))
  AND ($topic IS NULL OR EXISTS { (ps)-[:ABOUT]->(:Topic)-[:SUBTOPIC_OF*0..]->(:Topic {id: $topic}) })
MATCH (ps)<-[:PARTY_TO]-(o:Organization)
WITH o, collect(ps) AS pss
CALL {
  WITH o
  OPTIONAL MATCH path = (o)-[:PART_OF*1..5]->(top:Organization)
  WITH path, top ORDER BY length(path) DESC LIMIT 1
  RETURN top
}
WITH CASE WHEN $level = 'institution' AND top IS NOT NULL THEN top ELSE o END AS org, o, pss
UNWIND pss AS ps
// rolls: the units rolled up into their top organization, [top id, unit id, unit name].
WITH ps, collect(DISTINCT org) AS orgs, collect(DISTINCT CASE WHEN o <> org THEN [org.id, o.id, o.name] END) AS rolls
WHERE size(orgs) > 1
// details: the partnership as an edge lists it, with its parties and its own sources.
WITH ps, orgs, rolls, [(ps)-[:ABOUT]->(t:Topic) | t.name] AS topics,
     ps {.id, .name, .kind, .status, .start, .end,
         parties: [(ps)<-[:PARTY_TO]-(x:Entity) | x {.id, .name}],
         sources: [(ps)-[:SOURCED_FROM]->(s:Source) | s {.id, .url, .title}]} AS detail
UNWIND orgs AS a
UNWIND orgs AS b
WITH ps, topics, detail, a, b, [r IN rolls WHERE r[0] = a.id OR r[0] = b.id] AS rolls
WHERE a.id < b.id
  AND ($country IS NULL OR a.country = $country OR b.country = $country)
  AND ($orgKind IS NULL OR a.kind = $orgKind OR b.kind = $orgKind)
WITH a, b, ps.kind AS type, collect(ps) AS pss, collect(topics) AS topicLists, collect(detail) AS details, collect(rolls) AS rollLists
WITH collect({a: a.id, b: b.id, type: type, count: size(pss), details: details,
              rolled: reduce(acc = [], l IN rollLists | acc + l),
              topics: reduce(acc = [], l IN topicLists | acc + [t IN l WHERE NOT t IN acc]),
              first: reduce(m = null, p IN pss | CASE WHEN p.start IS NOT NULL AND (m IS NULL OR p.start < m) THEN p.start ELSE m END),
              last: reduce(m = null, p IN pss | CASE WHEN coalesce(p.end, p.start) IS NOT NULL AND (m IS NULL OR coalesce(p.end, p.start) > m) THEN coalesce(p.end, p.start) ELSE m END),
              partnerships: [p IN pss | p.id],
              unknown: size([p IN pss WHERE CASE
         WHEN $asOf IS NULL THEN 'yes'
         WHEN p.status = 'proposed' OR left(p.start, size($asOf)) > $asOf THEN 'no'
         WHEN p.start IS NULL THEN 'unknown'
         WHEN p.end IS NOT NULL OR p.kind = 'visit_exchange'
           THEN CASE WHEN coalesce(p.end, p.start) + '~' < $asOf THEN 'no'
                     WHEN p.status = 'unknown' THEN 'unknown' ELSE 'yes' END
         WHEN p.status IN ['agreed', 'active'] THEN 'yes'
         ELSE 'unknown'
       END = 'unknown'])}) AS edges,
     collect(DISTINCT a) + collect(DISTINCT b) AS ends
UNWIND ends AS n
WITH edges, collect(DISTINCT n) AS nodes
// A position is the curated one, else the one of the organization's registry record (ROR);
// positionSource says which ("curated", "ror"). Without either, the UI places the organization
// at its country's centre and says so.
UNWIND nodes AS n
WITH edges, n, head([(n)-[r:REGISTRY_RECORD]->() WHERE r.lat IS NOT NULL AND r.lon IS NOT NULL | r]) AS reg
WITH edges, n, reg, n.lat IS NOT NULL AND n.lon IS NOT NULL
                    AND (reg IS NULL OR n.lat <> reg.lat OR n.lon <> reg.lon) AS curated
RETURN edges, collect(n {.id, .name, .kind, .country,
  lat: CASE WHEN curated OR reg IS NULL THEN n.lat ELSE reg.lat END,
  lon: CASE WHEN curated OR reg IS NULL THEN n.lon ELSE reg.lon END,
  positionSource: CASE WHEN curated THEN 'curated' WHEN reg IS NOT NULL THEN reg.registry END}) AS nodes

// The page of one event: its properties, its participants (PARTICIPATED_IN, each with the
// link's own sources), topics, the partnerships it resulted in (RESULTED_IN) and every source
// cited. label says what the id is, so that an id of another kind is told apart from an
// unknown one.
MATCH (n:Entity {id: $id})
WITH n, [l IN labels(n) WHERE l <> 'Entity'][0] AS label
WITH n, label,
     CASE WHEN label = 'Event' THEN [(p:Entity)-[r:PARTICIPATED_IN]->(n) | {id: p.id, name: p.name,
       label: [l IN labels(p) WHERE l <> 'Entity'][0], type: p.kind, country: p.country, role: r.role,
       uncertain: r.uncertain, note: r.note, sources: coalesce(r.sources, [])}] ELSE [] END AS parties,
     CASE WHEN label = 'Event' THEN [(n)-[r:RESULTED_IN]->(ps:Partnership) | {id: ps.id, name: ps.name,
       label: 'Partnership', type: ps.kind, status: ps.status, start: ps.start, end: ps.end,
       sources: coalesce(r.sources, [])}] ELSE [] END AS links,
     [(n)-[:ABOUT]->(t:Topic) | {id: t.id, name: t.name, label: 'Topic'}] AS topics,
     [(n)-[:SOURCED_FROM]->(s:Source) | s.id] AS own
CALL {
  WITH own, parties, links
  UNWIND own + reduce(a = [], x IN parties + links | a + x.sources) AS sid
  MATCH (s:Source {id: sid})
  WITH DISTINCT s ORDER BY s.id
  RETURN collect(s {.id, .url, .title, .publisher, .published, .retrieved}) AS sources
}
RETURN label, n {.id, .name, .kind, .start, .end, .place, .country, .description, .uncertain, .note, .aliases} AS entity,
       parties, links, topics, own, sources

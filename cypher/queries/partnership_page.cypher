// The page of one partnership: its properties, its parties (PARTY_TO, each with the link's
// own sources), topics, the events it resulted from (RESULTED_IN) and every source cited.
// label says what the id is, so that an id of another kind is told apart from an unknown one.
MATCH (n:Entity {id: $id})
WITH n, [l IN labels(n) WHERE l <> 'Entity'][0] AS label
WITH n, label,
     CASE WHEN label = 'Partnership' THEN [(n)<-[r:PARTY_TO]-(p:Entity) | {id: p.id, name: p.name,
       label: [l IN labels(p) WHERE l <> 'Entity'][0], type: p.kind, country: p.country, role: r.role,
       lead: r.lead, uncertain: r.uncertain, note: r.note, sources: coalesce(r.sources, [])}] ELSE [] END AS parties,
     CASE WHEN label = 'Partnership' THEN [(e:Event)-[r:RESULTED_IN]->(n) | {id: e.id, name: e.name, label: 'Event',
       type: e.kind, start: e.start, end: e.end, sources: coalesce(r.sources, [])}] ELSE [] END AS links,
     [(n)-[:ABOUT]->(t:Topic) | {id: t.id, name: t.name, label: 'Topic'}] AS topics,
     [(n)-[:SOURCED_FROM]->(s:Source) | s.id] AS own
CALL {
  WITH own, parties, links
  UNWIND own + reduce(a = [], x IN parties + links | a + x.sources) AS sid
  MATCH (s:Source {id: sid})
  WITH DISTINCT s ORDER BY s.id
  RETURN collect(s {.id, .url, .title, .publisher, .published, .retrieved}) AS sources
}
RETURN label, n {.id, .name, .kind, .status, .start, .end, .description, .amount, .currency, .uncertain, .note, .aliases} AS entity,
       parties, links, topics, own, sources

// The partnerships an entity is party to (an organization: itself or any of its sub-units),
// with every party and topic.
MATCH (n:Entity {id: $id})
MATCH (n)<-[:PART_OF*0..4]-(member:Entity)-[r:PARTY_TO]->(ps:Partnership)
WITH ps, collect(DISTINCT {role: r.role, via: member.id}) AS roles
CALL {
  WITH ps
  MATCH (ps)<-[pr:PARTY_TO]-(party:Entity)
  RETURN collect({id: party.id, name: party.name, label: [l IN labels(party) WHERE l <> 'Entity'][0],
                  type: party.kind, country: party.country}) AS parties
}
CALL {
  WITH ps
  OPTIONAL MATCH (ps)-[:ABOUT]->(t:Topic)
  RETURN collect({id: t.id, name: t.name, label: 'Topic'}) AS topics
}
RETURN ps.id AS id, ps.name AS name, ps.kind AS type, ps.status AS status, ps.start AS start, ps.end AS end,
       coalesce(ps.uncertain, false) AS uncertain, roles, parties, topics,
       [(ps)-[:SOURCED_FROM]->(s:Source) | s.id] AS sources
ORDER BY coalesce(ps.start, '9999') DESC, ps.id

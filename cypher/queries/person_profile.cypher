// A person's whole profile in one round trip: every fact relationship (both directions, with
// the other end; bookkeeping left out, as in entity_facts), the partnerships they are party to
// with every party and topic (as in entity_partnerships), their co-authors (people sharing
// a publication, with the shared works named), their publication count and every source behind any of it (as in sources_by_ids, in id order).
MATCH (n:Person {id: $id})
CALL {
  WITH n
  OPTIONAL MATCH (n)-[r]-(o:Entity)
  WHERE NOT type(r) IN ['SOURCED_FROM', 'ALIAS_SOURCED_FROM', 'HAS_NAME_KEY']
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE {
           rel: type(r), out: startNode(r) = n, props: properties(r),
           other: {id: o.id, name: coalesce(o.name, o.title), label: [l IN labels(o) WHERE l <> 'Entity'][0],
                   type: o.kind, country: o.country}
         } END) AS facts
}
CALL {
  WITH n
  OPTIONAL MATCH (n)<-[:PART_OF*0..4]-(member:Entity)-[r:PARTY_TO]->(ps:Partnership)
  WITH ps, collect(DISTINCT {role: r.role, via: member.id}) AS roles
  WHERE ps IS NOT NULL
  CALL {
    WITH ps
    MATCH (ps)<-[:PARTY_TO]-(party:Entity)
    RETURN collect({id: party.id, name: party.name, label: [l IN labels(party) WHERE l <> 'Entity'][0],
                    type: party.kind, country: party.country}) AS parties
  }
  CALL {
    WITH ps
    OPTIONAL MATCH (ps)-[:ABOUT]->(t:Topic)
    RETURN collect({id: t.id, name: t.name, label: 'Topic'}) AS topics
  }
  WITH ps, roles, parties, topics
  ORDER BY coalesce(ps.start, '9999') DESC, ps.id
  RETURN collect({id: ps.id, name: ps.name, type: ps.kind, status: ps.status, start: ps.start, end: ps.end,
                  uncertain: coalesce(ps.uncertain, false), roles: roles, parties: parties, topics: topics,
                  sources: [(ps)-[:SOURCED_FROM]->(s:Source) | s.id]}) AS partnerships
}
// Co-authors: the people who share Publication nodes with n (AUTHORED both), each with the
// number of shared works and the latest three of them (cryo.MaxSharedWorks) named.
CALL {
  WITH n
  OPTIONAL MATCH (n)-[:AUTHORED]->(pub:Publication)<-[:AUTHORED]-(co:Person)
  WHERE co <> n
  WITH co, pub ORDER BY coalesce(pub.year, toInteger(left(toString(pub.published), 4)), 0) DESC, pub.title, pub.id
  WITH co, collect(DISTINCT pub) AS pubs
  WHERE co IS NOT NULL
  WITH co, size(pubs) AS shared, pubs[..3] AS top
  ORDER BY shared DESC, co.name
  RETURN collect({id: co.id, name: co.name, country: co.country, shared: shared,
                  works: [w IN top | {id: w.id, title: w.title, doi: w.doi,
                                      year: coalesce(w.year, toInteger(left(toString(w.published), 4)))}]}) AS coauthors
}
WITH n, facts, partnerships, coauthors, [(n)-[:SOURCED_FROM]->(s:Source) | s.id] AS ownSources,
     [(n)-[a:ALIAS_SOURCED_FROM]->(s:Source) | {alias: a.alias, source: s.id}] AS aliasSources
CALL {
  WITH facts, partnerships, ownSources, aliasSources
  UNWIND ownSources + [a IN aliasSources | a.source] + reduce(acc = [], f IN facts | acc + coalesce(f.props.sources, []))
         + reduce(acc = [], p IN partnerships | acc + p.sources) AS sid
  WITH DISTINCT sid
  MATCH (s:Source {id: sid})
  WITH s ORDER BY s.id
  RETURN collect({id: s.id, url: s.url, title: s.title, publisher: s.publisher, published: s.published}) AS sources
}
RETURN properties(n) AS entity, 'Person' AS label, facts, ownSources, aliasSources, partnerships, coauthors, sources,
       COUNT { (n)-[:AUTHORED]->(:Publication) } AS publicationCount

// Every fact relationship of one entity, both directions, with the other end and the
// relationship's properties. Bookkeeping (sources, name keys) is left out.
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (n)-[r]-(o:Entity)
WHERE NOT type(r) IN ['SOURCED_FROM', 'ALIAS_SOURCED_FROM', 'HAS_NAME_KEY']
RETURN properties(n) AS entity, [l IN labels(n) WHERE l <> 'Entity'][0] AS label,
       collect(CASE WHEN r IS NULL THEN null ELSE {
         rel: type(r), out: startNode(r) = n, props: properties(r),
         other: {id: o.id, name: coalesce(o.name, o.title), label: [l IN labels(o) WHERE l <> 'Entity'][0],
                 type: o.kind, country: o.country}
       } END) AS facts,
       [(n)-[:SOURCED_FROM]->(s:Source) | s.id] AS ownSources,
       [(n)-[a:ALIAS_SOURCED_FROM]->(s:Source) | {alias: a.alias, source: s.id}] AS aliasSources

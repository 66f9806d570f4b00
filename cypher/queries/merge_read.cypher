// What a merge needs to know: both entities' kinds, the kept one's names, and a snapshot of
// the absorbed one (properties and every relationship) for the undo record.
OPTIONAL MATCH (k:Entity {id: $keep})
OPTIONAL MATCH (g:Entity {id: $gone})
CALL {
  WITH g
  OPTIONAL MATCH (g)-[r]-(o)
  WHERE o.id IS NOT NULL
  RETURN collect(CASE WHEN r IS NULL THEN null
                 ELSE {type: type(r), out: startNode(r) = g, other: o.id, props: properties(r)} END) AS rels
}
RETURN [l IN labels(k) WHERE l <> 'Entity'][0] AS keepLabel, k.name AS keepName, properties(k) AS keepProps,
       coalesce(k.aliases, []) + coalesce(k.mergedAliases, []) AS keepAliases,
       [l IN labels(g) WHERE l <> 'Entity'][0] AS goneLabel, properties(g) AS goneProps, rels

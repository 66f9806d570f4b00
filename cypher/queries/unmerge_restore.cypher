// Undoes a merge's effect on the kept entity and recreates the absorbed one from the snapshot.
// Its relationships are recreated one by one afterwards (unmerge_rel).
MATCH (m:Merge {id: $id}), (k:Entity {id: $keep})
CREATE (g:Entity)
SET g = $props
SET g:$($label)
SET m.undoneAt = $at, m.undoneBy = $by
WITH m, k, g, [x IN coalesce(k.mergedIds, []) WHERE x <> $gone] AS ids,
     [x IN coalesce(k.mergedAliases, []) WHERE NOT x IN $added] AS aliases
SET k.mergedIds = CASE WHEN size(ids) = 0 THEN null ELSE ids END,
    k.mergedAliases = CASE WHEN size(aliases) = 0 THEN null ELSE aliases END
// Empty lists and strings become null, so an undone merge leaves the node as it was.
SET k.aliasText = CASE WHEN size(coalesce(k.aliases, []) + coalesce(k.mergedAliases, [])) = 0 THEN null
                  ELSE reduce(s = '', a IN coalesce(k.aliases, []) + coalesce(k.mergedAliases, []) |
                              CASE s WHEN '' THEN a ELSE s + ' | ' + a END) END
WITH k, g, m
CALL {
  WITH k, m
  MATCH (k)-[r]-()
  WHERE r.mergeId = m.id
  DELETE r
}
CALL {
  WITH g
  UNWIND $nameKeys AS nk
  MERGE (key:NameKey {key: nk})
  MERGE (g)-[:HAS_NAME_KEY]->(key)
}
RETURN g.id AS id, properties(k) AS keepProps

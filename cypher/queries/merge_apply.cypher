// Records the merge, gives the kept entity the absorbed names and id, and deletes the absorbed
// entity (its relationships were moved before).
MATCH (k:Entity {id: $keep}), (g:Entity {id: $gone})
CREATE (:Merge {id: $mergeId, keep: $keep, gone: $gone, reason: $reason, by: $by, at: $at,
                snapshot: $snapshot, addedAliases: $added, moved: $moved})
SET k.mergedIds = coalesce(k.mergedIds, []) + $gone,
    k.mergedAliases = coalesce(k.mergedAliases, []) + $added
// Empty lists and strings become null, so an undone merge leaves the node as it was.
SET k.aliasText = CASE WHEN size(coalesce(k.aliases, []) + coalesce(k.mergedAliases, [])) = 0 THEN null
                  ELSE reduce(s = '', a IN coalesce(k.aliases, []) + coalesce(k.mergedAliases, []) |
                              CASE s WHEN '' THEN a ELSE s + ' | ' + a END) END
WITH k, g
DETACH DELETE g
WITH k
CALL {
  WITH k
  UNWIND $nameKeys AS nk
  MERGE (key:NameKey {key: nk})
  MERGE (k)-[h:HAS_NAME_KEY]->(key)
  ON CREATE SET h.mergeId = $mergeId
}
RETURN k.id AS id, properties(k) AS keepProps

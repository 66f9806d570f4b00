// Replaying a merge row: brings the absorbed entity back from the record's snapshot (its
// relationships follow one by one, as unmerge_rel recreates them), so that the merge can run
// again. Nothing happens when it exists already (an earlier replay stopped halfway).
OPTIONAL MATCH (old:Entity {id: $props.id})
WITH old WHERE old IS NULL
CREATE (g:Entity)
SET g = $props
SET g:$($label)
WITH g
CALL {
  WITH g
  UNWIND $nameKeys AS nk
  MERGE (key:NameKey {key: nk})
  MERGE (g)-[:HAS_NAME_KEY]->(key)
}
RETURN g.id AS id

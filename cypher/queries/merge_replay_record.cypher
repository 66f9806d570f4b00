// Replaying a merge row: the merge just run gets the record's own id, time, author, snapshot
// and counts, on the record and on everything it marked (all of it touches the kept entity).
MATCH (m:Merge {id: $tmp})
SET m.id = $id, m.at = $at, m.by = $by, m.snapshot = $snapshot, m.moved = $moved, m.addedAliases = $added
WITH m
CALL {
  MATCH (:Entity {id: $keep})-[r]-()
  WHERE r.mergeId = $tmp
  SET r.mergeId = $id
}
RETURN m.id AS id

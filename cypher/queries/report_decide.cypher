// An editor's outcome of an open report: accepted, rejected (with a reason) or a duplicate of
// report $duplicateOf. Only an open report changes; was and dupExists tell the caller why
// another did not.
MATCH (r:Report {id: $id})
OPTIONAL MATCH (d:Report {id: $duplicateOf})
WITH r, r.status AS was, d IS NOT NULL AS dupExists
CALL {
  WITH r, was, dupExists
  WITH r WHERE was = 'open' AND ($status <> 'duplicate' OR dupExists)
  SET r.status = $status, r.updated = $now, r.resolvedBy = $by, r.reason = $reason,
      r.duplicateOf = $duplicateOf, r.changeset = $changeset
}
OPTIONAL MATCH (e:Entity {id: r.subject})
RETURN r {.*, subjectName: coalesce(e.name, e.title)} AS report, was, dupExists

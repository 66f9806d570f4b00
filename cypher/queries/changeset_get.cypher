// One changeset with a page of its changes (nodes first, then relationships, by target).
MATCH (cs:Changeset {id: $id})
CALL {
  WITH cs
  MATCH (c:Change {changeset: cs.id})
  WITH c ORDER BY c.kind, c.target SKIP $offset LIMIT $limit
  RETURN collect(c) AS changes
}
RETURN cs, changes, COUNT { MATCH (t:Change {changeset: cs.id}) } AS total

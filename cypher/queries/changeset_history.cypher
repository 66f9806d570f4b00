// The changesets that touched an entity, newest first: changes of the node itself and of
// relationships with it at either end.
CALL {
  MATCH (c:Change {target: $id}) RETURN c
  UNION
  MATCH (c:Change {from: $id}) RETURN c
  UNION
  MATCH (c:Change {to: $id}) RETURN c
}
WITH c.changeset AS id, c ORDER BY c.kind, c.target
WITH id, collect(c) AS changes
MATCH (cs:Changeset {id: id})
RETURN cs, changes, COUNT { MATCH (t:Change {changeset: cs.id}) } AS total
ORDER BY cs.at DESC, cs.id DESC
SKIP $offset LIMIT $limit

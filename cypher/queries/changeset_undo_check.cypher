// What an undo must know of each change of changeset $id: whether the node or relationship
// is still as the changeset left it (it exists, with the import hash it was left with), and
// the later changesets, still in force, that touched it (the node, a relationship with the
// node at either end) or, for a relationship, either end node. Undo changesets and undone
// ones are left out: together they changed nothing.
MATCH (c:Change {changeset: $id})
OPTIONAL MATCH (n:Entity {id: c.target}) WHERE c.kind = 'node'
OPTIONAL MATCH (a:Entity {id: c.from})-[r]->(b:Entity {id: c.to})
  WHERE c.kind = 'rel' AND type(r) = c.type AND coalesce(r.key, '') = coalesce(c.key, '')
WITH c, n, r
CALL {
  WITH c
  CALL {
    WITH c
    MATCH (l:Change {target: c.target}) RETURN l
    UNION
    WITH c
    MATCH (l:Change {from: c.target}) WHERE c.kind = 'node' RETURN l
    UNION
    WITH c
    MATCH (l:Change {to: c.target}) WHERE c.kind = 'node' RETURN l
  }
  WITH c, l WHERE l.at > c.at OR (l.at = c.at AND l.changeset > c.changeset)
  MATCH (cs:Changeset {id: l.changeset})
  WHERE cs.undoneBy IS NULL AND cs.kind <> 'undo'
  RETURN collect(DISTINCT cs {.id, .kind, .by, .role, .at, .comment, .source}) AS later
}
CALL {
  WITH c
  MATCH (l:Change) WHERE c.kind = 'rel' AND l.target IN [c.from, c.to]
    AND (l.at > c.at OR (l.at = c.at AND l.changeset > c.changeset))
  MATCH (cs:Changeset {id: l.changeset})
  WHERE cs.undoneBy IS NULL AND cs.kind <> 'undo'
  RETURN collect(DISTINCT cs {.id, .kind, .by, .role, .at, .comment, .source}) AS nearby
}
RETURN c, coalesce(n.importHash, r.importHash, '') AS hash, n IS NOT NULL OR r IS NOT NULL AS present, later, nearby

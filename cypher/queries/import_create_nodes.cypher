// Creates a batch of nodes that were not in the graph when the load was validated: no stale
// sources, derived relationships or name keys to clean up, so it is a plain CREATE. If another
// writer created one of the ids since, the unique constraint on :Entity(id) fails the batch
// (nothing of it is applied) and a re-run upserts instead. The store runs it once per label
// of the batch: {LABEL} is replaced by a label from the allow-list (a literal label makes the
// batch about twice as fast to commit as a dynamic one, SET n:$(row.label)). Their name keys
// follow in the same transaction (import_create_name_keys).
UNWIND $rows AS row
CREATE (n:Entity:{LABEL} {id: row.id})
SET n += row.props, n.importHash = row.hash
WITH n, row
CALL {
  WITH n, row
  UNWIND row.sources AS sid
  MATCH (s:Source {id: sid})
  CREATE (n)-[:SOURCED_FROM]->(s)
}
RETURN '{LABEL}' AS kind, count(*) AS created, 0 AS unchanged, 0 AS updated

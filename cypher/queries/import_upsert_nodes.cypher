// Upserts a batch of nodes keyed on id; the label comes from the importer's allow-list.
// Returns how many rows were created, updated or unchanged (by content hash).
UNWIND $rows AS row
OPTIONAL MATCH (old:Entity {id: row.id})
WITH row, old IS NULL AS isNew, old.importHash AS oldHash
MERGE (n:Entity {id: row.id})
SET n = row.props, n.id = row.id, n.importHash = row.hash
SET n:$(row.label)
WITH n, row, isNew, oldHash
CALL {
  WITH n, row
  OPTIONAL MATCH (n)-[stale:SOURCED_FROM]->(s:Source)
  WHERE NOT s.id IN row.sources
  DELETE stale
}
CALL {
  WITH n, row
  UNWIND row.sources AS sid
  MATCH (s:Source {id: sid})
  MERGE (n)-[:SOURCED_FROM]->(s)
}
RETURN row.label AS kind,
       sum(CASE WHEN isNew THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN NOT isNew AND oldHash = row.hash THEN 1 ELSE 0 END) AS unchanged,
       sum(CASE WHEN NOT isNew AND coalesce(oldHash, '') <> row.hash THEN 1 ELSE 0 END) AS updated

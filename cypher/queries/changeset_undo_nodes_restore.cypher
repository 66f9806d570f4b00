// An undo restores nodes as they were before its changeset: properties, label, sources and
// name keys (those an explicit merge added stay); a node the changeset deleted is re-created.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props
SET n:$(row.label)
WITH n, row
CALL {
  WITH n
  OPTIONAL MATCH (n)-[s:SOURCED_FROM]->(:Source)
  DELETE s
}
CALL {
  WITH n, row
  UNWIND row.sources AS sid
  MATCH (s:Source {id: sid})
  MERGE (n)-[:SOURCED_FROM]->(s)
}
CALL {
  WITH n
  OPTIONAL MATCH (n)-[h:HAS_NAME_KEY]->(:NameKey)
  WHERE h.mergeId IS NULL
  DELETE h
}
CALL {
  WITH n, row
  UNWIND row.nameKeys AS key
  MERGE (k:NameKey {key: key})
  MERGE (n)-[:HAS_NAME_KEY]->(k)
}
RETURN count(*) AS applied

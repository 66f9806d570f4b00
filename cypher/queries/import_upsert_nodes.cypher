// Upserts a batch of nodes keyed on id; the label comes from the importer's allow-list.
// Properties are replaced by the row's, except what explicit merges added (mergedIds,
// mergedAliases). Name keys are kept in step. Returns per label how many rows were created,
// updated or unchanged (by content hash).
UNWIND $rows AS row
OPTIONAL MATCH (old:Entity {id: row.id})
WITH row, old IS NULL AS isNew, old.importHash AS oldHash
MERGE (n:Entity {id: row.id})
WITH n, row, isNew, oldHash, n.mergedIds AS mergedIds, n.mergedAliases AS mergedAliases
SET n = row.props, n.id = row.id, n.importHash = row.hash,
    n.mergedIds = mergedIds, n.mergedAliases = mergedAliases
SET n.aliasText = CASE WHEN mergedAliases IS NULL THEN row.props.aliasText
                  ELSE reduce(s = coalesce(row.props.aliasText, ''), a IN mergedAliases | s + ' | ' + a) END
SET n:$(row.label)
WITH n, row, isNew, oldHash
// A new node has nothing stale: the clean-ups only run on updates, and expand only the
// relationship types they look for (a source or a topic may have millions of others).
CALL {
  WITH n, row, isNew
  WITH n, row WHERE NOT isNew
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
CALL {
  // Relationships the row defines itself that it no longer lists (a dropped party, topic,
  // parent or sourced alias). Those an explicit merge moved here stay.
  WITH n, row, isNew
  WITH n, row WHERE NOT isNew
  OPTIONAL MATCH (n)-[d:SUBTOPIC_OF|ALIAS_SOURCED_FROM|ABOUT]->(o:Entity)
  WHERE d.mergeId IS NULL AND (type(d) <> 'ABOUT' OR n:Partnership)
    AND NOT (type(d) + '|' + o.id + '|' + coalesce(d.key, '')) IN row.derived
  DELETE d
}
CALL {
  WITH n, row, isNew
  WITH n, row WHERE NOT isNew AND n:Partnership
  OPTIONAL MATCH (n)<-[d:PARTY_TO]-(o:Entity)
  WHERE d.mergeId IS NULL AND NOT ('PARTY_TO|' + o.id + '|' + coalesce(d.key, '')) IN row.derived
  DELETE d
}
CALL {
  WITH n, row, isNew
  WITH n, row WHERE NOT isNew
  OPTIONAL MATCH (n)-[h:HAS_NAME_KEY]->(k:NameKey)
  WHERE h.mergeId IS NULL AND NOT k.key IN row.nameKeys
  DELETE h
}
CALL {
  WITH n, row
  UNWIND row.nameKeys AS key
  MERGE (k:NameKey {key: key})
  MERGE (n)-[:HAS_NAME_KEY]->(k)
}
RETURN row.label AS kind,
       sum(CASE WHEN isNew THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN NOT isNew AND oldHash = row.hash THEN 1 ELSE 0 END) AS unchanged,
       sum(CASE WHEN NOT isNew AND coalesce(oldHash, '') <> row.hash THEN 1 ELSE 0 END) AS updated

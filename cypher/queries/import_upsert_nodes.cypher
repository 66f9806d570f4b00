// Upserts a batch of nodes keyed on id; the label comes from the importer's allow-list.
// Properties are replaced by the row's, except what explicit merges added (mergedIds,
// mergedAliases). Name keys are kept in step. Returns per label how many rows were created,
// updated or unchanged (by content hash), and, when $record is true (the load records a
// changeset), each created or changed row's state before and after and the relationships
// its update dropped (docs/model.md, "Changesets and history").
UNWIND $rows AS row
OPTIONAL MATCH (old:Entity {id: row.id})
WITH row, old, old IS NULL AS isNew, old.importHash AS oldHash
WITH row, old, isNew, oldHash, $record AND (isNew OR coalesce(oldHash, '') <> row.hash) AS changed
// The state before (properties, label and sources) of a changed row only.
WITH row, old, isNew, oldHash, changed,
     CASE WHEN changed AND NOT isNew
          THEN {label: [l IN labels(old) WHERE l <> 'Entity'][0], props: properties(old),
                sources: [(old)-[:SOURCED_FROM]->(s:Source) | s.id]} END AS before
MERGE (n:Entity {id: row.id})
WITH n, row, isNew, oldHash, changed, before, n.mergedIds AS mergedIds, n.mergedAliases AS mergedAliases
SET n = row.props, n.id = row.id, n.importHash = row.hash,
    n.mergedIds = mergedIds, n.mergedAliases = mergedAliases
SET n.aliasText = CASE WHEN mergedAliases IS NULL THEN row.props.aliasText
                  ELSE reduce(s = coalesce(row.props.aliasText, ''), a IN mergedAliases | s + ' | ' + a) END
SET n:$(row.label)
WITH n, row, isNew, oldHash, changed, before
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
  WITH collect(d) AS ds,
       collect(CASE WHEN d IS NULL THEN null ELSE {type: type(d), from: n.id, to: o.id, props: properties(d)} END) AS gone
  FOREACH (d IN ds | DELETE d)
  RETURN gone AS droppedOut
}
CALL {
  WITH n, row, isNew
  WITH n, row WHERE NOT isNew AND n:Partnership
  OPTIONAL MATCH (n)<-[d:PARTY_TO]-(o:Entity)
  WHERE d.mergeId IS NULL AND NOT ('PARTY_TO|' + o.id + '|' + coalesce(d.key, '')) IN row.derived
  WITH collect(d) AS ds,
       collect(CASE WHEN d IS NULL THEN null ELSE {type: type(d), from: o.id, to: n.id, props: properties(d)} END) AS gone
  FOREACH (d IN ds | DELETE d)
  RETURN gone AS droppedIn
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
       sum(CASE WHEN NOT isNew AND coalesce(oldHash, '') <> row.hash THEN 1 ELSE 0 END) AS updated,
       collect(CASE WHEN changed OR size(droppedOut) + size(droppedIn) > 0
               THEN {id: row.id, label: row.label, changed: changed, before: before,
                     after: {label: row.label, props: properties(n), sources: row.sources},
                     dropped: droppedOut + droppedIn} END) AS changes

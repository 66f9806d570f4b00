// Upserts a batch of relationships keyed on (from, type, to, key); the type comes from the
// importer's allow-list. Props replace the relationship's properties. When $record is true
// (the load records a changeset), returns each created or changed relationship's properties
// before and after.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
OPTIONAL MATCH (a)-[old:$(row.rel) {key: row.key}]->(b)
WITH row, a, b, old IS NULL AS isNew, old.importHash AS oldHash, old.mergeId AS mergeId,
     CASE WHEN $record AND old IS NOT NULL AND coalesce(old.importHash, '') <> row.hash
          THEN properties(old) END AS before
MERGE (a)-[r:$(row.rel) {key: row.key}]->(b)
// mergeId marks a relationship an explicit merge moved here; keep it so the merge can be undone.
SET r = row.props, r.key = row.key, r.importHash = row.hash, r.mergeId = mergeId
WITH row, r, isNew, oldHash, before, $record AND (isNew OR coalesce(oldHash, '') <> row.hash) AS changed
RETURN row.rel AS kind,
       sum(CASE WHEN isNew THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN NOT isNew AND oldHash = row.hash THEN 1 ELSE 0 END) AS unchanged,
       sum(CASE WHEN NOT isNew AND coalesce(oldHash, '') <> row.hash THEN 1 ELSE 0 END) AS updated,
       collect(CASE WHEN changed THEN {type: row.rel, from: row.from, to: row.to, key: row.key,
                                       before: before, after: properties(r)} END) AS changes

// An undo deletes the relationships its changeset created.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})-[r]->(b:Entity {id: row.to})
WHERE type(r) = row.type AND coalesce(r.key, '') = row.key
DELETE r
RETURN count(*) AS applied

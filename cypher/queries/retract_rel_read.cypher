// The fact a retraction removes: one relationship between two entities, by type and key, with
// its properties (its state before, for the changeset).
MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to})
WHERE type(r) = $type AND coalesce(r.key, '') = $key
RETURN properties(r) AS props

// One step of a subgraph export's breadth-first walk: the entities one fact relationship
// ($types, the import format's link types, in either direction) away from any of $ids.
UNWIND $ids AS id
MATCH (n:Entity {id: id})-[r]-(m:Entity)
WHERE type(r) IN $types
RETURN DISTINCT m.id AS id

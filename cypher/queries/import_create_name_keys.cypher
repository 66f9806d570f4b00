// Links the nodes a batch created to their name keys, in the batch's transaction, after
// import_create_nodes. The rows come sorted by key: two writers then take the keys' locks
// (the unique index entry a MERGE locks, then the NameKey node a new relationship locks) in
// the same order, so they wait for each other instead of deadlocking, which they did at 1M
// people when every row merged its own keys in row order.
UNWIND $rows AS row
MERGE (k:NameKey {key: row.key})
WITH k, row
MATCH (n:Entity {id: row.id})
CREATE (n)-[:HAS_NAME_KEY]->(k)
// No kind: the rows are not nodes of the report; the count checks that every row was applied.
RETURN null AS kind, count(*) AS created, 0 AS unchanged, 0 AS updated

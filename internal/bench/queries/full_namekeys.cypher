// The same-graph LOAD CSV form: the name keys, MERGEd per entity as the loader does.
// {ROWS} is the rows per transaction.
LOAD CSV WITH HEADERS FROM 'file:///full_namekeys.csv' AS row
CALL { WITH row
  MATCH (n:Entity {id: row.id})
  MERGE (k:NameKey {key: row.key})
  MERGE (n)-[:HAS_NAME_KEY]->(k)
} IN TRANSACTIONS OF {ROWS} ROWS

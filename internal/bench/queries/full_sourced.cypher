// The same-graph LOAD CSV form: every entity's SOURCED_FROM relationships. {ROWS} is the
// rows per transaction.
LOAD CSV WITH HEADERS FROM 'file:///full_sourced.csv' AS row
CALL { WITH row
  MATCH (n:Entity {id: row.from}) MATCH (src:Source {id: row.to})
  MERGE (n)-[:SOURCED_FROM]->(src)
} IN TRANSACTIONS OF {ROWS} ROWS

// The same-graph LOAD CSV form: one type's relationships with every property and the import
// hash. {TYPE} is a relationship type a load writes, {SET} the SET items of its columns
// (checked property names) and {ROWS} the rows per transaction; the benchmark writes them in.
LOAD CSV WITH HEADERS FROM 'file:///full_rels_{TYPE}.csv' AS row
CALL { WITH row
  MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to})
  MERGE (a)-[r:{TYPE} {key: coalesce(row.key, '')}]->(b)
  SET {SET}
} IN TRANSACTIONS OF {ROWS} ROWS

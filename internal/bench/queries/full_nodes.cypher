// The same-graph LOAD CSV form: one label's nodes with every property and the import hash.
// {LABEL} is an allow-listed label, {SET} the SET items of its columns (checked property
// names) and {ROWS} the rows per transaction; the benchmark writes them in.
LOAD CSV WITH HEADERS FROM 'file:///full_nodes_{LABEL}.csv' AS row
CALL { WITH row
  MERGE (n:Entity {id: row.id})
  SET {SET}
} IN TRANSACTIONS OF {ROWS} ROWS

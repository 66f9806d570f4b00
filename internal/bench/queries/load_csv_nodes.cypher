// The minimal LOAD CSV form: one label's nodes, ids and five columns, MERGEd on the same
// unique id as the loader. {LABEL} is a label from the importer's parser and {ROWS} the rows
// per transaction; the benchmark writes them in (Cypher takes no parameters there).
LOAD CSV WITH HEADERS FROM 'file:///nodes_{LABEL}.csv' AS row
CALL { WITH row
  MERGE (n:Entity {id: row.id})
  SET n:{LABEL}, n.name = row.name, n.kind = row.kind, n.country = row.country, n.start = row.start, n.published = row.published
} IN TRANSACTIONS OF {ROWS} ROWS

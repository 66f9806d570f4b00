// The minimal LOAD CSV form: one type's relationships with their keys, MERGEd between the
// entities as the loader does. {TYPE} is a relationship type from the importer's parser and
// {ROWS} the rows per transaction; the benchmark writes them in.
LOAD CSV WITH HEADERS FROM 'file:///rels_{TYPE}.csv' AS row
CALL { WITH row
  MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to})
  MERGE (a)-[r:{TYPE} {key: coalesce(row.key, '')}]->(b)
} IN TRANSACTIONS OF {ROWS} ROWS

// A dry run's plan: for each row, the node of that id as it is, to compare with the row
// (properties, content hash and sources). Reads only.
UNWIND $rows AS row
OPTIONAL MATCH (n:Entity {id: row.id})
RETURN row.i AS i, n IS NOT NULL AS found, n.importHash AS hash, properties(n) AS props,
       CASE WHEN n IS NULL THEN [] ELSE COLLECT { MATCH (n)-[:SOURCED_FROM]->(s:Source) RETURN s.id ORDER BY s.id } END AS sources

// A dry run's plan: for each row, the relationship of that (from, type, to, key) as it is,
// to compare with the row. Reads only.
UNWIND $rows AS row
OPTIONAL MATCH (:Entity {id: row.from})-[r]->(:Entity {id: row.to})
WHERE type(r) = row.rel AND r.key = row.key
WITH row, head(collect(r)) AS r
RETURN row.i AS i, r IS NOT NULL AS found, r.importHash AS hash, properties(r) AS props

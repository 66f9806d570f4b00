// Creates a batch of relationships with at least one end that this load creates: such a
// relationship cannot exist yet (the importer rejects a link given twice), so it is a plain
// CREATE. The type comes from the importer's allow-list.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:$(row.rel)]->(b)
SET r = row.props, r.key = row.key, r.importHash = row.hash
RETURN row.rel AS kind, count(*) AS created, 0 AS unchanged, 0 AS updated

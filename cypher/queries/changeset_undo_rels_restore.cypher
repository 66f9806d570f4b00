// An undo restores relationships' properties (sources included) as they were before its
// changeset, re-creating those it deleted. The type comes from the recorded change, which
// the importer's allow-list let in.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:$(row.type) {key: row.key}]->(b)
SET r = row.props
RETURN count(*) AS applied

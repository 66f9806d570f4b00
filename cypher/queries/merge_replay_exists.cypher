// Whether a merge record with this id is in the graph (replaying merge rows).
MATCH (m:Merge {id: $id}) RETURN m.id AS id

// An undo deletes the nodes its changeset created (with their relationships: those the
// changeset created are among its changes, and the undo checked that no later one exists).
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
DETACH DELETE n
RETURN count(*) AS applied

// Marks a changeset undone by another.
MATCH (cs:Changeset {id: $id})
SET cs.undoneBy = $by, cs.undoneAt = $at
RETURN cs.id AS id

// A changeset's record and how many changes it holds.
MATCH (cs:Changeset {id: $id})
RETURN cs, COUNT { MATCH (c:Change {changeset: $id}) } AS total

// The merges in effect into people, oldest first: the names each added to the person it kept,
// whose name keys carry the merge's id so that undoing it removes them (store.RekeyPeople).
MATCH (m:Merge)
WHERE m.undoneAt IS NULL
MATCH (:Person {id: m.keep})
RETURN m.keep AS keep, m.id AS id, coalesce(m.addedAliases, []) AS added
ORDER BY m.at, m.id

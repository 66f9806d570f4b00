// Deletes the name keys no entity links to any more, in small transactions (CALL ... IN
// TRANSACTIONS needs an auto-commit transaction). Run after store.RekeyPeople, and by every
// RefreshDerived: the loaders unlink a renamed entity's old keys but leave the key nodes, as a
// concurrent writer may be linking someone else to the same key.
MATCH (k:NameKey)
WHERE NOT EXISTS { (k)<-[:HAS_NAME_KEY]-() }
CALL { WITH k DELETE k } IN TRANSACTIONS OF 10000 ROWS

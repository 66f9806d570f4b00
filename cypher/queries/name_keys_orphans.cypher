// Deletes the name keys no entity links to any more, in small transactions (CALL ... IN
// TRANSACTIONS needs an auto-commit transaction). Run after store.RekeyPeople.
MATCH (k:NameKey)
WHERE NOT EXISTS { (k)<-[:HAS_NAME_KEY]-() }
CALL { WITH k DELETE k } IN TRANSACTIONS OF 10000 ROWS

// Deletes every relationship, in small transactions (CALL ... IN TRANSACTIONS needs an
// auto-commit transaction). Used by tests and benchmarks only, before empty_nodes.
MATCH ()-[r]->()
CALL { WITH r DELETE r } IN TRANSACTIONS OF 20000 ROWS

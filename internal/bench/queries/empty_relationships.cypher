// Deletes every relationship, in small transactions (CALL ... IN TRANSACTIONS needs an
// auto-commit transaction), before empty_nodes: the benchmark empties the graph between runs.
MATCH ()-[r]->()
CALL { WITH r DELETE r } IN TRANSACTIONS OF 20000 ROWS

// Deletes every node but the migration records, in small transactions. Relationships are
// gone already (empty_relationships): DETACH DELETE of a few thousand well-connected nodes
// can exceed the transaction memory pool.
MATCH (n) WHERE NOT n:Migration
CALL { WITH n DELETE n } IN TRANSACTIONS OF 20000 ROWS

// After an offline bulk import (cryograph bulk-load): sets the relationship properties whose
// value is the empty list, which neo4j-admin cannot write.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})-[r]->(:Entity {id: row.to})
WHERE type(r) = row.rel AND r.key = row.key
SET r[row.prop] = []
RETURN count(*) AS applied

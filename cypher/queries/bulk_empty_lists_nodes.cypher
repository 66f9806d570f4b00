// After an offline bulk import (cryograph bulk-load): sets the node properties whose value is
// the empty list, which neo4j-admin cannot write. The property names come from the importer's
// parser and are passed as values.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n[row.prop] = []
RETURN count(*) AS applied

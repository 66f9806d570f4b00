// Writes the ROR ids that `cryograph ingest ror --match --apply` matched onto organizations
// that still hold none, each SOURCED_FROM the source row (loaded just before) that says so.
// Only `ror` is set: the curated properties stay. importHash is cleared so that a later load of
// the curated row, which replaces the whole node, counts as an update, not "unchanged".
// Safe to retry: an organization that holds a ROR id by then is left alone.
UNWIND $rows AS row
MATCH (o:Organization {id: row.org})
WHERE o.ror IS NULL OR o.ror = ''
MATCH (s:Source {id: row.source})
SET o.ror = row.ror, o.importHash = null
MERGE (o)-[:SOURCED_FROM]->(s)
RETURN o.id AS id

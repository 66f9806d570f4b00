// The merge, not undone, that absorbed $id: its record, so a profile asked for by an
// absorbed id can answer with the kept entity.
MATCH (m:Merge {gone: $id})
WHERE m.undoneAt IS NULL
RETURN m
ORDER BY m.at DESC
LIMIT 1

// Deletes a saved query; deleted is 0 when there was none.
OPTIONAL MATCH (q:SavedQuery {name: $name})
DELETE q
RETURN count(q) AS deleted

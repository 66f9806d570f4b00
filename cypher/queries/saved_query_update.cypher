// Replaces a saved query's description, text and parameters; no row when it does not exist.
MATCH (q:SavedQuery {name: $name})
SET q.description = $description, q.query = $query, q.params = $params,
    q.updatedBy = $by, q.updatedAt = datetime()
RETURN q.name AS name, q.description AS description, q.query AS query, q.params AS params,
       q.createdBy AS createdBy, q.createdAt AS createdAt, q.updatedBy AS updatedBy, q.updatedAt AS updatedAt

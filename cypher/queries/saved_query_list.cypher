// Every saved query, by name.
MATCH (q:SavedQuery)
RETURN q.name AS name, q.description AS description, q.query AS query, q.params AS params,
       q.createdBy AS createdBy, q.createdAt AS createdAt, q.updatedBy AS updatedBy, q.updatedAt AS updatedAt
ORDER BY q.name

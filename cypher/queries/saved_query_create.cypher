// Creates a saved query; the unique constraint on name (V0005) refuses a second one.
// params is the JSON text of the declared parameters.
CREATE (q:SavedQuery {name: $name, description: $description, query: $query, params: $params,
                      createdBy: $by, createdAt: datetime(), updatedBy: $by, updatedAt: datetime()})
RETURN q.name AS name, q.description AS description, q.query AS query, q.params AS params,
       q.createdBy AS createdBy, q.createdAt AS createdAt, q.updatedBy AS updatedBy, q.updatedAt AS updatedAt

// Saved queries of the analysts' Cypher console: (:SavedQuery {name, description, query,
// params, createdBy, createdAt, updatedBy, updatedAt}), one per name.
CREATE CONSTRAINT saved_query_name IF NOT EXISTS FOR (q:SavedQuery) REQUIRE q.name IS UNIQUE;

// Package analyst is the domain of the analysts' Cypher console and saved queries: the
// read-only guard's rules, the limits of one run, the typed JSON encoding of results, CSV
// export, and the declared parameter types of saved queries.
//
// It imports neither Gin nor the Neo4j driver. The store asks Neo4j to EXPLAIN a query,
// hands the answer to Explained.Check, runs the query in a READ transaction, converts the
// driver's values into this package's types (Node, Relationship, Temporal, ...) and feeds
// them to a Collector, which enforces the row and byte caps.
package analyst

// The breaker's probe (internal/store/health.go): a database that answers this serves queries,
// which a Neo4j that is still starting, though it accepts Bolt connections, does not.
RETURN 1 AS ok

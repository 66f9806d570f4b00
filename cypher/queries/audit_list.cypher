// Newest first; the predicate lets the planner walk the audit_event_at index in order.
MATCH (e:AuditEvent)
WHERE e.at IS NOT NULL
RETURN e
ORDER BY e.at DESC
SKIP $offset LIMIT $limit

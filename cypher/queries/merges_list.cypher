MATCH (m:Merge)
RETURN m
ORDER BY m.at DESC, m.id
SKIP $offset LIMIT $limit

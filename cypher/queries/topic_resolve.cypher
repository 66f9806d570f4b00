// Finds a topic by id, by name or by alias, ignoring case.
MATCH (t:Topic)
WHERE t.id = $topic OR t.nameLower = toLower($topic)
   OR toLower($topic) IN [a IN coalesce(t.aliases, []) | toLower(a)]
RETURN t.id AS id, t.name AS name
ORDER BY CASE WHEN t.id = $topic THEN 0 WHEN t.nameLower = toLower($topic) THEN 1 ELSE 2 END, t.id
LIMIT 1

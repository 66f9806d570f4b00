// Finds a topic by id, by name or by alias, ignoring case. An id or an exact name is found
// through the indexes; only when neither matches are the aliases of every topic compared.
OPTIONAL MATCH (byId:Topic {id: $topic})
OPTIONAL MATCH (byName:Topic {nameLower: toLower($topic)})
WITH coalesce(byId, byName) AS found
CALL {
  WITH found
  WITH found WHERE found IS NOT NULL
  RETURN found AS t
  UNION
  WITH found
  WITH found WHERE found IS NULL
  MATCH (t:Topic)
  WHERE toLower($topic) IN [a IN coalesce(t.aliases, []) | toLower(a)]
  RETURN t
}
RETURN t.id AS id, t.name AS name
ORDER BY t.id
LIMIT 1

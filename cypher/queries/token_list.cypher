MATCH (t:ApiToken)
RETURN t
ORDER BY t.createdAt DESC, t.id

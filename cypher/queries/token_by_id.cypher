MATCH (t:ApiToken {id: $id})
RETURN t

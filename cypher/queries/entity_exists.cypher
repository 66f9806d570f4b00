MATCH (n:Entity {id: $id})
RETURN n.id AS id, coalesce(n.name, n.title) AS name, [l IN labels(n) WHERE l <> 'Entity'][0] AS label,
       n.kind AS type, n.country AS country

// The kind labels of one entity, to check an export's root: no row means no such entity.
MATCH (n:Entity {id: $id})
RETURN [l IN labels(n) WHERE l <> 'Entity'] AS labels

// Recreates one relationship of a restored entity from the merge snapshot.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:$($type)]->(b)
SET r = $props
RETURN type(r) AS type

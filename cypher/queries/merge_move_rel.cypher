// Gives the kept entity one relationship of the absorbed one ($from/$to already point at the
// kept entity; the type comes from the graph itself). If it already has such a relationship
// with the same other end, nothing is added. New relationships carry the merge id, so the
// merge can be undone.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
OPTIONAL MATCH (a)-[existing:$($type)]->(b)
WITH a, b, count(existing) AS n
CALL {
  WITH a, b, n
  WITH a, b WHERE n = 0
  CREATE (a)-[r:$($type)]->(b)
  SET r = $props, r.mergeId = $mergeId
}
RETURN n = 0 AS moved

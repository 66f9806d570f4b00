// For each of $ids found in the graph: its label, and the id it lives under now (itself, or
// the entity an explicit, not undone merge absorbed it into).
UNWIND $ids AS id
OPTIONAL MATCH (n:Entity {id: id})
OPTIONAL MATCH (m:Merge {gone: id}) WHERE m.undoneAt IS NULL
OPTIONAL MATCH (keep:Entity {id: m.keep})
WITH id, coalesce(n, keep) AS node
WHERE node IS NOT NULL
RETURN id, node.id AS target, [l IN labels(node) WHERE l <> 'Entity'][0] AS label

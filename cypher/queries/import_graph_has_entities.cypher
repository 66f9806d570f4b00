// Whether the graph holds anything a load must look its ids up against: an entity, or the
// record of a merge (which redirects an absorbed id). A load into a graph without either
// skips its lookups.
RETURN EXISTS { MATCH (:Entity) } OR EXISTS { MATCH (:Merge) } AS any

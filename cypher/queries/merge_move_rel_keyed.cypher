// As merge_move_rel, for the importer's keyed relationships (affiliations, roles, parties,
// ...). The moved relationship's key gets the absorbed id as a suffix, exactly as the importer
// suffixes links it redirects, so a later import of the absorbed id's rows finds it again, and
// it never overwrites a relationship the kept entity already had.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:$($type)]->(b)
SET r = $props, r.mergeId = $mergeId, r.key = $key + '|' + $gone
RETURN true AS moved

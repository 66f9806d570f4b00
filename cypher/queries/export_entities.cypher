// Streams the entities of one kind in id order. $label comes from the exporter's allow-list;
// $ids, when not null, limits the export to a subgraph. Each entity comes with what its import
// row folds in: its SOURCED_FROM and ALIAS_SOURCED_FROM relationships and, for topics and
// partnerships, the relationships that may encode its parents, parties and topics (the same
// "folds" as in export_relationships.cypher, which must stay in step).
MATCH (n:$($label))
WHERE n:Entity AND ($ids IS NULL OR n.id IN $ids)
RETURN n.id AS id,
       [l IN labels(n) WHERE l <> 'Entity'] AS labels,
       properties(n) AS props,
       COLLECT {
         MATCH (n)-[r:SOURCED_FROM]->(s)
         RETURN {type: type(r), from: n.id, to: s.id, toSource: s:Source, props: properties(r)} AS x
       } AS sourcedFrom,
       COLLECT {
         MATCH (n)-[r:ALIAS_SOURCED_FROM]->(s)
         RETURN {type: type(r), from: n.id, to: s.id, toSource: s:Source, props: properties(r)} AS x
       } AS aliases,
       COLLECT {
         MATCH (n:Topic)-[r:SUBTOPIC_OF]->(t:Topic)
         RETURN {type: type(r), from: n.id, to: t.id, props: properties(r)} AS x
         UNION ALL
         MATCH (n:Partnership)-[r:ABOUT]->(t:Topic)
         RETURN {type: type(r), from: n.id, to: t.id, props: properties(r)} AS x
         UNION ALL
         MATCH (p)-[r:PARTY_TO]->(n:Partnership)
         WHERE p:Person OR p:Organization
         RETURN {type: type(r), from: p.id, to: n.id, props: properties(r)} AS x
       } AS folds
ORDER BY id

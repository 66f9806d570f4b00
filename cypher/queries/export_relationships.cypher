// Streams the relationships between entities in a fixed order, leaving out the types in $skip
// (the import-format export reads provenance with each entity instead). $ids, when not null,
// keeps those whose both ends are in it. A relationship that a topic's or partnership's row may
// fold in comes with that owner's sources and foldable relationships (the same "folds" as in
// export_entities.cypher, which must stay in step), so that the exporter decides for it as it
// did for the owner's row.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE NOT type(r) IN $skip AND ($ids IS NULL OR (a.id IN $ids AND b.id IN $ids))
WITH a, r, b,
     CASE
       WHEN type(r) = 'SUBTOPIC_OF' AND a:Topic AND b:Topic THEN a
       WHEN type(r) = 'ABOUT' AND a:Partnership AND b:Topic THEN a
       WHEN type(r) = 'PARTY_TO' AND b:Partnership AND (a:Person OR a:Organization) THEN b
     END AS owner
RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS props, owner.id AS owner,
       COLLECT {
         MATCH (owner)-[f:SOURCED_FROM]->(s)
         RETURN {type: type(f), from: owner.id, to: s.id, toSource: s:Source, props: properties(f)} AS x
       } AS ownerSources,
       COLLECT {
         MATCH (owner:Topic)-[f:SUBTOPIC_OF]->(t:Topic)
         RETURN {type: type(f), from: owner.id, to: t.id, props: properties(f)} AS x
         UNION ALL
         MATCH (owner:Partnership)-[f:ABOUT]->(t:Topic)
         RETURN {type: type(f), from: owner.id, to: t.id, props: properties(f)} AS x
         UNION ALL
         MATCH (p)-[f:PARTY_TO]->(owner:Partnership)
         WHERE p:Person OR p:Organization
         RETURN {type: type(f), from: p.id, to: owner.id, props: properties(f)} AS x
       } AS ownerFolds
ORDER BY from, type, to, coalesce(r.key, '')

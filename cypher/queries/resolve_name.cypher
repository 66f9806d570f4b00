// Entities whose names meet the given name on a name key ($keys: [{key, label}]), with the
// names that matched and any sourced-alias notes about them (such as "never merge on this").
UNWIND $keys AS q
MATCH (k:NameKey {key: q.key})<-[h:HAS_NAME_KEY]-(n:Entity)
WHERE q.label IN labels(n)
WITH n, collect(DISTINCT {key: k.key, names: h.names}) AS matches
WITH n, matches, reduce(acc = [], m IN matches | acc + m.names) AS matchedNames
OPTIONAL MATCH (n)-[a:ALIAS_SOURCED_FROM]->(s:Source)
WHERE a.alias IN matchedNames
WITH n, matches, collect(CASE WHEN a IS NULL THEN null ELSE {alias: a.alias, note: a.note, source: s.id} END) AS aliasNotes
RETURN n.id AS id, n.name AS name, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.country AS country,
       matches, aliasNotes,
       (toLower(n.name) = toLower($name) OR any(x IN coalesce(n.aliases, []) WHERE toLower(x) = toLower($name))) AS exact
ORDER BY exact DESC, size(matches) DESC, n.id
LIMIT $limit

// Entities whose names meet the given name on a name key ($keys: [{key, label}]), with the
// keys they meet on, their names (from which the caller derives the names behind each key,
// cryo.NamesByKey) and the notes of their sourced aliases (such as "never merge on this").
UNWIND $keys AS q
MATCH (k:NameKey {key: q.key})<-[:HAS_NAME_KEY]-(n:Entity)
WHERE q.label IN labels(n)
WITH n, collect(DISTINCT k.key) AS keys
OPTIONAL MATCH (n)-[a:ALIAS_SOURCED_FROM]->(s:Source)
WHERE a.note IS NOT NULL
WITH n, keys, collect(CASE WHEN a IS NULL THEN null ELSE {alias: a.alias, note: a.note, source: s.id} END) AS aliasNotes
RETURN n.id AS id, n.name AS name, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.country AS country, n.kind AS type,
       keys, coalesce(n.aliases, []) + coalesce(n.mergedAliases, []) AS aliases, aliasNotes,
       (toLower(n.name) = toLower($name) OR any(x IN coalesce(n.aliases, []) WHERE toLower(x) = toLower($name))) AS exact
ORDER BY exact DESC, size(keys) DESC, n.id
LIMIT $limit

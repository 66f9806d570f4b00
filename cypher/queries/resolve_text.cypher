// Entities whose names hold one of the given words (a surname, an organization's words), as
// candidates for the bibliographic name rules (cryo.MatchNames), which keys cannot find:
// "Smith JC" shares no key with "John C. Smith". $lucene is built by the store from letters
// and digits only. Same columns as resolve_name, with no keys.
CALL db.index.fulltext.queryNodes('entity_names', $lucene, {limit: $hits}) YIELD node AS n, score
WITH n, score, [l IN labels(n) WHERE l <> 'Entity'][0] AS label
WHERE label IN $labels
OPTIONAL MATCH (n)-[a:ALIAS_SOURCED_FROM]->(s:Source)
WHERE a.note IS NOT NULL
WITH n, label, score, collect(CASE WHEN a IS NULL THEN null ELSE {alias: a.alias, note: a.note, source: s.id} END) AS aliasNotes
RETURN n.id AS id, n.name AS name, label, n.country AS country, n.kind AS type, [] AS keys,
       coalesce(n.aliases, []) + coalesce(n.mergedAliases, []) AS aliases, aliasNotes,
       (toLower(n.name) = toLower($name) OR any(x IN coalesce(n.aliases, []) WHERE toLower(x) = toLower($name))) AS exact
ORDER BY score DESC, n.id

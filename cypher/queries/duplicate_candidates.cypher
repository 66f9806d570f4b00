// Pairs of entities of one kind whose names meet on a name key, most shared keys first, with
// the keys they share and their names (the caller derives the names behind each key).
// Keys shared by more than $maxFanout entities are too common to say anything and are skipped.
// A pair a curator marked distinct ((a)-[:NOT_SAME_AS]-(b)) is not proposed again.
MATCH (k:NameKey)
WHERE COUNT { (k)<-[:HAS_NAME_KEY]-() } <= $maxFanout
MATCH (a:Entity)-[:HAS_NAME_KEY]->(k)<-[:HAS_NAME_KEY]-(b:Entity)
WHERE a.id < b.id
  AND [l IN labels(a) WHERE l <> 'Entity'][0] = [l IN labels(b) WHERE l <> 'Entity'][0]
  AND ($label IS NULL OR $label IN labels(a))
  AND NOT EXISTS { MATCH (a)-[:NOT_SAME_AS]-(b) }
WITH a, b, collect(k.key) AS shared
ORDER BY size(shared) DESC, a.id, b.id
WITH collect({a: a, b: b, shared: shared}) AS pairs
UNWIND CASE WHEN size(pairs) = 0 THEN [null] ELSE pairs[$offset..$offset + $limit] END AS p
RETURN size(pairs) AS total,
       p.a.id AS aId, p.a.name AS aName, p.a.country AS aCountry, p.a.orcid AS aOrcid, p.a.ror AS aRor, p.a.wikidata AS aWikidata,
       p.b.id AS bId, p.b.name AS bName, p.b.country AS bCountry, p.b.orcid AS bOrcid, p.b.ror AS bRor, p.b.wikidata AS bWikidata,
       coalesce(p.a.aliases, []) + coalesce(p.a.mergedAliases, []) AS aAliases,
       coalesce(p.b.aliases, []) + coalesce(p.b.mergedAliases, []) AS bAliases,
       [l IN labels(p.a) WHERE l <> 'Entity'][0] AS label, p.shared AS shared

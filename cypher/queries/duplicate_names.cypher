// Every person and organization (or those of $label) with its names and external ids, for
// the duplicate pairs of the bibliographic name rules (store.Duplicates), which name keys
// cannot find: "Smith JC" and "John C. Smith" share no key. $max + 1 rows at most: a larger
// graph is left to the keys. distinct: the entities a curator marked as not the same.
MATCH (n:Entity)
WHERE (n:Person OR n:Organization) AND ($label IS NULL OR $label IN labels(n))
WITH n LIMIT $max + 1
RETURN n.id AS id, n.name AS name, [l IN labels(n) WHERE l <> 'Entity'][0] AS label,
       coalesce(n.aliases, []) + coalesce(n.mergedAliases, []) AS aliases,
       n.country AS country, n.orcid AS orcid, n.ror AS ror, n.wikidata AS wikidata,
       [(n)-[:NOT_SAME_AS]-(m) | m.id] AS distinct

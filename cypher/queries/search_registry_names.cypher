// The search box's second door to organizations: the names their registry records give (ROR's
// labels in other languages, its aliases and acronyms), which a curated organization does not
// hold as names of its own (docs/ror.md). $text is lower-case: a name equal to it, or, from
// three characters on, starting with it. A scan of the registry records, one per organization
// that has one.
MATCH (o:Organization)-[r:REGISTRY_RECORD]->()
WHERE 'Organization' IN $labels
  AND any(n IN r.names WHERE toLower(n) = $text OR (size($text) >= 3 AND toLower(n) STARTS WITH $text))
WITH o, any(n IN r.names WHERE toLower(n) = $text) AS exact
WITH o, max(CASE WHEN exact THEN 1 ELSE 0 END) AS exact
RETURN o.id AS id, o.name AS name, 'Organization' AS label, o.kind AS type, o.country AS country,
       o.aliases AS aliases, exact = 1 AS exact
ORDER BY exact DESC, id
LIMIT $limit

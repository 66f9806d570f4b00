// The search box when the text is one identifier (cryo.ParseIdentifier): the entities that hold
// it, through the indexed property of its scheme. $forms are its bare and URL forms, as the
// import format accepts both. A work's DOI or OpenAlex id finds its authors: a pasted DOI
// answers "who wrote this?".
CALL {
  MATCH (n:Organization) WHERE $scheme = 'ror' AND n.ror IN $forms RETURN n
  UNION
  MATCH (n:Person) WHERE $scheme = 'orcid' AND n.orcid IN $forms RETURN n
  UNION
  MATCH (n:Person) WHERE $scheme = 'wikidata' AND n.wikidata IN $forms RETURN n
  UNION
  MATCH (n:Organization) WHERE $scheme = 'wikidata' AND n.wikidata IN $forms RETURN n
  UNION
  MATCH (w:Publication) WHERE $scheme = 'doi' AND w.doi IN $forms MATCH (n:Person)-[:AUTHORED]->(w) RETURN n
  UNION
  MATCH (n:Person) WHERE $scheme = 'openalex' AND n.openalex IN $forms RETURN n
  UNION
  MATCH (n:Organization) WHERE $scheme = 'openalex' AND n.openalex IN $forms RETURN n
  UNION
  MATCH (w:Publication) WHERE $scheme = 'openalex' AND w.openalex IN $forms MATCH (n:Person)-[:AUTHORED]->(w) RETURN n
}
WITH n, [l IN labels(n) WHERE l <> 'Entity'][0] AS label
WHERE label IN $labels
RETURN n.id AS id, n.name AS name, label, n.kind AS type, n.country AS country, n.aliases AS aliases
ORDER BY id
LIMIT $limit

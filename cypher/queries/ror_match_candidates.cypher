// The organizations that hold no ROR id, with what `ingest ror --match` compares: name,
// aliases (the importer keeps every alias, sourced or not, in `aliases`), country and city.
MATCH (o:Organization)
WHERE o.ror IS NULL OR o.ror = ''
RETURN o.id AS id, o.name AS name, coalesce(o.aliases, []) AS aliases, o.country AS country, o.city AS city
ORDER BY id

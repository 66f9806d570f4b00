// Partnerships per year of start, by type, with the map's topic, country and kind filters.
MATCH (ps:Partnership)
WHERE ps.start IS NOT NULL
  AND ($type IS NULL OR ps.kind = $type)
  AND ($topic IS NULL OR EXISTS { (ps)-[:ABOUT]->(:Topic)-[:SUBTOPIC_OF*0..]->(:Topic {id: $topic}) })
  AND ($country IS NULL OR EXISTS { (ps)<-[:PARTY_TO]-(:Organization {country: $country}) })
  AND ($orgKind IS NULL OR EXISTS { (ps)<-[:PARTY_TO]-(:Organization {kind: $orgKind}) })
WITH left(ps.start, 4) AS year, ps.kind AS type, count(*) AS n
WITH year, collect({type: type, n: n}) AS byType, sum(n) AS total
RETURN year, total, byType
ORDER BY year

// An organization's parents (nearest first), sub-units (up to three levels down), the
// people affiliated with it or any sub-unit, and the number of different publications those
// people (affiliated with or leading it or a sub-unit) authored.
MATCH (o:Organization {id: $id})
CALL {
  WITH o
  OPTIONAL MATCH path = (o)-[:PART_OF*1..5]->(top:Organization)
  WITH path ORDER BY length(path) DESC LIMIT 1
  // Each parent with the sources of the PART_OF relationship that leads to it.
  RETURN CASE WHEN path IS NULL THEN [] ELSE [i IN range(1, length(path)) | {id: nodes(path)[i].id, name: nodes(path)[i].name,
           label: 'Organization', type: nodes(path)[i].kind, country: nodes(path)[i].country,
           sources: relationships(path)[i - 1].sources}] END AS parents
}
CALL {
  WITH o
  OPTIONAL MATCH path = (o)<-[:PART_OF*1..3]-(u:Organization)
  // Each sub-unit with the sources of its own PART_OF relationship (the last of the path).
  WITH u, head(collect(last(relationships(path)).sources)) AS sources
  RETURN collect({id: u.id, name: u.name, label: 'Organization', type: u.kind, country: u.country, sources: sources}) AS subUnits
}
CALL {
  WITH o
  OPTIONAL MATCH (o)<-[:PART_OF*0..3]-(u:Organization)<-[r:AFFILIATED_WITH|LEADS|MEMBER_OF|FOUNDED]-(p:Person)
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE {
    rel: type(r), out: false, props: properties(r),
    other: {id: p.id, name: p.name, label: 'Person', country: p.country},
    at: CASE WHEN u = o THEN null ELSE {id: u.id, name: u.name, label: 'Organization', type: u.kind, country: u.country} END
  } END) AS people
}
RETURN parents, [x IN subUnits WHERE x.id IS NOT NULL] AS subUnits, people,
       COUNT { MATCH (o)<-[:PART_OF*0..3]-(:Organization)<-[:AFFILIATED_WITH|LEADS]-(:Person)-[:AUTHORED]->(w:Publication)
               RETURN DISTINCT w } AS publicationCount

// An organization's parents (nearest first), sub-units (up to three levels down) and the
// people affiliated with it or any sub-unit.
MATCH (o:Organization {id: $id})
CALL {
  WITH o
  OPTIONAL MATCH path = (o)-[:PART_OF*1..5]->(top:Organization)
  WITH path ORDER BY length(path) DESC LIMIT 1
  RETURN CASE WHEN path IS NULL THEN [] ELSE [x IN tail(nodes(path)) | {id: x.id, name: x.name, label: 'Organization', type: x.kind, country: x.country}] END AS parents
}
CALL {
  WITH o
  OPTIONAL MATCH (o)<-[:PART_OF*1..3]-(u:Organization)
  RETURN collect(DISTINCT {id: u.id, name: u.name, label: 'Organization', type: u.kind, country: u.country}) AS subUnits
}
CALL {
  WITH o
  OPTIONAL MATCH (o)<-[:PART_OF*0..3]-(u:Organization)<-[r:AFFILIATED_WITH|LEADS|MEMBER_OF|FOUNDED]-(p:Person)
  RETURN collect(CASE WHEN r IS NULL THEN null ELSE {
    rel: type(r), out: false, props: properties(r),
    other: {id: p.id, name: p.name, label: 'Person', country: p.country},
    at: u.id
  } END) AS people
}
RETURN parents, [x IN subUnits WHERE x.id IS NOT NULL] AS subUnits, people

// One page of a person's publications (AUTHORED), in the order that the store writes in below
// (the ORDER BY of an allow-listed sort key: year, cited or title; Cypher takes no parameter
// there), each with the person's authorship (position, corresponding flag, role), its other
// authors in the graph (at most $maxCoauthors, by position then name, and how many there
// are) and the source ids of the authorship and of the work. Paging: $offset, $limit.
// Rows: always one; person is null when no person has the id $id.
OPTIONAL MATCH (n:Person {id: $id})
CALL {
  WITH n
  OPTIONAL MATCH (n)-[a:AUTHORED]->(w:Publication)
  WITH w, collect(a) AS auths
  WHERE w IS NOT NULL
  WITH w, auths, coalesce(w.year, toInteger(left(toString(w.published), 4))) AS year
  ORDER BY {ORDER}
  WITH collect({w: w, auths: auths, year: year}) AS ws
  RETURN size(ws) AS total, ws[$offset..$offset + $limit] AS page
}
CALL {
  WITH n, page
  UNWIND range(0, size(page) - 1) AS rank
  WITH n, rank, page[rank].w AS w, page[rank].auths AS auths, page[rank].year AS year
  CALL {
    WITH n, w
    OPTIONAL MATCH (w)<-[ca:AUTHORED]-(co:Person)
    WHERE co <> n
    WITH co, min(ca.position) AS pos
    ORDER BY coalesce(pos, 2147483647), co.name, co.id
    WITH collect(CASE WHEN co IS NULL THEN null ELSE {id: co.id, name: co.name} END) AS cos
    RETURN cos[..$maxCoauthors] AS coauthors, size(cos) AS coauthorCount
  }
  RETURN collect({
    rank: rank, id: w.id, title: w.title, doi: w.doi, year: year, venue: w.venue, workType: w.workType,
    citedBy: w.citedBy, retracted: coalesce(w.retracted, false),
    position: reduce(m = null, a IN auths | CASE WHEN m IS NULL OR a.position < m THEN a.position ELSE m END),
    corresponding: any(a IN auths WHERE coalesce(a.corresponding, false)),
    role: head([a IN auths WHERE a.role IS NOT NULL | a.role]),
    coauthors: coauthors, coauthorCount: coauthorCount,
    sourceIds: reduce(acc = [], a IN auths | acc + coalesce(a.sources, [])) + [(w)-[:SOURCED_FROM]->(s:Source) | s.id]
  }) AS publications
}
CALL {
  WITH publications
  UNWIND publications AS p
  UNWIND p.sourceIds AS sid
  WITH DISTINCT sid
  MATCH (s:Source {id: sid})
  WITH s ORDER BY s.id
  RETURN collect({id: s.id, url: s.url, title: s.title, publisher: s.publisher, published: toString(s.published)}) AS sources
}
RETURN CASE WHEN n IS NULL THEN null ELSE {id: n.id, name: n.name} END AS person, total, publications, sources

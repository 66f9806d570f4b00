// The k shortest connections between two entities over fact relationships (topics and
// sources are not stepping stones). SHORTEST k GROUPS takes every path of the k shortest
// lengths, so ties are all seen and the candidates are always the same ones (by length, then
// by the ids along the way). {K}, {CANDIDATES} and {MAXLEN} are integers the store validates and
// writes in (Cypher takes no parameters there). With $avoidHubs, no intermediate node may
// have more than $hubDegree fact relationships, so a large society does not connect everyone.
// One round trip: the two ends (null when an id is unknown), the paths, and the sources
// their relationships cite (in id order). A publication on the way comes with its DOI and
// year, for the store to name the work of a hop through it.
OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
CALL {
  WITH a, b
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MATCH p = SHORTEST {K} GROUPS (a)(()-[r:AFFILIATED_WITH|LEADS|MEMBER_OF|PART_OF|PARTY_TO|PARTICIPATED_IN|AUTHORED|FOUNDED|STUDENT_OF|RESULTED_IN]-(x)
        WHERE x = b OR NOT $avoidHubs
           OR COUNT { (x)-[:AFFILIATED_WITH|LEADS|MEMBER_OF|PART_OF|PARTY_TO|PARTICIPATED_IN|AUTHORED|FOUNDED|STUDENT_OF|RESULTED_IN]-() } <= $hubDegree
     ){1,{MAXLEN}}(b)
  // Every tie is broken (by the relationships' types, directions and keys too), so the
  // order never varies; the store then prefers paths through different intermediate
  // nodes, from these candidates, over parallel relationships along one route.
  WITH p ORDER BY length(p), [n IN nodes(p) | n.id],
                  [r IN relationships(p) | type(r) + '|' + startNode(r).id + '|' + coalesce(r.key, '')]
  LIMIT {CANDIDATES}
  RETURN collect({
    nodes: [n IN nodes(p) | {id: n.id, name: coalesce(n.name, n.title), label: [l IN labels(n) WHERE l <> 'Entity'][0],
                             type: n.kind, country: n.country, doi: n.doi,
                             year: coalesce(n.year, CASE WHEN n:Publication THEN toInteger(left(toString(n.published), 4)) END)}],
    rels: [r IN relationships(p) | {rel: type(r), from: startNode(r).id, props: properties(r)}]
  }) AS paths
}
CALL {
  WITH paths
  UNWIND paths AS path
  UNWIND path.rels AS r
  UNWIND coalesce(r.props.sources, []) AS sid
  WITH DISTINCT sid
  MATCH (s:Source {id: sid})
  WITH s ORDER BY s.id
  RETURN collect({id: s.id, url: s.url, title: s.title, publisher: s.publisher, published: s.published}) AS sources
}
RETURN CASE WHEN a IS NULL THEN null ELSE {id: a.id, name: coalesce(a.name, a.title), label: [l IN labels(a) WHERE l <> 'Entity'][0],
                                           type: a.kind, country: a.country} END AS from,
       CASE WHEN b IS NULL THEN null ELSE {id: b.id, name: coalesce(b.name, b.title), label: [l IN labels(b) WHERE l <> 'Entity'][0],
                                           type: b.kind, country: b.country} END AS to,
       paths, sources

// The k shortest connections between two entities over fact relationships (topics and
// sources are not stepping stones). SHORTEST k GROUPS takes every path of the k shortest
// lengths, so ties are all seen and the k returned are always the same ones (by length, then
// by the ids along the way). {K} and {MAXLEN} are integers the store validates and
// writes in (Cypher takes no parameters there). With $avoidHubs, no intermediate node may
// have more than $hubDegree fact relationships, so a large society does not connect everyone.
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = SHORTEST {K} GROUPS (a)(()-[r:AFFILIATED_WITH|LEADS|MEMBER_OF|PART_OF|PARTY_TO|PARTICIPATED_IN|AUTHORED|FOUNDED|STUDENT_OF|RESULTED_IN]-(x)
      WHERE x = b OR NOT $avoidHubs
         OR COUNT { (x)-[:AFFILIATED_WITH|LEADS|MEMBER_OF|PART_OF|PARTY_TO|PARTICIPATED_IN|AUTHORED|FOUNDED|STUDENT_OF|RESULTED_IN]-() } <= $hubDegree
   ){1,{MAXLEN}}(b)
RETURN [n IN nodes(p) | {id: n.id, name: coalesce(n.name, n.title), label: [l IN labels(n) WHERE l <> 'Entity'][0],
                         type: n.kind, country: n.country}] AS nodes,
       [r IN relationships(p) | {rel: type(r), from: startNode(r).id, props: properties(r)}] AS rels
ORDER BY length(p), [n IN nodes(p) | n.id]
LIMIT {K}

// Collaborator suggestions for a person: people not yet connected to them (no shared
// partnership, publication or event, no supervision, not at the same institution), ranked by
// kinds of evidence: shared topics (3), common collaborators (2), partner institutions (2),
// and complementary kinds of institution (academic and industrial) on related topics (1).
// A common collaborator reached through a shared work (both AUTHORED one Publication) is
// named with that work.
// Each kind counts once in the score, however much evidence of it there is (ties go to more
// evidence); the evidence comes back by kind, for the store to state as reasons.
// Every expansion is bounded and cheap: at most $fanout candidates per topic or area, $fanout
// collaborators and $fanout partner institutions, $perItem works per collaborator and
// $perItem people per partner, each taken in the order the graph stores them (no sorting of a
// busy topic's thousands of people), so the cost does not grow with the graph. The candidates
// are ranked first and the exclusions below are checked in rank order only until $limit pass.
MATCH (me:Person {id: $id})
OPTIONAL MATCH (me)-[:AFFILIATED_WITH|LEADS]->(mine:Organization)
OPTIONAL MATCH (mine)-[:PART_OF*0..4]->(mineUp:Organization)
WITH me, collect(DISTINCT mineUp) AS myOrgs
CALL {
  WITH me
  MATCH (me)-[:WORKS_ON]->(t:Topic)-[:SUBTOPIC_OF*0..1]-(t2:Topic)
  CALL {
    WITH t2
    MATCH (t2)<-[:WORKS_ON]-(c:Person)
    RETURN c LIMIT $fanout
  }
  WITH me, t, t2, c WHERE c <> me
  RETURN c, 'topic' AS kind, t2.name AS item, 3.0 AS w
  UNION
  WITH me
  MATCH (me)-[:PARTY_TO|AUTHORED|PARTICIPATED_IN]->(x)
  WITH me, collect(x) AS mine
  UNWIND mine AS x
  MATCH (x)<-[:PARTY_TO|AUTHORED|PARTICIPATED_IN]-(mid:Person)
  WHERE mid <> me
  WITH DISTINCT me, mine, mid LIMIT $fanout
  CALL {
    WITH mine, mid
    MATCH (mid)-[:PARTY_TO|AUTHORED|PARTICIPATED_IN]->(y)
    WHERE NOT y IN mine
    WITH y LIMIT $perItem
    MATCH (y)<-[:PARTY_TO|AUTHORED|PARTICIPATED_IN]-(c:Person)
    // A shared work (both AUTHORED one Publication) is named in the reason.
    WITH c, y ORDER BY y.id
    WITH c, collect(CASE WHEN y:Publication THEN y END) AS works
    RETURN c, works[0] AS work
  }
  WITH me, mid, c, work WHERE c <> me AND c <> mid
  RETURN c, 'collaborator' AS kind,
         mid.name + CASE WHEN work IS NULL THEN '' ELSE ' (co-authored “' + work.title + '” with them)' END AS item, 2.0 AS w
  UNION
  WITH me, myOrgs
  UNWIND myOrgs AS org
  MATCH (org)<-[:PART_OF*0..3]-(:Organization)-[:PARTY_TO]->(:Partnership)<-[:PARTY_TO]-(:Organization)-[:PART_OF*0..3]->(partner:Organization)
  WHERE NOT partner IN myOrgs
  WITH DISTINCT me, org, partner LIMIT $fanout
  CALL {
    WITH partner
    MATCH (partner)<-[:PART_OF*0..3]-(:Organization)<-[:AFFILIATED_WITH|LEADS]-(c:Person)
    RETURN c LIMIT $perItem
  }
  WITH me, org, partner, c WHERE c <> me
  RETURN c, 'partner' AS kind, partner.name + '|' + org.name AS item, 2.0 AS w
  UNION
  WITH me, myOrgs
  MATCH (me)-[:WORKS_ON]->(:Topic)-[:SUBTOPIC_OF*0..2]->(area:Topic)
  WHERE area.id <> 'topic:cryomedicine' AND size(myOrgs) > 0
  WITH DISTINCT me, myOrgs, area
  CALL {
    WITH area
    MATCH (area)<-[:SUBTOPIC_OF*0..2]-(:Topic)<-[:WORKS_ON]-(c:Person)
    WITH DISTINCT c LIMIT $fanout
    RETURN c
  }
  WITH me, myOrgs, area, c WHERE c <> me
  MATCH (c)-[:AFFILIATED_WITH|LEADS]->(theirs:Organization)
  WITH myOrgs, area, c, theirs, theirs.kind IN ['university', 'school', 'department', 'lab', 'institute', 'research_center'] AS theirsAcademic
  UNWIND myOrgs AS org
  WITH c, org, theirs, area, theirsAcademic
  WHERE (org.kind IN ['university', 'school', 'department', 'lab', 'institute', 'research_center']) <> theirsAcademic
  RETURN c, 'complementary' AS kind, theirs.kind + '|' + theirs.name + '|' + org.kind + '|' + area.name AS item, 1.0 AS w
}
WITH me, myOrgs, c, kind, collect(DISTINCT item) AS items, max(w) AS w
WITH me, myOrgs, c, collect({kind: kind, items: items}) AS reasons, sum(w) AS score, sum(size(items)) AS evidence
ORDER BY score DESC, evidence DESC, c.name, c.id
// collect() keeps the order, and UNWIND hands the rows on in it: the checks below run lazily.
WITH me, myOrgs, collect({c: c, reasons: reasons, score: score}) AS ranked
UNWIND ranked AS r
WITH me, myOrgs, r.c AS c, r.reasons AS reasons, r.score AS score
WHERE NOT EXISTS { (me)-[:PARTY_TO|AUTHORED|PARTICIPATED_IN]->()<-[:PARTY_TO|AUTHORED|PARTICIPATED_IN]-(c) }
  AND NOT EXISTS { (me)-[:STUDENT_OF]-(c) }
  AND ($country IS NULL OR c.country = $country)
  AND ($topic IS NULL OR EXISTS { (c)-[:WORKS_ON]->(:Topic)-[:SUBTOPIC_OF*0..]->(:Topic {id: $topic}) })
  AND (NOT $excludeOwn OR NOT EXISTS {
        MATCH (c)-[:AFFILIATED_WITH|LEADS]->(:Organization)-[:PART_OF*0..4]->(o:Organization) WHERE o IN myOrgs })
WITH c, score, reasons LIMIT $limit
RETURN c.id AS id, c.name AS name, c.country AS country, score, reasons,
       [(c)-[:AFFILIATED_WITH|LEADS]->(o:Organization) | {id: o.id, name: o.name, label: 'Organization', type: o.kind, country: o.country}] AS institutions

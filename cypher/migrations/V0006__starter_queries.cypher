// Starter library of saved queries for the analysts' Cypher console (docs/analysts.md).
// Data, not schema: MERGE on the unique name makes it safe to run again, and ON CREATE
// leaves alone a starter query that analysts have since changed. Once applied this file
// is immutable; ship new or revised starters in a new migration.
MERGE (q:SavedQuery {name: 'labs-by-topic-and-country'})
ON CREATE SET q.description = 'Labs working on topic X in country Y: labs, institutes, departments and research centres that work on a topic or any of its subtopics (directly, through their people or through partnerships about it) in a country given as an ISO code such as CN. A unit without a country takes the country of the organization it is part of. Evidence says why each one is listed.',
  q.query = "MATCH (root:Topic)
WHERE root.id = $topic OR root.nameLower = toLower($topic)
   OR toLower($topic) IN [a IN coalesce(root.aliases, []) | toLower(a)]
MATCH (t:Topic)-[:SUBTOPIC_OF*0..]->(root)
CALL (t) {
  MATCH (lab:Organization)-[:WORKS_ON]->(t)
  RETURN lab, 'works on ' + t.name AS why
  UNION
  MATCH (p:Person)-[:WORKS_ON]->(t)
  MATCH (p)-[:AFFILIATED_WITH|LEADS|MEMBER_OF]->(lab:Organization)
  RETURN lab, p.name + ' works on ' + t.name AS why
  UNION
  MATCH (lab:Organization)-[:PARTY_TO]->(:Partnership)-[:ABOUT]->(t)
  RETURN lab, 'partnership about ' + t.name AS why
}
WITH lab, why, coalesce(lab.country, [(lab)-[:PART_OF*]->(up:Organization) WHERE up.country IS NOT NULL | up.country][0]) AS country
WHERE lab.kind IN ['lab', 'institute', 'research_center', 'department']
  AND toUpper(country) = toUpper($country)
OPTIONAL MATCH (lab)-[:PART_OF]->(parent:Organization)
RETURN lab.id AS id, lab.name AS lab, lab.kind AS kind, parent.name AS partOf, country, collect(DISTINCT why) AS evidence
ORDER BY size(evidence) DESC, lab",
  q.params = '[{"name": "topic", "type": "string", "description": "a topic id, name or alias, case-insensitive: topic:cryopreservation, organ preservation, 低温保存"}, {"name": "country", "type": "string", "description": "an ISO 3166 country code such as CN or US, case-insensitive"}]',
  q.createdBy = 'cryograph', q.createdAt = datetime(), q.updatedBy = 'cryograph', q.updatedAt = datetime();
MERGE (q:SavedQuery {name: 'partners-of-both'})
ON CREATE SET q.description = 'Institutions that partner with both A and B: organizations that are party to a partnership with A (or one of its units) and to one with B, with the partnerships on each side.',
  q.query = "MATCH (a:Organization)
WHERE a.id = $a OR toLower(a.name) = toLower($a) OR toLower($a) IN [x IN coalesce(a.aliases, []) | toLower(x)]
MATCH (b:Organization)
WHERE b.id = $b OR toLower(b.name) = toLower($b) OR toLower($b) IN [x IN coalesce(b.aliases, []) | toLower(x)]
MATCH (a)<-[:PART_OF*0..]-(:Organization)-[:PARTY_TO]->(pa:Partnership)<-[:PARTY_TO]-(partner:Organization)
MATCH (b)<-[:PART_OF*0..]-(:Organization)-[:PARTY_TO]->(pb:Partnership)<-[:PARTY_TO]-(partner)
WHERE NOT (partner)-[:PART_OF*0..]->(a) AND NOT (partner)-[:PART_OF*0..]->(b)
RETURN partner.id AS id, partner.name AS partner, partner.kind AS kind, partner.country AS country,
       collect(DISTINCT pa.name) AS withA, collect(DISTINCT pb.name) AS withB
ORDER BY size(withA) + size(withB) DESC, partner",
  q.params = '[{"name": "a", "type": "string", "description": "an organization id, name or alias: org:usst, USST"}, {"name": "b", "type": "string", "description": "another organization id, name or alias: org:ustc, USTC"}]',
  q.createdBy = 'cryograph', q.createdAt = datetime(), q.updatedBy = 'cryograph', q.updatedAt = datetime();
MERGE (q:SavedQuery {name: 'rising-topics-by-year'})
ON CREATE SET q.description = 'Rising topics by year: how many partnerships, events and publications are about each topic per year (from their start or publication date), and the change from the year before. Most recent years first, biggest rises first.',
  q.query = "MATCH (x)-[:ABOUT]->(t:Topic)
WHERE (x:Partnership OR x:Event OR x:Publication)
WITH t, x, left(coalesce(x.start, x.published), 4) AS year
WHERE year IS NOT NULL AND toInteger(year) >= $fromYear
WITH t, year, count(DISTINCT x) AS activities
WITH t, collect([year, activities]) AS years
UNWIND years AS y
WITH t, y[0] AS year, y[1] AS activities,
     [p IN years WHERE p[0] = toString(toInteger(y[0]) - 1) | p[1]] AS before
RETURN year, t.name AS topic, activities, activities - coalesce(before[0], 0) AS change
ORDER BY year DESC, change DESC, activities DESC, topic",
  q.params = '[{"name": "fromYear", "type": "integer", "description": "the first year to count", "default": 2000}]',
  q.createdBy = 'cryograph', q.createdAt = datetime(), q.updatedBy = 'cryograph', q.updatedAt = datetime();
MERGE (q:SavedQuery {name: 'people-connected-to-organization'})
ON CREATE SET q.description = 'People connected to an organization or any of its units: by affiliation, leadership, membership or founding, as fellow parties to a partnership, or as participants in the same event.',
  q.query = "MATCH (org:Organization)
WHERE org.id = $org OR toLower(org.name) = toLower($org) OR toLower($org) IN [x IN coalesce(org.aliases, []) | toLower(x)]
MATCH (org)<-[:PART_OF*0..]-(unit:Organization)
CALL (unit) {
  MATCH (p:Person)-[r:AFFILIATED_WITH|LEADS|MEMBER_OF|FOUNDED]->(unit)
  RETURN p, toLower(replace(type(r), '_', ' ')) + coalesce(' (' + r.title + ')', '') + ' ' + unit.name AS how
  UNION
  MATCH (p:Person)-[:PARTY_TO]->(ps:Partnership)<-[:PARTY_TO]-(unit)
  RETURN p, 'party with ' + unit.name + ' to ' + ps.name AS how
  UNION
  MATCH (p:Person)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(unit)
  RETURN p, 'took part with ' + unit.name + ' in ' + e.name AS how
}
RETURN p.id AS id, p.name AS person, collect(DISTINCT how) AS connections
ORDER BY size(connections) DESC, person",
  q.params = '[{"name": "org", "type": "string", "description": "an organization id, name or alias: org:usst, USST"}]',
  q.createdBy = 'cryograph', q.createdAt = datetime(), q.updatedBy = 'cryograph', q.updatedAt = datetime();
MERGE (q:SavedQuery {name: 'uncertain-facts'})
ON CREATE SET q.description = 'Uncertain facts to review: every node and relationship marked uncertain, with the note of the curators and the sources to check.',
  q.query = "CALL () {
  MATCH (n:Entity) WHERE n.uncertain = true
  RETURN labels(n)[1] AS kind, n.id AS subject, null AS object, n.note AS note,
         [(n)-[:SOURCED_FROM]->(s:Source) | s.url] AS sources
  UNION ALL
  MATCH (a)-[r]->(b) WHERE r.uncertain = true
  RETURN type(r) AS kind, coalesce(a.id, a.name) AS subject, coalesce(b.id, b.name) AS object, r.note AS note,
         COLLECT { MATCH (s:Source) WHERE s.id IN coalesce(r.sources, []) RETURN s.url } AS sources
}
RETURN kind, subject, object, note, sources
ORDER BY kind, subject, object",
  q.params = '[]',
  q.createdBy = 'cryograph', q.createdAt = datetime(), q.updatedBy = 'cryograph', q.updatedAt = datetime();
MERGE (q:SavedQuery {name: 'how-two-people-are-connected'})
ON CREATE SET q.description = 'How two people are connected: the shortest chain of affiliations, partnerships, events, co-authorship, supervision and founding between them (at most six hops), as names and as a path to draw.',
  q.query = "MATCH (a:Person)
WHERE a.id = $a OR toLower(a.name) = toLower($a) OR toLower($a) IN [x IN coalesce(a.aliases, []) | toLower(x)]
MATCH (b:Person)
WHERE b.id = $b OR toLower(b.name) = toLower($b) OR toLower($b) IN [x IN coalesce(b.aliases, []) | toLower(x)]
MATCH path = shortestPath((a)-[:AFFILIATED_WITH|LEADS|MEMBER_OF|PART_OF|PARTY_TO|PARTICIPATED_IN|AUTHORED|STUDENT_OF|FOUNDED*..6]-(b))
RETURN [n IN nodes(path) | coalesce(n.name, n.title)] AS hops, [r IN relationships(path) | type(r)] AS via, length(path) AS length, path",
  q.params = '[{"name": "a", "type": "string", "description": "a person id, name or alias: person:xu_yi, Xu Yi"}, {"name": "b", "type": "string", "description": "another person id, name or alias: person:zhao_gang"}]',
  q.createdBy = 'cryograph', q.createdAt = datetime(), q.updatedBy = 'cryograph', q.updatedAt = datetime();

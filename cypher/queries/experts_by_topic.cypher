// Experts on a topic and all its subtopics. A person counts as an expert when a sourced fact
// says they work on such a topic, or that they are a party to a partnership about one.
// Parameters: $topicId, $offset, $limit.
MATCH (root:Topic {id: $topicId})
MATCH (t:Topic)-[:SUBTOPIC_OF*0..]->(root)
WITH collect(DISTINCT t) AS topics
CALL {
  WITH topics
  UNWIND topics AS t
  MATCH (p:Person)-[w:WORKS_ON]->(t)
  RETURN p, t, 'works_on' AS via, null AS through, w.sources AS sourceIds,
         coalesce(w.uncertain, false) AS uncertain, w.note AS note
  UNION
  WITH topics
  UNWIND topics AS t
  MATCH (p:Person)-[r:PARTY_TO]->(ps:Partnership)-[:ABOUT]->(t)
  RETURN p, t, 'party_to' AS via, ps AS through, r.sources AS sourceIds,
         coalesce(r.uncertain, false) OR coalesce(ps.uncertain, false) AS uncertain,
         coalesce(r.note, ps.note) AS note
}
WITH p, collect({via: via, topic: {id: t.id, name: t.name},
                 through: CASE WHEN through IS NULL THEN null ELSE {id: through.id, name: through.name} END,
                 sourceIds: sourceIds, uncertain: uncertain, note: note}) AS evidence,
     collect(DISTINCT {id: t.id, name: t.name}) AS matched
WITH p, evidence, matched, size(evidence) AS evidenceCount
ORDER BY evidenceCount DESC, size(matched) DESC, p.name
WITH collect({p: p, evidence: evidence, matched: matched, evidenceCount: evidenceCount}) AS ranked
WITH size(ranked) AS total, ranked[$offset..$offset + $limit] AS page
// One null row keeps the total when the page is empty.
UNWIND CASE WHEN size(page) = 0 THEN [null] ELSE page END AS e
WITH total, e, e.p AS p
CALL {
  WITH p
  OPTIONAL MATCH (p)-[a:AFFILIATED_WITH|LEADS]->(o:Organization)
  WHERE a.until IS NULL
  OPTIONAL MATCH chain = (o)-[:PART_OF*1..4]->(:Organization)
  WITH a, o, chain ORDER BY length(chain) DESC
  WITH a, o, collect(chain)[0] AS longest
  RETURN collect(CASE WHEN o IS NULL THEN null ELSE {
    id: o.id, name: o.name, kind: o.kind, country: o.country,
    role: coalesce(a.title, CASE type(a) WHEN 'LEADS' THEN 'leads' END),
    uncertain: coalesce(a.uncertain, false),
    parents: CASE WHEN longest IS NULL THEN [] ELSE [n IN tail(nodes(longest)) | {id: n.id, name: n.name}] END
  } END) AS institutions
}
CALL {
  WITH e
  UNWIND e.evidence AS ev
  UNWIND coalesce(ev.sourceIds, []) AS sid
  MATCH (s:Source {id: sid})
  RETURN collect(DISTINCT {id: s.id, url: s.url, title: s.title, publisher: s.publisher,
                           published: toString(s.published)}) AS sources
}
RETURN total, p.id AS id, p.name AS name, p.country AS country, institutions,
       e.matched AS matchedTopics, e.evidenceCount AS evidenceCount, e.evidence AS evidence, sources
ORDER BY e.evidenceCount DESC, size(e.matched) DESC, p.name

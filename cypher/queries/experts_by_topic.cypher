// Experts on topics and all their subtopics, or found by name, in one round trip: the named
// topic is resolved here too. A person counts as an expert when a sourced fact says they work
// on such a topic, or that they are a party to a partnership about one; a name search
// ($personIds) adds the people whose name matched.
// $topic is the topic asked for by id, name or alias, ignoring case (null = none); $topicIds
// are more topic ids (the free-text search's), searched after it.
// Filters are optional (null = none): $country (the person's or an institution's),
// $organization (an organization id, its sub-units included), $orgKind (of a current
// institution), $since (some dated activity on or after it). Paging: $offset, $limit.
// Ranking: cryo.CompareExperts (docs/model.md, "Expert ranking"): strength (curated facts +
// works on the topics) more first, then curated facts, the latest work's year, the best topic
// score (ABOUT/WORKS_ON score), the number of matched topics, then name and id. Evidence whose
// WORKS_ON key is in $ingestedKeys is not a curated fact; retracted or superseded works do not
// count. Everyone is ranked by counting relationships only (or the ranking RefreshDerived
// stored is read); the evidence, the top $topWorks works, institutions and sources are read
// for the page alone. An ingested WORKS_ON lists its first $maxIngestedSources sources.
// Rows: always at least one. topicId and topicName are the named topic's (null when $topic
// matched none: the caller reports it, and nothing else is read); the rest is one row per
// expert on the page, or one null row when the page is empty (total may still be > 0) or
// nobody matched (total null).
//
// The topic: an id or an exact name is found through the indexes; only when neither matches
// are the aliases of every topic compared.
OPTIONAL CALL {
  WITH $topic AS topic WHERE topic IS NOT NULL
  OPTIONAL MATCH (byId:Topic {id: topic})
  OPTIONAL MATCH (byName:Topic {nameLower: toLower(topic)})
  WITH topic, coalesce(byId, byName) AS found
  CALL {
    WITH found
    WITH found WHERE found IS NOT NULL
    RETURN found AS t
    UNION
    WITH topic, found
    WITH topic, found WHERE found IS NULL
    MATCH (t:Topic)
    WHERE toLower(topic) IN [a IN coalesce(t.aliases, []) | toLower(a)]
    RETURN t
  }
  RETURN t AS named
  ORDER BY t.id
  LIMIT 1
}
WITH named, CASE WHEN named IS NULL THEN [] ELSE [named.id] END + $topicIds AS topicIds
OPTIONAL CALL {
  WITH named, topicIds
  WITH topicIds WHERE $topic IS NULL OR named IS NOT NULL
  CALL {
    WITH topicIds
    UNWIND topicIds AS tid
    MATCH (:Topic {id: tid})<-[:SUBTOPIC_OF*0..]-(t:Topic)
    RETURN collect(DISTINCT t) AS topics
  }
  // The ranking: stored by RefreshDerived (:TopicRanking) for one topic without names or
  // filters, when it covers the page, else computed here.
  WITH topicIds, topics,
       CASE WHEN size(topicIds) = 1 AND size($personIds) = 0 AND $country IS NULL AND $organization IS NULL
                 AND $orgKind IS NULL AND $since IS NULL THEN topicIds[0] END AS rankedTopic
  OPTIONAL MATCH (stored:TopicRanking {topic: rankedTopic})
  WITH topics, CASE WHEN stored IS NOT NULL AND ($offset + $limit <= size(stored.top) OR size(stored.top) = stored.total)
                    THEN stored END AS ranking
  CALL {
    WITH ranking
    WITH ranking WHERE ranking IS NOT NULL
    RETURN ranking.total AS total, ranking.top[$offset..$offset + $limit] AS pageIds
    UNION ALL
    WITH topics, ranking
    WITH topics, ranking WHERE ranking IS NULL
    CALL {
      WITH topics
      UNWIND topics AS t
      MATCH (p:Person)-[w:WORKS_ON]->(t)
      RETURN p, t, CASE WHEN w.key IN $ingestedKeys THEN 0 ELSE 1 END AS fact, null AS work, w.score AS score
      UNION ALL
      WITH topics
      UNWIND topics AS t
      MATCH (p:Person)-[w:WORKS_ON]->(t)
      WHERE w.works IS NOT NULL
      UNWIND w.works AS wid
      MATCH (work:Publication {id: wid})
      WHERE work.supersededBy IS NULL AND NOT coalesce(work.retracted, false)
      RETURN p, t, 0 AS fact, work, null AS score
      UNION ALL
      WITH topics
      UNWIND topics AS t
      MATCH (p:Person)-[:PARTY_TO]->(:Partnership)-[:ABOUT]->(t)
      RETURN p, t, 1 AS fact, null AS work, null AS score
      UNION ALL
      WITH topics
      UNWIND topics AS t
      MATCH (p:Person)-[:AUTHORED]->(work:Publication)-[ab:ABOUT]->(t)
      WHERE work.supersededBy IS NULL AND NOT coalesce(work.retracted, false)
      RETURN p, t, 0 AS fact, work, ab.score AS score
      UNION ALL
      UNWIND $personIds AS pid
      MATCH (p:Person {id: pid})
      RETURN p, null AS t, 1 AS fact, null AS work, null AS score
    }
    // ranking (null) is kept as a grouping key so that no rows in means no row out
    WITH ranking, p, sum(fact) AS facts, count(DISTINCT work) AS works,
         coalesce(max(coalesce(work.year, toInteger(left(toString(work.published), 4)))), 0) AS latest,
         coalesce(toFloat(max(score)), 0.0) AS topScore, count(DISTINCT t) AS matchedCount
    WHERE ($country IS NULL OR p.country = $country
           OR EXISTS { (p)-[:AFFILIATED_WITH|LEADS]->(:Organization {country: $country}) })
      AND ($organization IS NULL
           OR EXISTS { (p)-[:AFFILIATED_WITH|LEADS|MEMBER_OF]->(:Organization)-[:PART_OF*0..4]->(:Organization {id: $organization}) })
      AND ($orgKind IS NULL OR EXISTS { (p)-[:AFFILIATED_WITH|LEADS]->(:Organization {kind: $orgKind}) })
      AND ($since IS NULL
           OR EXISTS { (p)-[r:AFFILIATED_WITH|LEADS|MEMBER_OF]->() WHERE coalesce(r.until, r.asOf, r.since) >= $since }
           OR EXISTS { (p)-[:PARTY_TO]->(x:Partnership) WHERE coalesce(x.end, x.start) >= $since }
           OR EXISTS { (p)-[:PARTICIPATED_IN]->(x:Event) WHERE coalesce(x.end, x.start) >= $since }
           OR EXISTS { (p)-[:AUTHORED]->(x:Publication) WHERE x.published >= $since })
    WITH ranking, p, facts, works, latest, topScore, matchedCount
    ORDER BY facts + works DESC, facts DESC, latest DESC, topScore DESC, matchedCount DESC, p.name, p.id
    WITH ranking, collect(p.id) AS ranked
    RETURN size(ranked) AS total, ranked[$offset..$offset + $limit] AS pageIds
  }
  // One null row keeps the total when the page is empty (no row at all: no experts).
  UNWIND CASE WHEN size(pageIds) = 0 THEN [null] ELSE range(0, size(pageIds) - 1) END AS rank
  OPTIONAL MATCH (p:Person {id: pageIds[rank]})
  WITH topics, total, rank, p
  CALL {
    WITH p, topics
    CALL {
      WITH p, topics
      MATCH (p)-[w:WORKS_ON]->(t:Topic)
      WHERE t IN topics
      RETURN t, 'works_on' AS via, null AS through,
             CASE WHEN w.key IN $ingestedKeys THEN w.sources[..$maxIngestedSources] ELSE w.sources END AS sourceIds,
             coalesce(w.uncertain, false) AS uncertain, w.note AS note,
             coalesce(w.key IN $ingestedKeys, false) AS ingested, w.score AS score
      UNION ALL
      WITH p, topics
      MATCH (p)-[r:PARTY_TO]->(ps:Partnership)-[:ABOUT]->(t:Topic)
      WHERE t IN topics
      RETURN t, 'party_to' AS via, ps AS through, r.sources AS sourceIds,
             coalesce(r.uncertain, false) OR coalesce(ps.uncertain, false) AS uncertain,
             coalesce(r.note, ps.note) AS note, false AS ingested, null AS score
      UNION ALL
      WITH p
      WITH p WHERE p.id IN $personIds
      RETURN null AS t, 'name' AS via, null AS through, [(p)-[:SOURCED_FROM]->(s:Source) | s.id] AS sourceIds,
             coalesce(p.uncertain, false) AS uncertain, p.note AS note, false AS ingested, null AS score
    }
    RETURN collect({via: via, topic: CASE WHEN t IS NULL THEN null ELSE {id: t.id, name: t.name} END,
                    through: CASE WHEN through IS NULL THEN null ELSE {id: through.id, name: through.name} END,
                    sourceIds: sourceIds, uncertain: uncertain, note: note, ingested: ingested, score: score}) AS evidence,
           [x IN collect(DISTINCT CASE WHEN t IS NULL THEN null ELSE {id: t.id, name: t.name} END) WHERE x IS NOT NULL] AS matched
  }
  // The works on the topics (ABOUT one, or a WORKS_ON's evidence), for the figures and the
  // top $topWorks: latest first, then most cited, then title and id.
  CALL {
    WITH p, topics
    CALL {
      WITH p, topics
      MATCH (p)-[:AUTHORED]->(w:Publication)-[ab:ABOUT]->(t:Topic)
      WHERE t IN topics AND w.supersededBy IS NULL AND NOT coalesce(w.retracted, false)
      RETURN w, t, ab.score AS score
      UNION ALL
      WITH p, topics
      MATCH (p)-[o:WORKS_ON]->(t:Topic)
      WHERE t IN topics AND o.works IS NOT NULL
      UNWIND o.works AS wid
      MATCH (w:Publication {id: wid})
      WHERE w.supersededBy IS NULL AND NOT coalesce(w.retracted, false)
      RETURN w, t, null AS score
    }
    WITH w, t, score ORDER BY t.id
    WITH w, collect(t) AS ts, toFloat(max(score)) AS score
    WITH w, ts, score, coalesce(w.year, toInteger(left(toString(w.published), 4))) AS year
    ORDER BY coalesce(year, 0) DESC, coalesce(w.citedBy, 0) DESC, w.title, w.id
    WITH collect({w: w, t: ts[0], year: year, score: score}) AS ws,
         reduce(acc = [], l IN collect(ts) | acc + [x IN l WHERE NOT x IN acc]) AS workTopics
    RETURN size(ws) AS works, [x IN workTopics | {id: x.id, name: x.name}] AS workTopics, coalesce(ws[0].year, 0) AS latest,
           reduce(m = 0.0, x IN ws | CASE WHEN coalesce(x.score, 0.0) > m THEN x.score ELSE m END) AS worksScore,
           [i IN range(0, size(ws[..$topWorks]) - 1) | {
             rank: i, via: 'authored', topic: {id: ws[i].t.id, name: ws[i].t.name},
             work: {id: ws[i].w.id, title: ws[i].w.title, doi: ws[i].w.doi, year: ws[i].year},
             sourceIds: reduce(acc = [], l IN [(p)-[au:AUTHORED]->(x:Publication) WHERE x = ws[i].w | coalesce(au.sources, [])] | acc + l)
                        + [(x:Publication)-[:SOURCED_FROM]->(s:Source) WHERE x = ws[i].w | s.id],
             uncertain: any(u IN [(p)-[au:AUTHORED]->(x:Publication) WHERE x = ws[i].w | coalesce(au.uncertain, false)] WHERE u),
             note: head([(p)-[au:AUTHORED]->(x:Publication) WHERE x = ws[i].w AND au.note IS NOT NULL | au.note])
           }] AS topWorks
  }
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
    WITH evidence, topWorks
    UNWIND evidence + topWorks AS ev
    UNWIND coalesce(ev.sourceIds, []) AS sid
    MATCH (s:Source {id: sid})
    RETURN collect(DISTINCT {id: s.id, url: s.url, title: s.title, publisher: s.publisher,
                             published: toString(s.published)}) AS sources
  }
  RETURN total, rank, p.id AS id, p.name AS name, p.country AS country, institutions,
         matched AS matchedTopics, workTopics, evidence, works, latest, worksScore, topWorks, sources
}
RETURN named.id AS topicId, named.name AS topicName, total, id, name, country, institutions, matchedTopics,
       workTopics, evidence, works, latest, worksScore, topWorks, sources
ORDER BY rank

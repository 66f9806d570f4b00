// Which entities already hold the external ids in $ext ({label, prop, value}).
UNWIND $ext AS x
CALL {
  WITH x MATCH (n:Person {orcid: x.value}) WHERE x.label = 'Person' AND x.prop = 'orcid' RETURN n
  UNION
  WITH x MATCH (n:Person {wikidata: x.value}) WHERE x.label = 'Person' AND x.prop = 'wikidata' RETURN n
  UNION
  WITH x MATCH (n:Organization {ror: x.value}) WHERE x.label = 'Organization' AND x.prop = 'ror' RETURN n
  UNION
  WITH x MATCH (n:Organization {wikidata: x.value}) WHERE x.label = 'Organization' AND x.prop = 'wikidata' RETURN n
}
RETURN x.label AS label, x.prop AS prop, x.value AS value, n.id AS id

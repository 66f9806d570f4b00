// Which entities already hold the external ids in $ext ({label, prop, value}): the merge keys
// of format.MergeKeys, each through its index (V0004, V0012).
UNWIND $ext AS x
CALL {
  WITH x MATCH (n:Person {orcid: x.value}) WHERE x.label = 'Person' AND x.prop = 'orcid' RETURN n
  UNION
  WITH x MATCH (n:Person {wikidata: x.value}) WHERE x.label = 'Person' AND x.prop = 'wikidata' RETURN n
  UNION
  WITH x MATCH (n:Person {openalex: x.value}) WHERE x.label = 'Person' AND x.prop = 'openalex' RETURN n
  UNION
  WITH x MATCH (n:Organization {ror: x.value}) WHERE x.label = 'Organization' AND x.prop = 'ror' RETURN n
  UNION
  WITH x MATCH (n:Organization {wikidata: x.value}) WHERE x.label = 'Organization' AND x.prop = 'wikidata' RETURN n
  UNION
  WITH x MATCH (n:Organization {openalex: x.value}) WHERE x.label = 'Organization' AND x.prop = 'openalex' RETURN n
  UNION
  WITH x MATCH (n:Publication {doi: x.value}) WHERE x.label = 'Publication' AND x.prop = 'doi' RETURN n
  UNION
  WITH x MATCH (n:Publication {openalex: x.value}) WHERE x.label = 'Publication' AND x.prop = 'openalex' RETURN n
}
RETURN x.label AS label, x.prop AS prop, x.value AS value, n.id AS id

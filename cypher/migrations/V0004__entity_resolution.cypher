// Entity resolution: name keys (spelling variants meet on a NameKey node), external ids as
// merge keys, and the record of explicit merges.
CREATE CONSTRAINT name_key IF NOT EXISTS FOR (k:NameKey) REQUIRE k.key IS UNIQUE;
CREATE INDEX person_orcid IF NOT EXISTS FOR (n:Person) ON (n.orcid);
CREATE INDEX person_wikidata IF NOT EXISTS FOR (n:Person) ON (n.wikidata);
CREATE INDEX organization_ror IF NOT EXISTS FOR (n:Organization) ON (n.ror);
CREATE INDEX organization_wikidata IF NOT EXISTS FOR (n:Organization) ON (n.wikidata);
CREATE CONSTRAINT merge_id IF NOT EXISTS FOR (m:Merge) REQUIRE m.id IS UNIQUE;
CREATE INDEX merge_gone IF NOT EXISTS FOR (m:Merge) ON (m.gone);

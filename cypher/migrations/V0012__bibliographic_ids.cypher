// Bibliographic merge keys (format.MergeKeys): OpenAlex ids of people, organizations and
// works, and DOIs of works, looked up by every load that carries them (import_external_owners).
CREATE INDEX person_openalex IF NOT EXISTS FOR (n:Person) ON (n.openalex);
CREATE INDEX organization_openalex IF NOT EXISTS FOR (n:Organization) ON (n.openalex);
CREATE INDEX publication_doi IF NOT EXISTS FOR (n:Publication) ON (n.doi);
CREATE INDEX publication_openalex IF NOT EXISTS FOR (n:Publication) ON (n.openalex);

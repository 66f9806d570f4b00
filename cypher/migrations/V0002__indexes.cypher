// Range indexes for the filters and sorts of the query API.
CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE INDEX person_country IF NOT EXISTS FOR (n:Person) ON (n.country);
CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);
CREATE INDEX organization_kind IF NOT EXISTS FOR (n:Organization) ON (n.kind);
CREATE INDEX organization_country IF NOT EXISTS FOR (n:Organization) ON (n.country);
CREATE INDEX topic_name_lower IF NOT EXISTS FOR (n:Topic) ON (n.nameLower);
CREATE INDEX event_start IF NOT EXISTS FOR (n:Event) ON (n.start);
CREATE INDEX partnership_kind IF NOT EXISTS FOR (n:Partnership) ON (n.kind);
CREATE INDEX partnership_start IF NOT EXISTS FOR (n:Partnership) ON (n.start);
CREATE INDEX source_url IF NOT EXISTS FOR (n:Source) ON (n.url);

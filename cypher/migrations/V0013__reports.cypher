// Readers' reports of errors (docs/history.md): looked up by id (the reporter's status link)
// and listed by status for the review queue.
CREATE CONSTRAINT report_id IF NOT EXISTS FOR (r:Report) REQUIRE r.id IS UNIQUE;
CREATE INDEX report_status IF NOT EXISTS FOR (r:Report) ON (r.status, r.created);

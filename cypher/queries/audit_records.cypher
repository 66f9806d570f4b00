// Writes a batch of audit records in one transaction (store.AuditWriter batches the records of
// concurrent requests; store.Audit writes one).
UNWIND $rows AS row
CREATE (:AuditEvent {at: row.at, who: row.who, tokenId: row.tokenId, action: row.action, what: row.what,
                     ms: row.ms, rows: row.rows, outcome: row.outcome, changeset: row.changeset})

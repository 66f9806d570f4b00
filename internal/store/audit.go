package store

// The audit log: records of writes and Cypher runs, and their listing.

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// MaxAuditWhat bounds what an audit record keeps of a query text or request: enough to see
// what ran, not enough for one caller to bloat the log.
const MaxAuditWhat = 4000

// Audit records one write or Cypher run.
func (s *Store) Audit(ctx context.Context, e cryo.AuditEntry) error {
	return s.AuditBatch(ctx, []cryo.AuditEntry{e})
}

// AuditBatch records several writes or Cypher runs in one transaction.
func (s *Store) AuditBatch(ctx context.Context, entries []cryo.AuditEntry) error {
	rows := make([]map[string]any, len(entries))
	for i, e := range entries {
		if e.At.IsZero() {
			e.At = time.Now()
		}
		if e.Millis == 0 && e.Duration > 0 {
			e.Millis = e.Duration.Milliseconds()
		}
		rows[i] = map[string]any{"at": e.At.UTC(), "who": e.Who, "tokenId": e.TokenID, "action": e.Action,
			"what": truncate(e.What, MaxAuditWhat), "ms": e.Millis, "rows": e.Rows, "outcome": e.Outcome, "changeset": orNull(e.Changeset)}
	}
	if _, err := s.write(ctx, "audit_records", map[string]any{"rows": rows}); err != nil {
		if len(entries) == 1 {
			return fmt.Errorf("audit %s by %s: %w", entries[0].Action, entries[0].Who, err)
		}
		return fmt.Errorf("audit %d records: %w", len(entries), err)
	}
	return nil
}

// AuditLog lists audit records, newest first.
func (s *Store) AuditLog(ctx context.Context, page cryo.Page) ([]cryo.AuditEntry, error) {
	res, err := s.read(ctx, "audit_list", map[string]any{"offset": page.Offset, "limit": page.Limit})
	if err != nil {
		return nil, err
	}
	out := make([]cryo.AuditEntry, 0, len(res.Records))
	for _, rec := range res.Records {
		p := get[neo4j.Node](rec, "e").Props
		ms, _ := p["ms"].(int64)
		rows, _ := p["rows"].(int64)
		out = append(out, cryo.AuditEntry{At: timeOf(p["at"]), Who: str(p["who"]), TokenID: str(p["tokenId"]),
			Action: str(p["action"]), What: str(p["what"]), Millis: ms, Duration: time.Duration(ms) * time.Millisecond,
			Rows: int(rows), Outcome: str(p["outcome"]), Changeset: str(p["changeset"])})
	}
	return out, nil
}

// truncate cuts s to at most n bytes on a rune boundary, marking the cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	const mark = "…[truncated]"
	cut := n - len(mark)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + mark
}

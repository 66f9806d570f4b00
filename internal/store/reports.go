package store

// Readers' reports of errors and their review: stored apart from the facts (label Report, not
// Entity), so a report never changes data by itself.

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"fmt"
	"strings"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// CreateReport stores a reader's report about an existing entity. Its id is random and
// unguessable: it is the reporter's link to follow the report.
func (s *Store) CreateReport(ctx context.Context, req cryo.ReportRequest) (cryo.Report, error) {
	kind, _ := cryo.SubjectKind(req.Subject)
	id, err := reportID()
	if err != nil {
		return cryo.Report{}, err
	}
	now := time.Now().UTC().Format(time.RFC3339)
	res, err := s.write(ctx, "report_create", map[string]any{"id": id, "subject": req.Subject, "kind": kind,
		"fact": orNil(req.Fact), "what": req.What, "correction": orNil(req.Correction), "evidence": orNil(req.Evidence),
		"contact": orNil(req.Contact), "now": now})
	if err != nil {
		return cryo.Report{}, err
	}
	if len(res.Records) == 0 {
		return cryo.Report{}, cryo.Invalid("subject", "there is no entity %s in the graph", req.Subject)
	}
	return reportOf(res.Records[0]), nil
}

// Report finds a report by id.
func (s *Store) Report(ctx context.Context, id string) (cryo.Report, error) {
	res, err := s.read(ctx, "report_get", map[string]any{"id": id})
	if err != nil {
		return cryo.Report{}, err
	}
	if len(res.Records) == 0 {
		return cryo.Report{}, cryo.Errorf(cryo.ECodeNotFound, "there is no report %s", id)
	}
	return reportOf(res.Records[0]), nil
}

// Reports lists the reports of a status, newest first.
func (s *Store) Reports(ctx context.Context, q cryo.ReportQuery) (cryo.ReportList, error) {
	res, err := s.read(ctx, "report_list", map[string]any{"status": q.Status, "limit": q.Limit, "offset": q.Offset})
	if err != nil {
		return cryo.ReportList{}, err
	}
	out := cryo.ReportList{Reports: []cryo.Report{}, Limit: q.Limit, Offset: q.Offset}
	if len(res.Records) == 1 {
		out.Total = int(get[int64](res.Records[0], "total"))
		for _, v := range get[[]any](res.Records[0], "page") {
			if m, ok := v.(map[string]any); ok {
				out.Reports = append(out.Reports, reportFromMap(m))
			}
		}
	}
	return out, nil
}

// DecideReport records an editor's outcome of an open report.
func (s *Store) DecideReport(ctx context.Context, id string, d cryo.ReportDecision) (cryo.Report, error) {
	res, err := s.write(ctx, "report_decide", map[string]any{"id": id, "status": d.Status, "by": d.By,
		"reason": orNil(d.Reason), "duplicateOf": orNil(d.DuplicateOf), "changeset": orNil(d.Changeset),
		"now": time.Now().UTC().Format(time.RFC3339)})
	if err != nil {
		return cryo.Report{}, err
	}
	if len(res.Records) == 0 {
		return cryo.Report{}, cryo.Errorf(cryo.ECodeNotFound, "there is no report %s", id)
	}
	rec := res.Records[0]
	if was := get[string](rec, "was"); was != cryo.ReportOpen {
		return cryo.Report{}, cryo.Errorf(cryo.ECodeConflict, "report %s is already %s; only an open report can be decided", id, was)
	}
	if d.Status == cryo.ReportDuplicate && !get[bool](rec, "dupExists") {
		return cryo.Report{}, cryo.Invalid("duplicateOf", "there is no report %s", d.DuplicateOf)
	}
	return reportOf(rec), nil
}

// reportID is "rep_" and 20 random base32 characters (100 bits).
func reportID() (string, error) {
	b := make([]byte, 13)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("report id: %w", err)
	}
	return "rep_" + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))[:20], nil
}

func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func reportOf(rec *neo4j.Record) cryo.Report {
	m, _ := rec.Get("report")
	mm, _ := m.(map[string]any)
	return reportFromMap(mm)
}

func reportFromMap(m map[string]any) cryo.Report {
	str := func(k string) string { s, _ := m[k].(string); return s }
	return cryo.Report{ID: str("id"), Status: str("status"), Subject: str("subject"), SubjectName: str("subjectName"),
		SubjectKind: str("subjectKind"), Fact: str("fact"), What: str("what"), Correction: str("correction"),
		Evidence: str("evidence"), Contact: str("contact"), Created: str("created"), Updated: str("updated"),
		ResolvedBy: str("resolvedBy"), Reason: str("reason"), DuplicateOf: str("duplicateOf"), Changeset: str("changeset")}
}

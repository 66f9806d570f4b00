package httpapi_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/httpapi"
	"github.com/cryograph/cryograph/internal/mock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// reportBook is an in-memory report store behind mock.Reports.
type reportBook struct {
	mu      sync.Mutex
	reports map[string]cryo.Report
	created []cryo.ReportRequest
}

func (b *reportBook) mock() *mock.Reports {
	b.reports = map[string]cryo.Report{}
	return &mock.Reports{
		CreateReportFn: func(_ context.Context, req cryo.ReportRequest) (cryo.Report, error) {
			b.mu.Lock()
			defer b.mu.Unlock()
			b.created = append(b.created, req)
			r := cryo.Report{ID: "rep_test" + string(rune('a'+len(b.created))), Status: cryo.ReportOpen, Subject: req.Subject, SubjectKind: "person",
				What: req.What, Correction: req.Correction, Contact: req.Contact, Created: "2026-12-07T10:00:00Z", Updated: "2026-12-07T10:00:00Z"}
			b.reports[r.ID] = r
			return r, nil
		},
		ReportFn: func(_ context.Context, id string) (cryo.Report, error) {
			b.mu.Lock()
			defer b.mu.Unlock()
			r, ok := b.reports[id]
			if !ok {
				return r, cryo.Errorf(cryo.ECodeNotFound, "there is no report %s", id)
			}
			return r, nil
		},
		ReportsFn: func(_ context.Context, q cryo.ReportQuery) (cryo.ReportList, error) {
			b.mu.Lock()
			defer b.mu.Unlock()
			out := cryo.ReportList{Reports: []cryo.Report{}, Limit: q.Limit, Offset: q.Offset}
			for _, r := range b.reports {
				if q.Status == "all" || r.Status == q.Status {
					out.Reports = append(out.Reports, r)
				}
			}
			out.Total = len(out.Reports)
			return out, nil
		},
		DecideReportFn: func(_ context.Context, id string, d cryo.ReportDecision) (cryo.Report, error) {
			b.mu.Lock()
			defer b.mu.Unlock()
			r := b.reports[id]
			r.Status, r.Reason, r.ResolvedBy, r.DuplicateOf = d.Status, d.Reason, d.By, d.DuplicateOf
			b.reports[id] = r
			return r, nil
		},
	}
}

func TestAnAnonymousReaderReportsAndFollowsTheReport(t *testing.T) {
	ts := newTokens()
	book := &reportBook{}
	h := newServer(t, httpapi.Deps{Reports: book.mock(), Tokens: ts.store(), AnonymousRead: true})
	viewer, editor := ts.role(t, cryo.RoleViewer), ts.role(t, cryo.RoleEditor)

	rec := send(t, h, http.MethodPost, "/api/v1/reports", "", "application/json",
		`{"subject":"person:xu_yi","fact":"Affiliation: USST","what":"He moved in 2020","correction":"until 2020","contact":"me@example.org"}`)
	require.Equal(t, http.StatusCreated, rec.Code, rec.Body.String())
	m := decodeMap(t, rec)
	rep := m["report"].(map[string]any)
	assert.Equal(t, "open", rep["status"])
	assert.Nil(t, rep["contact"], "the reporter's contact is for editors only")
	id := rep["id"].(string)
	assert.Equal(t, "/reports/"+id, m["statusUrl"])
	assert.Equal(t, "/api/v1/reports/"+id, rec.Header().Get("Location"))

	rec = get(t, h, "/api/v1/reports/"+id)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Nil(t, decodeMap(t, rec)["contact"], "readers do not see the contact")
	rec = send(t, h, http.MethodGet, "/api/v1/reports/"+id, editor, "", "")
	assert.Equal(t, "me@example.org", decodeMap(t, rec)["contact"], "editors do")

	// The queue and the decisions are for editors.
	assert.Equal(t, http.StatusForbidden, send(t, h, http.MethodGet, "/api/v1/reports", viewer, "", "").Code)
	assert.Equal(t, http.StatusForbidden, send(t, h, http.MethodPost, "/api/v1/reports/"+id+"/reject", viewer, "application/json", `{"reason":"no"}`).Code)
	rec = send(t, h, http.MethodGet, "/api/v1/reports?status=open", editor, "", "")
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.EqualValues(t, 1, decodeMap(t, rec)["total"])

	rec = send(t, h, http.MethodPost, "/api/v1/reports/"+id+"/reject", editor, "application/json", `{}`)
	assert.Equal(t, http.StatusBadRequest, rec.Code, "a rejection needs a reason: %s", rec.Body.String())
	assert.Equal(t, "reason", errorOf(t, rec).Field)
	rec = send(t, h, http.MethodPost, "/api/v1/reports/"+id+"/reject", editor, "application/json", `{"reason":"The source says 2021."}`)
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	assert.Equal(t, "rejected", decodeMap(t, rec)["status"])
	rec = get(t, h, "/api/v1/reports/"+id)
	assert.Equal(t, "The source says 2021.", decodeMap(t, rec)["reason"], "the reporter reads the outcome and why")
	assert.Equal(t, http.StatusNotFound, get(t, h, "/api/v1/reports/rep_nosuchreport").Code)
}

func TestReportsRejectBadInputAndRobots(t *testing.T) {
	book := &reportBook{}
	h := newServer(t, httpapi.Deps{Reports: book.mock(), AnonymousRead: true,
		RateLimits: httpapi.RateLimits{Reports: httpapi.RateLimit{PerSecond: -1}}})
	for _, tt := range []struct{ name, body, field string }{
		{"no subject", `{"what":"x"}`, "subject"},
		{"a subject that is no entity id", `{"subject":"Xu Yi","what":"x"}`, "subject"},
		{"nothing said", `{"subject":"person:xu_yi","what":"   "}`, "what"},
		{"evidence that is not a web address", `{"subject":"person:xu_yi","what":"x","evidence":"javascript:alert(1)"}`, "evidence"},
		{"a filled honeypot", `{"subject":"person:xu_yi","what":"x","website":"http://spam.example"}`, "website"},
		{"too long", `{"subject":"person:xu_yi","what":"` + strings.Repeat("x", cryo.MaxReportText+1) + `"}`, "what"},
		{"an unknown field", `{"subject":"person:xu_yi","what":"x","status":"accepted"}`, "status"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := send(t, h, http.MethodPost, "/api/v1/reports", "", "application/json", tt.body)
			assert.Equal(t, http.StatusBadRequest, rec.Code, rec.Body.String())
		})
	}
	assert.Empty(t, book.created, "nothing invalid is stored")
	rec := send(t, h, http.MethodPost, "/api/v1/reports", "", "application/json", `{"subject":"person:xu_yi","what":"`+strings.Repeat("x", 70<<10)+`"}`)
	assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code, "a report body is capped at 64 KiB")
}

func TestReportsAreRateLimitedPerCaller(t *testing.T) {
	book := &reportBook{}
	h := newServer(t, httpapi.Deps{Reports: book.mock(), AnonymousRead: true})
	body := `{"subject":"person:xu_yi","what":"wrong"}`
	for i := 0; i < httpapi.DefaultReportLimit.Burst; i++ {
		require.Equal(t, http.StatusCreated, send(t, h, http.MethodPost, "/api/v1/reports", "", "application/json", body).Code)
	}
	rec := send(t, h, http.MethodPost, "/api/v1/reports", "", "application/json", body)
	assert.Equal(t, http.StatusTooManyRequests, rec.Code)
	assert.NotEmpty(t, rec.Header().Get("Retry-After"))
	assert.Equal(t, http.StatusOK, get(t, h, "/api/v1/reports/"+"rep_testb").Code, "reading is not limited by the report bucket")
}

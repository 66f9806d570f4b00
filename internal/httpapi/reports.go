package httpapi

// Readers' reports of errors ("Report an error"), and the editors' review queue.

import (
	"context"
	"net/http"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

// Reports stores readers' reports and editors' decisions on them.
type Reports interface {
	CreateReport(ctx context.Context, req cryo.ReportRequest) (cryo.Report, error)
	Report(ctx context.Context, id string) (cryo.Report, error)
	Reports(ctx context.Context, q cryo.ReportQuery) (cryo.ReportList, error)
	DecideReport(ctx context.Context, id string, d cryo.ReportDecision) (cryo.Report, error)
}

// reportLimiter is the report bucket of routes.go: DefaultReportLimit unless configured.
func reportLimiter(l RateLimit) gin.HandlerFunc {
	if l.PerSecond == 0 {
		l = DefaultReportLimit
	}
	return rateLimit(newLimiterSet(l))
}

// POST /api/v1/reports {"subject", "fact", "what", "correction", "evidence", "contact"}: any
// reader, anonymous included. 201 with the report (without the contact) and its status link.
func handleReportCreate(r Reports) gin.HandlerFunc {
	return func(c *gin.Context) {
		var req cryo.ReportRequest
		if err := decodeJSON(c, &req); err != nil {
			_ = c.Error(err)
			return
		}
		if err := req.Validate(); err != nil {
			_ = c.Error(err)
			return
		}
		rep, err := r.CreateReport(c.Request.Context(), req)
		if err != nil {
			_ = c.Error(err)
			return
		}
		c.Header("Location", "/api/v1/reports/"+rep.ID)
		writeJSON(c, http.StatusCreated, gin.H{"report": rep.Public(), "statusUrl": "/reports/" + rep.ID})
	}
}

// GET /api/v1/reports/{id}: the report's status, as its reporter follows it. Editors see the
// contact too.
func handleReportGet(r Reports) gin.HandlerFunc {
	return func(c *gin.Context) {
		rep, err := r.Report(c.Request.Context(), c.Param("id"))
		if err != nil {
			_ = c.Error(err)
			return
		}
		if principalFrom(c).Role < cryo.RoleEditor {
			rep = rep.Public()
		}
		writeJSON(c, http.StatusOK, rep)
	}
}

// GET /api/v1/reports?status=open&limit=&offset=: the review queue (editors).
func handleReportList(r Reports) gin.HandlerFunc {
	return func(c *gin.Context) {
		page, err := pageParams(c)
		if err != nil {
			_ = c.Error(err)
			return
		}
		q := cryo.ReportQuery{Status: c.Query("status"), Page: page}
		if err := q.Validate(); err != nil {
			_ = c.Error(err)
			return
		}
		list, err := r.Reports(c.Request.Context(), q)
		respond(c, list, err)
	}
}

// POST /api/v1/reports/{id}/accept|reject|duplicate: an editor's outcome of an open report.
func handleReportDecide(r Reports, status string) gin.HandlerFunc {
	return func(c *gin.Context) {
		var d cryo.ReportDecision
		if err := decodeJSON(c, &d); err != nil {
			_ = c.Error(err)
			return
		}
		d.Status, d.By = status, c.GetString("actor")
		id := c.Param("id")
		if err := d.Validate(id); err != nil {
			_ = c.Error(err)
			return
		}
		rep, err := r.DecideReport(c.Request.Context(), id, d)
		respond(c, rep, err)
	}
}

package httpapi

import (
	"net/http"

	"github.com/cryograph/cryograph/internal/auth"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

// addRoutes is the whole API on one screen. Every /api/v1 request is authenticated (a token,
// or the anonymous viewer), rate-limited per caller and, when it writes, audited; each group
// then states the role it needs. Bodies are capped, except imports, which have their own cap.
func addRoutes(r *gin.Engine, d Deps) {
	r.GET("/healthz", handleHealthz(d.Version))
	r.GET("/readyz", handleReadyz(d.Ready, d.Health))
	r.GET("/api/openapi.json", handleOpenAPI(d.Spec))
	r.GET("/api/docs", handleDocs(d.Spec))
	if d.metrics != nil {
		r.GET("/metrics", d.metrics.handler(d.MetricsToken)) // off /api/v1: its own guard
	}

	var verifier TokenVerifier = noTokens{}
	if d.Tokens != nil {
		verifier = auth.NewVerifier(newTokenCache(d.Tokens))
	}
	capBody := limitBody(d.MaxBodyBytes)
	failedAuth := d.RateLimits.FailedAuth
	if failedAuth.PerSecond == 0 {
		failedAuth = DefaultFailedAuthLimit
	}
	var failures *limiterSet
	if failedAuth.PerSecond > 0 {
		failures = newLimiterSet(failedAuth)
	}
	v1 := r.Group("/api/v1",
		deadline(RequestDeadline, "/imports", "/ingest/ror", "/ingest/orcid", "/ingest/openalex", "/cypher", "/run"),
		failFast(d.Health),
		authenticate(verifier, d.AnonymousRead, failures),
		rateLimit(newLimiterSet(d.RateLimits.General)),
		auditWrites(d.Auditor, d.Logger))
	// Requests are checked against openapi.yaml once the caller may make them at all, so a
	// caller without the role gets 401/403, not a lesson in the request format.
	valid := validateRequests(d.Spec)

	viewer := v1.Group("", requireRole(cryo.RoleViewer), capBody, valid)
	viewer.GET("/experts", handleExperts(d.Experts))
	viewer.GET("/search", handleSearch(d.Graph))
	viewer.GET("/people/:id", handleProfile(d.Graph, "person"))
	viewer.GET("/people/:id/suggestions", handleSuggestions(d.Graph))
	viewer.GET("/people/:id/publications", handlePublications(d.Graph))
	viewer.GET("/organizations/:id", handleProfile(d.Graph, "organization"))
	viewer.GET("/topics", handleTopics(d.Graph))
	viewer.GET("/topics/:id", handleProfile(d.Graph, "topic"))
	viewer.GET("/paths", handlePaths(d.Graph))
	viewer.GET("/partnerships/map", handlePartnershipMap(d.Graph, d.Version))
	viewer.GET("/partnerships/timeline", handlePartnershipTimeline(d.Graph))
	viewer.GET("/partnerships/:id", handlePartnershipPage(d.Graph))
	viewer.GET("/events/:id", handleEventPage(d.Graph))
	viewer.GET("/resolve", handleResolve(d.Resolver))
	viewer.GET("/duplicates", handleDuplicates(d.Resolver))
	viewer.GET("/merges", handleMerges(d.Merger))
	// Any reader may report an error (a report changes no data by itself) and follow it.
	viewer.POST("/reports", reportLimiter(d.RateLimits.Reports), limitBody(ReportBodyBytes), handleReportCreate(d.Reports))
	viewer.GET("/reports/:id", handleReportGet(d.Reports))
	for _, segment := range []string{"people", "organizations", "topics", "partnerships", "events"} {
		viewer.GET("/"+segment+"/:id/history", handleHistory(d.Changes, segment))
	}
	viewer.GET("/changesets/:id", handleChangeset(d.Changes))

	// Analysts run their own read-only Cypher, under a stricter rate limit of their own.
	addAnalystRoutes(v1.Group("", requireRole(cryo.RoleAnalyst), rateLimit(newLimiterSet(d.RateLimits.Cypher)), capBody, valid), d)

	editor := v1.Group("", requireRole(cryo.RoleEditor))
	editor.POST("/imports", valid, handleImport(d.metrics.sink(d.ImportSink)))                 // capped at MaxImportBytes by the handler
	editor.POST("/ingest/ror", valid, handleIngestROR(d.metrics.sink(d.ImportSink)))           // capped at MaxImportBytes by the handler
	editor.POST("/ingest/openalex", valid, handleIngestOpenAlex(d.metrics.sink(d.ImportSink))) // capped at MaxImportBytes by the handler
	editor.POST("/ingest/orcid", valid, handleIngestORCID(d.metrics.sink(d.ImportSink)))
	editor.POST("/edits", capBody, valid, handleEdit(d.ImportSink))
	editor.GET("/rows/:id", capBody, valid, handleRows(d.Exporter))
	editor.POST("/merges", capBody, valid, handleMerge(d.Merger))
	editor.POST("/merges/:id/undo", capBody, valid, handleUnmerge(d.Merger))
	editor.GET("/reports", capBody, valid, handleReportList(d.Reports))
	editor.POST("/reports/:id/accept", capBody, valid, handleReportDecide(d.Reports, cryo.ReportAccepted))
	editor.POST("/reports/:id/reject", capBody, valid, handleReportDecide(d.Reports, cryo.ReportRejected))
	editor.POST("/reports/:id/duplicate", capBody, valid, handleReportDecide(d.Reports, cryo.ReportDuplicate))
	editor.POST("/changesets/:id/undo", capBody, valid, handleUndo(d.Changes))
	editor.POST("/retractions", capBody, valid, handleRetract(d.Retractor))

	admin := v1.Group("", requireRole(cryo.RoleAdmin), capBody, valid)
	admin.GET("/audit", handleAudit(d.AuditLog))

	r.NoRoute(handleNoRoute(d.UI)) // the web UI for GET and HEAD outside /api; JSON 404s otherwise
	r.NoMethod(func(c *gin.Context) {
		_ = c.Error(apiError(http.StatusMethodNotAllowed, "method_not_allowed", "method "+c.Request.Method+" is not allowed on "+c.Request.URL.Path))
	})
}

// addAnalystRoutes lists the endpoints of the analyst role: the Cypher endpoint and saved
// queries. Handlers that record their own audit entry (a Cypher run, with its row count) call
// markAudited so the write audit does not record them twice.
func addAnalystRoutes(g *gin.RouterGroup, d Deps) {
	g.POST("/cypher", handleCypher(d.Cypher, d.Auditor))
	g.GET("/queries", handleSavedQueryList(d.SavedQueries))
	g.POST("/queries", handleSavedQueryCreate(d.SavedQueries, d.Auditor))
	g.GET("/queries/:name", handleSavedQueryGet(d.SavedQueries))
	g.PUT("/queries/:name", handleSavedQueryUpdate(d.SavedQueries, d.Auditor))
	g.DELETE("/queries/:name", handleSavedQueryDelete(d.SavedQueries, d.Auditor))
	g.POST("/queries/:name/run", handleSavedQueryRun(d.SavedQueries, d.Cypher, d.Auditor))
}

package httpapi

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

func handleHealthz(version string) gin.HandlerFunc {
	return func(c *gin.Context) {
		writeJSON(c, http.StatusOK, gin.H{"status": "ok", "version": version})
	}
}

// handleReadyz answers 200 only when Neo4j answers and no migration is pending.
func handleReadyz(r ReadinessChecker) gin.HandlerFunc {
	return func(c *gin.Context) {
		ctx, cancel := context.WithTimeout(c.Request.Context(), 3*time.Second)
		defer cancel()
		notReady := func(code, msg string) {
			writeJSON(c, http.StatusServiceUnavailable, gin.H{"status": "unavailable",
				"error": ErrorDetail{Code: code, Message: msg, RequestID: c.GetString(requestIDKey)}})
		}
		if err := r.VerifyConnectivity(ctx); err != nil {
			notReady("neo4j_unreachable", "Neo4j cannot be reached: "+cryo.ErrorMessage(err))
			return
		}
		st, err := r.Migrations(ctx)
		if err != nil {
			notReady("migrations_unknown", "cannot read the migration state: "+cryo.ErrorMessage(err))
			return
		}
		if len(st.Pending) > 0 {
			notReady("migrations_pending", "migrations are pending: run `cryograph migrate`")
			return
		}
		writeJSON(c, http.StatusOK, gin.H{"status": "ready", "migrations": st.Applied})
	}
}

// intParam reads an optional integer query parameter, naming it when it is malformed.
func intParam(c *gin.Context, name string, def int) (int, error) {
	s, ok := c.GetQuery(name)
	if !ok || s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, cryo.Invalid(name, "%s must be an integer, got %q", name, s)
	}
	return n, nil
}

func pageParams(c *gin.Context) (cryo.Page, error) {
	limit, err := intParam(c, "limit", cryo.DefaultLimit)
	if err != nil {
		return cryo.Page{}, err
	}
	if limit == 0 { // given explicitly; a missing limit takes the default above
		return cryo.Page{}, cryo.Invalid("limit", "limit must be between 1 and %d", cryo.MaxLimit)
	}
	offset, err := intParam(c, "offset", 0)
	if err != nil {
		return cryo.Page{}, err
	}
	page := cryo.Page{Limit: limit, Offset: offset}
	return page, page.Validate()
}

// handleExperts: GET /api/v1/experts?topic=organ%20preservation&limit=20&offset=0
func handleExperts(f ExpertFinder) gin.HandlerFunc {
	return func(c *gin.Context) {
		page, err := pageParams(c)
		if err != nil {
			_ = c.Error(err)
			return
		}
		q := cryo.ExpertQuery{Topic: c.Query("topic"), Q: c.Query("q"), Country: c.Query("country"),
			Organization: c.Query("organization"), OrgKind: c.Query("orgKind"), Since: c.Query("since"), Page: page}
		if err := q.Validate(); err != nil {
			_ = c.Error(err)
			return
		}
		res, err := f.ExpertsByTopic(c.Request.Context(), q)
		respond(c, res, err)
	}
}

package httpapi

// The analysts' saved queries: stored checked, run through the console like any query.

import (
	"context"
	"net/http"
	"time"

	"github.com/cryograph/cryograph/internal/analyst"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

// SavedQueryStore keeps the saved queries; create and update check the query is read-only.
type SavedQueryStore interface {
	SavedQueries(ctx context.Context) ([]analyst.SavedQuery, error)
	SavedQuery(ctx context.Context, name string) (analyst.SavedQuery, error)
	CreateSavedQuery(ctx context.Context, q analyst.SavedQuery) (analyst.SavedQuery, error)
	UpdateSavedQuery(ctx context.Context, q analyst.SavedQuery) (analyst.SavedQuery, error)
	DeleteSavedQuery(ctx context.Context, name string) error
}

// GET /api/v1/queries
func handleSavedQueryList(s SavedQueryStore) gin.HandlerFunc {
	if s == nil {
		return notConfigured
	}
	return func(c *gin.Context) {
		qs, err := s.SavedQueries(c.Request.Context())
		if err != nil {
			_ = c.Error(err)
			return
		}
		writeJSON(c, http.StatusOK, gin.H{"queries": qs})
	}
}

// GET /api/v1/queries/:name
func handleSavedQueryGet(s SavedQueryStore) gin.HandlerFunc {
	if s == nil {
		return notConfigured
	}
	return func(c *gin.Context) {
		q, err := s.SavedQuery(c.Request.Context(), c.Param("name"))
		if err != nil {
			_ = c.Error(err)
			return
		}
		writeJSON(c, http.StatusOK, q)
	}
}

// savedQueryBody is the body of POST /api/v1/queries and PUT /api/v1/queries/:name.
type savedQueryBody struct {
	Name        string              `json:"name"`
	Description string              `json:"description"`
	Query       string              `json:"query"`
	Params      []analyst.ParamSpec `json:"params"`
}

func actorName(c *gin.Context) string {
	if n := principalFrom(c).Name; n != "" {
		return n
	}
	if n := c.GetString("actor"); n != "" {
		return n
	}
	return cryo.Anonymous.Name
}

// POST /api/v1/queries {"name", "description", "query", "params": [{"name", "type", "description", "default"}]}
func handleSavedQueryCreate(s SavedQueryStore, a Auditor) gin.HandlerFunc {
	if s == nil {
		return notConfigured
	}
	return func(c *gin.Context) {
		rec := &auditRecord{action: "saved_query.create", start: time.Now()}
		defer rec.record(c, a)
		var body savedQueryBody
		if err := decodeJSON(c, &body); err != nil {
			rec.outcome = failCypher(c, err)
			return
		}
		rec.what = body.Name + ": " + body.Query
		q, err := s.CreateSavedQuery(c.Request.Context(), analyst.SavedQuery{Name: body.Name, Description: body.Description,
			Query: body.Query, Params: body.Params, CreatedBy: actorName(c)})
		if err != nil {
			rec.outcome = failCypher(c, err)
			return
		}
		c.Header("Location", "/api/v1/queries/"+q.Name)
		writeJSON(c, http.StatusCreated, q)
	}
}

// PUT /api/v1/queries/:name {"description", "query", "params"}; a name in the body must match.
func handleSavedQueryUpdate(s SavedQueryStore, a Auditor) gin.HandlerFunc {
	if s == nil {
		return notConfigured
	}
	return func(c *gin.Context) {
		rec := &auditRecord{action: "saved_query.update", start: time.Now()}
		defer rec.record(c, a)
		name := c.Param("name")
		rec.what = name
		var body savedQueryBody
		err := decodeJSON(c, &body)
		if err == nil && body.Name != "" && body.Name != name {
			err = cryo.Invalid("name", "the body names %q but the URL names %q; saved queries cannot be renamed", body.Name, name)
		}
		if err != nil {
			rec.outcome = failCypher(c, err)
			return
		}
		rec.what = name + ": " + body.Query
		q, err := s.UpdateSavedQuery(c.Request.Context(), analyst.SavedQuery{Name: name, Description: body.Description,
			Query: body.Query, Params: body.Params, UpdatedBy: actorName(c)})
		if err != nil {
			rec.outcome = failCypher(c, err)
			return
		}
		writeJSON(c, http.StatusOK, q)
	}
}

// DELETE /api/v1/queries/:name
func handleSavedQueryDelete(s SavedQueryStore, a Auditor) gin.HandlerFunc {
	if s == nil {
		return notConfigured
	}
	return func(c *gin.Context) {
		rec := &auditRecord{action: "saved_query.delete", what: c.Param("name"), start: time.Now()}
		defer rec.record(c, a)
		if err := s.DeleteSavedQuery(c.Request.Context(), c.Param("name")); err != nil {
			rec.outcome = failCypher(c, err)
			return
		}
		c.Status(http.StatusNoContent)
		c.Writer.WriteHeaderNow() // so a lost audit record, logged later, cannot turn this into a 500
	}
}

// POST /api/v1/queries/:name/run?format=json|csv {"params", "limit", "timeout"}; the body may
// be empty when the query needs no parameters. The parameters are checked against the
// declared types; the saved text goes through the read-only guard again, like any query.
func handleSavedQueryRun(s SavedQueryStore, r CypherRunner, a Auditor) gin.HandlerFunc {
	if s == nil || r == nil {
		return notConfigured
	}
	return func(c *gin.Context) {
		name := c.Param("name")
		rec := &auditRecord{action: "saved_query.run", what: name, start: time.Now()}
		defer rec.record(c, a)
		var body runBody
		err := decodeOptionalJSON(c, &body)
		if err == nil && body.Query != "" {
			err = cryo.Invalid("query", "a saved query runs its own text; send only params, limit and timeout")
		}
		var req analyst.Request
		if err == nil {
			req, err = body.request()
		}
		format, ferr := resultFormat(c)
		if err == nil {
			err = ferr
		}
		var q analyst.SavedQuery
		if err == nil {
			q, err = s.SavedQuery(c.Request.Context(), name)
		}
		if err == nil {
			req.Query = q.Query
			req.Params, err = analyst.CheckParams(q.Params, body.Params)
		}
		if err != nil {
			rec.outcome = failCypher(c, err)
			return
		}
		runAndWrite(c, r, req, format, name, rec)
	}
}

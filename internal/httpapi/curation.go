package httpapi

// Curation: name resolution, candidate duplicates, merges and their undoing.

import (
	"context"
	"net/http"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

// Resolver proposes which entities a name may mean, and which entities may be one.
type Resolver interface {
	Resolve(ctx context.Context, q cryo.ResolveQuery) ([]cryo.Candidate, error)
	Duplicates(ctx context.Context, kind string, page cryo.Page) (cryo.DuplicateResult, error)
}

// Merger merges entities explicitly and undoes merges.
type Merger interface {
	Merge(ctx context.Context, req cryo.MergeRequest) (cryo.Merge, error)
	Unmerge(ctx context.Context, id, by string) (cryo.Merge, error)
	Merges(ctx context.Context, page cryo.Page) ([]cryo.Merge, error)
}

// GET /api/v1/resolve?name=Gang%20Zhao&kind=person
func handleResolve(r Resolver) gin.HandlerFunc {
	return func(c *gin.Context) {
		limit, err := intParam(c, "limit", 10)
		if err != nil {
			_ = c.Error(err)
			return
		}
		q := cryo.ResolveQuery{Name: c.Query("name"), Kind: c.Query("kind"), Limit: limit}
		if err := q.Validate(); err != nil {
			_ = c.Error(err)
			return
		}
		cands, err := r.Resolve(c.Request.Context(), q)
		if err != nil {
			_ = c.Error(err)
			return
		}
		writeJSON(c, http.StatusOK, gin.H{"name": q.Name, "candidates": cands})
	}
}

// GET /api/v1/duplicates?kind=person&limit=50&offset=0
func handleDuplicates(r Resolver) gin.HandlerFunc {
	return func(c *gin.Context) {
		page, err := pageParams(c)
		if err != nil {
			_ = c.Error(err)
			return
		}
		res, err := r.Duplicates(c.Request.Context(), c.Query("kind"), page)
		respond(c, res, err)
	}
}

// POST /api/v1/merges {"keep", "absorb", "reason"}
func handleMerge(m Merger) gin.HandlerFunc {
	return func(c *gin.Context) {
		var req cryo.MergeRequest
		if err := decodeJSON(c, &req); err != nil {
			_ = c.Error(err)
			return
		}
		if err := req.Validate(); err != nil {
			_ = c.Error(err)
			return
		}
		req.By = c.GetString("actor")
		meta, _ := changeMeta(c, cryo.ChangeMerge, req.Reason, "")
		meta.Comment = req.Reason
		withChange(c, meta)
		res, err := m.Merge(c.Request.Context(), req)
		if err != nil {
			_ = c.Error(err)
			return
		}
		c.Set(changesetKey, meta.ID)
		writeJSON(c, http.StatusCreated, res)
	}
}

// POST /api/v1/merges/:id/undo
func handleUnmerge(m Merger) gin.HandlerFunc {
	return func(c *gin.Context) {
		meta, _ := changeMeta(c, cryo.ChangeUnmerge, "undo merge "+c.Param("id"), "")
		withChange(c, meta)
		res, err := m.Unmerge(c.Request.Context(), c.Param("id"), c.GetString("actor"))
		if err == nil {
			c.Set(changesetKey, meta.ID)
		}
		respond(c, res, err)
	}
}

// GET /api/v1/merges
func handleMerges(m Merger) gin.HandlerFunc {
	return func(c *gin.Context) {
		page, err := pageParams(c)
		if err != nil {
			_ = c.Error(err)
			return
		}
		res, err := m.Merges(c.Request.Context(), page)
		if err != nil {
			_ = c.Error(err)
			return
		}
		writeJSON(c, http.StatusOK, gin.H{"merges": res, "limit": page.Limit, "offset": page.Offset})
	}
}

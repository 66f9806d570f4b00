package httpapi

// Changesets and history: GET /api/v1/{kind}/{id}/history, GET /api/v1/changesets/{id},
// POST /api/v1/changesets/{id}/undo; and the changeset every write through the API records
// (docs/history.md).

import (
	"context"
	"net/http"
	"strings"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

// Changes reads changesets and undoes them: the store.
type Changes interface {
	History(ctx context.Context, kind, id string, page cryo.Page) ([]cryo.Changeset, error)
	Changeset(ctx context.Context, id string, page cryo.Page) (cryo.Changeset, error)
	Undo(ctx context.Context, id string, meta cryo.ChangeMeta) (cryo.Changeset, error)
}

// changesetKey is where a handler leaves the id of the changeset its write recorded, for the
// audit record of the request (auditWrites).
const changesetKey = "changeset"

// historyKinds is the allow-list of the history routes: path segment to kind.
var historyKinds = map[string]string{
	"people": "person", "organizations": "organization", "topics": "topic",
	"partnerships": "partnership", "events": "event",
}

// maxCommentLen bounds a changeset's comment.
const maxCommentLen = 2000

// changeMeta is the changeset a write made through the API records: the token's name and
// role, the comment the caller gave (the comment query parameter, or def), a source.
func changeMeta(c *gin.Context, kind, def, source string) (cryo.ChangeMeta, error) {
	p := principalFrom(c)
	comment := strings.TrimSpace(c.Query("comment"))
	if len(comment) > maxCommentLen {
		return cryo.ChangeMeta{}, cryo.Invalid("comment", "comment must be at most %d bytes", maxCommentLen)
	}
	m := cryo.ChangeMeta{Kind: kind, By: p.Name, Role: p.Role.String(), Comment: comment, Source: source}
	return m.Complete(def), nil
}

// withChange puts the changeset m into the request's context, for the store to record.
func withChange(c *gin.Context, m cryo.ChangeMeta) {
	c.Request = c.Request.WithContext(cryo.WithChange(c.Request.Context(), m))
}

// GET /api/v1/{people|organizations|topics|partnerships|events}/:id/history?limit&offset
func handleHistory(ch Changes, segment string) gin.HandlerFunc {
	kind := historyKinds[segment]
	return func(c *gin.Context) {
		page, err := pageParams(c)
		if err != nil {
			_ = c.Error(err)
			return
		}
		if ch == nil {
			_ = c.Error(notFound("history is not configured on this server"))
			return
		}
		res, err := ch.History(c.Request.Context(), kind, c.Param("id"), page)
		if err != nil {
			_ = c.Error(err)
			return
		}
		writeJSON(c, http.StatusOK, gin.H{"id": c.Param("id"), "kind": kind, "changesets": res, "limit": page.Limit, "offset": page.Offset})
	}
}

// GET /api/v1/changesets/:id?limit&offset (a page of its changes)
func handleChangeset(ch Changes) gin.HandlerFunc {
	return func(c *gin.Context) {
		page, err := pageParams(c)
		if err != nil {
			_ = c.Error(err)
			return
		}
		if ch == nil {
			_ = c.Error(notFound("history is not configured on this server"))
			return
		}
		res, err := ch.Changeset(c.Request.Context(), c.Param("id"), page)
		respond(c, res, err)
	}
}

// undoRequest is the body of an undo: why.
type undoRequest struct {
	Comment string `json:"comment"`
}

// POST /api/v1/changesets/:id/undo {"comment"} (editor)
func handleUndo(ch Changes) gin.HandlerFunc {
	return func(c *gin.Context) {
		var req undoRequest
		if err := decodeJSON(c, &req); err != nil {
			_ = c.Error(err)
			return
		}
		req.Comment = strings.TrimSpace(req.Comment)
		switch {
		case req.Comment == "":
			_ = c.Error(cryo.Invalid("comment", "say why the changeset is undone (comment)"))
			return
		case len(req.Comment) > maxCommentLen:
			_ = c.Error(cryo.Invalid("comment", "comment must be at most %d bytes", maxCommentLen))
			return
		case ch == nil:
			_ = c.Error(notFound("history is not configured on this server"))
			return
		}
		p := principalFrom(c)
		meta := cryo.ChangeMeta{By: p.Name, Role: p.Role.String(), Comment: req.Comment, Source: "undo"}
		res, err := ch.Undo(c.Request.Context(), c.Param("id"), meta)
		if err != nil {
			_ = c.Error(err)
			return
		}
		c.Set(changesetKey, res.ID)
		writeJSON(c, http.StatusCreated, res)
	}
}

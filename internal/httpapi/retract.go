package httpapi

// POST /api/v1/retractions: an editor removes a wrong fact with a reason. The fact leaves the
// queries; its changeset keeps it, in the history, and an undo puts it back.

import (
	"context"
	"net/http"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/format"
	"github.com/gin-gonic/gin"
)

// Retractor removes facts with a changeset.
type Retractor interface {
	Retract(ctx context.Context, r cryo.Retraction, meta cryo.ChangeMeta) (cryo.ChangeMeta, error)
}

// retractable are the relationship types a retraction may remove: the link rows' types
// (format.LinkTypes); a partnership's parties and topics are edited on the partnership.
var retractable = func() map[string]bool {
	m := map[string]bool{}
	for t := range format.LinkTypes {
		m[t] = true
	}
	return m
}()

// POST /api/v1/retractions {"from", "rel", "to", "key", "reason", "report"} (editor): 201 with
// the retraction's changeset.
func handleRetract(r Retractor) gin.HandlerFunc {
	return func(c *gin.Context) {
		var req cryo.Retraction
		if err := decodeJSON(c, &req); err != nil {
			_ = c.Error(err)
			return
		}
		if err := req.Validate(retractable); err != nil {
			_ = c.Error(err)
			return
		}
		if r == nil {
			_ = c.Error(notFound("retractions are not configured on this server"))
			return
		}
		p := principalFrom(c)
		meta, err := r.Retract(c.Request.Context(), req, cryo.ChangeMeta{By: p.Name, Role: p.Role.String(), Comment: req.Reason})
		if meta.ID != "" && err == nil {
			c.Set(changesetKey, meta.ID)
		}
		if err != nil {
			_ = c.Error(err)
			return
		}
		writeJSON(c, http.StatusCreated, meta)
	}
}

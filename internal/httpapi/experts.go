package httpapi

import (
	"context"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

// ExpertFinder answers expert searches.
type ExpertFinder interface {
	ExpertsByTopic(ctx context.Context, q cryo.ExpertQuery) (cryo.ExpertResult, error)
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

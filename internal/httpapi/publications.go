package httpapi

import (
	"context"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

// PublicationLister lists a person's publications, paged and sorted.
type PublicationLister interface {
	Publications(ctx context.Context, q cryo.PublicationQuery) (cryo.PublicationPage, error)
}

// handlePublications: GET /api/v1/people/:id/publications?sort=year|cited|title&limit=20&offset=0
func handlePublications(g PublicationLister) gin.HandlerFunc {
	return func(c *gin.Context) {
		page, err := pageParams(c)
		if err != nil {
			_ = c.Error(err)
			return
		}
		q := cryo.PublicationQuery{Person: c.Param("id"), Sort: c.Query("sort"), Page: page}
		if err := q.Validate(); err != nil {
			_ = c.Error(err)
			return
		}
		res, err := g.Publications(c.Request.Context(), q)
		respond(c, res, err)
	}
}

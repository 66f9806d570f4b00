package httpapi

import (
	"context"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

// PartnershipPageReader reads the page of one partnership.
type PartnershipPageReader interface {
	PartnershipPage(ctx context.Context, id string) (cryo.PartnershipPage, error)
}

// GET /api/v1/partnerships/:id
func handlePartnershipPage(g PartnershipPageReader) gin.HandlerFunc {
	return func(c *gin.Context) {
		res, err := g.PartnershipPage(c.Request.Context(), c.Param("id"))
		respond(c, res, err)
	}
}

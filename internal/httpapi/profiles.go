package httpapi

import (
	"context"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

// ProfileReader reads the profile of a person, an organization or a topic.
type ProfileReader interface {
	Profile(ctx context.Context, kind, id string) (cryo.Profile, error)
}

// GET /api/v1/people/:id, /organizations/:id, /topics/:id
func handleProfile(g ProfileReader, kind string) gin.HandlerFunc {
	return func(c *gin.Context) {
		res, err := g.Profile(c.Request.Context(), kind, c.Param("id"))
		respond(c, res, err)
	}
}

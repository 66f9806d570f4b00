package httpapi

import (
	"context"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

// EventPageReader reads the page of one event.
type EventPageReader interface {
	EventPage(ctx context.Context, id string) (cryo.EventPage, error)
}

// GET /api/v1/events/:id
func handleEventPage(g EventPageReader) gin.HandlerFunc {
	return func(c *gin.Context) {
		res, err := g.EventPage(c.Request.Context(), c.Param("id"))
		respond(c, res, err)
	}
}

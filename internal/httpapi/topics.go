package httpapi

import (
	"context"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

// TopicLister lists the topic tree.
type TopicLister interface {
	Topics(ctx context.Context) ([]cryo.TopicNode, error)
}

// GET /api/v1/topics
func handleTopics(g TopicLister) gin.HandlerFunc {
	return func(c *gin.Context) {
		res, err := g.Topics(c.Request.Context())
		respond(c, gin.H{"topics": res}, err)
	}
}

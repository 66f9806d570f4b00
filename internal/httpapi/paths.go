package httpapi

import (
	"context"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

// PathFinder finds the connections between two entities.
type PathFinder interface {
	Paths(ctx context.Context, q cryo.PathQuery) (cryo.PathResult, error)
}

// GET /api/v1/paths?from=person:a&to=org:b&k=3&maxLength=4&avoidHubs=true&hubDegree=25
func handlePaths(g PathFinder) gin.HandlerFunc {
	return func(c *gin.Context) {
		q := cryo.PathQuery{From: c.Query("from"), To: c.Query("to")}
		var err error
		if q.K, err = intParam(c, "k", 0); err == nil {
			if q.MaxLength, err = intParam(c, "maxLength", 0); err == nil {
				if q.HubDegree, err = intParam(c, "hubDegree", 0); err == nil {
					q.AvoidHubs, err = boolParam(c, "avoidHubs")
				}
			}
		}
		if err == nil {
			err = q.Validate()
		}
		if err != nil {
			_ = c.Error(err)
			return
		}
		res, err := g.Paths(c.Request.Context(), q)
		respond(c, res, err)
	}
}

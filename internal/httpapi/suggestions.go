package httpapi

import (
	"context"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

// SuggestionFinder proposes collaborators for a person.
type SuggestionFinder interface {
	Suggestions(ctx context.Context, q cryo.SuggestionQuery) ([]cryo.Suggestion, error)
}

// GET /api/v1/people/:id/suggestions?topic=&country=&excludeOwnInstitution=true&limit=10
func handleSuggestions(g SuggestionFinder) gin.HandlerFunc {
	return func(c *gin.Context) {
		limit, err := intParam(c, "limit", 10)
		if err != nil {
			_ = c.Error(err)
			return
		}
		exclude := true
		if _, set := c.GetQuery("excludeOwnInstitution"); set {
			if exclude, err = boolParam(c, "excludeOwnInstitution"); err != nil {
				_ = c.Error(err)
				return
			}
		}
		q := cryo.SuggestionQuery{Person: c.Param("id"), Topic: c.Query("topic"), Country: c.Query("country"),
			ExcludeOwnInst: exclude, Limit: limit}
		if err := q.Validate(); err != nil {
			_ = c.Error(err)
			return
		}
		res, err := g.Suggestions(c.Request.Context(), q)
		respond(c, gin.H{"person": q.Person, "suggestions": res}, err)
	}
}

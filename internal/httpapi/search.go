package httpapi

import (
	"context"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

// Searcher answers the search box.
type Searcher interface {
	Search(ctx context.Context, q cryo.SearchQuery) ([]cryo.Node, error)
}

// GET /api/v1/search?q=vitrif&kind=topic&kind=person&limit=10
func handleSearch(g Searcher) gin.HandlerFunc {
	return func(c *gin.Context) {
		limit, err := intParam(c, "limit", 10)
		if err != nil {
			_ = c.Error(err)
			return
		}
		q := cryo.SearchQuery{Text: c.Query("q"), Kinds: c.QueryArray("kind"), Limit: limit}
		if err := q.Validate(); err != nil {
			_ = c.Error(err)
			return
		}
		res, err := g.Search(c.Request.Context(), q)
		respond(c, gin.H{"q": q.Text, "results": res}, err)
	}
}

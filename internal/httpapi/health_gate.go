package httpapi

// Failing fast while Neo4j is down, and a deadline on every request.

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

// DBHealth is the circuit breaker in front of the graph database: Down says Neo4j is known to
// be unreachable (a prober finds out when it is back); Observe feeds it the errors requests
// met. The store implements it.
type DBHealth interface {
	Down() (down bool, since time.Time, reason string)
	Observe(err error)
}

// RequestDeadline bounds every /api/v1 request but imports and Cypher runs (which have their
// own: the import's size, the query's timeout): a request that cannot be answered by then
// gets 503, rather than hanging until the client gives up.
const RequestDeadline = 15 * time.Second

// downRetryAfter is the Retry-After of an answer refused because Neo4j is down: the prober
// looks every 250 ms, so a second later the answer may well be different.
const downRetryAfter = "1"

// failFast answers 503 at once, with Retry-After, while h says Neo4j is down, and feeds h the
// error of every request that went through.
func failFast(h DBHealth) gin.HandlerFunc {
	if h == nil {
		return func(c *gin.Context) { c.Next() }
	}
	return func(c *gin.Context) {
		clientCtx := c.Request.Context()
		if down, since, reason := h.Down(); down {
			c.Header("Retry-After", downRetryAfter)
			_ = c.Error(cryo.Unavailable(fmt.Sprintf("the graph database has been unreachable for %s; CryoGraph checks every 250 ms and answers as soon as it is back",
				time.Since(since).Round(100*time.Millisecond)), fmt.Errorf("neo4j is down: %s", reason)))
			c.Abort()
			return
		}
		c.Next()
		if clientGone(clientCtx, nil) {
			return // what the request met says nothing about Neo4j
		}
		for _, e := range c.Errors {
			h.Observe(e.Err)
		}
	}
}

// deadline gives each request a deadline of d, except the ones whose path ends with one of
// exempt.
func deadline(d time.Duration, exempt ...string) gin.HandlerFunc {
	return func(c *gin.Context) {
		for _, e := range exempt {
			if strings.HasSuffix(c.Request.URL.Path, e) {
				c.Next()
				return
			}
		}
		ctx, cancel := context.WithTimeout(c.Request.Context(), d)
		defer cancel()
		c.Request = c.Request.WithContext(ctx)
		c.Next()
	}
}

// downMessage is /readyz's reason while the breaker says Neo4j is down.
func downMessage(since time.Time, reason string) string {
	return fmt.Sprintf("Neo4j cannot be reached (for %s): %s", time.Since(since).Round(100*time.Millisecond), reason)
}

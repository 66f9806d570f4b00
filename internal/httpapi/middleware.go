package httpapi

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

const requestIDKey = "request_id"

var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// requestID takes a sane X-Request-ID from the client or makes one, and echoes it back.
func requestID() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader("X-Request-ID")
		if !validRequestID.MatchString(id) {
			var b [8]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		c.Set(requestIDKey, id)
		c.Header("X-Request-ID", id)
		c.Next()
	}
}

// apiHeaders marks every answer nosniff, and every answer under /api and of the probes
// no-store: they are per caller (a token's role decides what it sees) and change with every
// import. Handlers that want caching say so themselves (the partnership map: no-cache with
// an ETag), after this has run.
func apiHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		if p := c.Request.URL.Path; strings.HasPrefix(p, "/api/") || p == "/api" || p == "/healthz" || p == "/readyz" {
			h.Set("Cache-Control", "no-store")
		}
		c.Next()
	}
}

// accessLog writes one structured line per request.
func accessLog(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		level := slog.LevelInfo
		if s := c.Writer.Status(); s >= 500 && s != StatusClientClosedRequest {
			level = slog.LevelWarn
		}
		if !log.Enabled(c.Request.Context(), level) {
			return // the line's fields are not even gathered
		}
		log.Log(c.Request.Context(), level, "http",
			"request_id", c.GetString(requestIDKey),
			"method", c.Request.Method,
			"path", c.Request.URL.Path,
			"status", c.Writer.Status(),
			"bytes", c.Writer.Size(),
			"duration_ms", float64(time.Since(start).Microseconds())/1000,
		)
	}
}

// recoverJSON turns a panic into a logged internal error with the usual JSON body.
func recoverJSON(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if p := recover(); p != nil {
				log.ErrorContext(c.Request.Context(), "panic", "panic", fmt.Sprint(p), "request_id", c.GetString(requestIDKey))
				_ = c.Error(fmt.Errorf("panic: %v", p))
				c.Abort()
			}
		}()
		c.Next()
	}
}

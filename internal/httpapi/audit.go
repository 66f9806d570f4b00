package httpapi

// The audit: the middleware that records write requests, and GET /api/v1/audit.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

// Auditor records who did what: every write request, and every Cypher run.
type Auditor interface {
	Audit(ctx context.Context, e cryo.AuditEntry) error
}

// AuditLogReader lists the audit records, newest first.
type AuditLogReader interface {
	AuditLog(ctx context.Context, page cryo.Page) ([]cryo.AuditEntry, error)
}

// writeActions names the audited write endpoints; others are recorded as "METHOD path".
var writeActions = map[string]string{
	"POST /api/v1/imports":             "import",
	"POST /api/v1/merges":              "merge",
	"POST /api/v1/merges/:id/undo":     "unmerge",
	"POST /api/v1/changesets/:id/undo": "undo",
	"POST /api/v1/ingest/ror":          "ingest",
}

const auditedKey = "audited"

// markAudited tells auditWrites that the handler recorded the request itself (as the Cypher
// endpoint does, with the query text and row count), so it is not recorded twice.
func markAudited(c *gin.Context) { c.Set(auditedKey, true) }

// maxAuditBody is how much of a JSON request body an audit record keeps.
const maxAuditBody = 2000

// auditWrites records every POST, PUT, PATCH and DELETE made with a valid token: who, when,
// what (method, path, query and the start of a JSON body), how long, and the outcome, refusals
// included. Requests without a token, and requests turned away by a rate limit, are not
// recorded: neither wrote anything, and a flood of them must not fill the log. A failure to
// record is logged; the caller's answer stands.
func auditWrites(a Auditor, log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		switch c.Request.Method {
		case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		default:
			c.Next()
			return
		}
		if a == nil {
			c.Next()
			return
		}
		start := time.Now()
		var body *recordingBody
		if c.Request.Body != nil && c.Request.Body != http.NoBody {
			body = &recordingBody{ReadCloser: c.Request.Body, keep: isJSON(c.ContentType())}
			c.Request.Body = body
		}
		c.Next()
		p := principalFrom(c)
		outcome := outcomeOf(c) // the status is not written yet: errorResponder, outside, writes it
		if p.TokenID == "" || c.GetBool(auditedKey) || outcome == codeRateLimited {
			return
		}
		route := c.Request.Method + " " + c.FullPath()
		action, ok := writeActions[route]
		if !ok {
			action = route
		}
		what := c.Request.Method + " " + c.Request.URL.RequestURI()
		if body != nil && body.n > 0 {
			if body.keep {
				what += " " + strings.TrimSpace(string(body.head))
				if body.n > int64(len(body.head)) {
					what += "…"
				}
			} else {
				what += fmt.Sprintf(" (%d bytes)", body.n)
			}
		}
		e := cryo.AuditEntry{At: start.UTC(), Who: p.Name, TokenID: p.TokenID, Action: action, What: what,
			Duration: time.Since(start), Outcome: outcome, Changeset: c.GetString(changesetKey)}
		e.Millis = e.Duration.Milliseconds()
		// The client may be gone; the record must still be written.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Request.Context()), 5*time.Second)
		defer cancel()
		if err := a.Audit(ctx, e); err != nil {
			log.ErrorContext(ctx, "audit record lost", "err", err, "action", action, "who", e.Who, "request_id", c.GetString(requestIDKey))
		}
	}
}

// isJSON tells a JSON request (kept in the record) from a file upload such as NDJSON (counted).
func isJSON(ct string) bool { return ct == "application/json" || strings.HasSuffix(ct, "+json") }

// outcomeOf is "ok" or the error code the client was given.
func outcomeOf(c *gin.Context) string {
	if len(c.Errors) > 0 {
		var he *httpError
		if errors.As(c.Errors[0].Err, &he) {
			return he.code
		}
		return cryo.ErrorCode(c.Errors[0].Err)
	}
	if s := c.Writer.Status(); s >= 400 {
		return "http_" + strconv.Itoa(s)
	}
	return "ok"
}

// recordingBody counts what the handler reads and keeps the start of a JSON body.
type recordingBody struct {
	io.ReadCloser
	keep bool
	head []byte
	n    int64
}

func (b *recordingBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.n += int64(n)
	if b.keep {
		if room := maxAuditBody - len(b.head); room > 0 {
			b.head = append(b.head, p[:min(n, room)]...)
		}
	}
	return n, err
}

// GET /api/v1/audit?limit=50&offset=0 (admin)
func handleAudit(l AuditLogReader) gin.HandlerFunc {
	return func(c *gin.Context) {
		page, err := pageParams(c)
		if err != nil {
			_ = c.Error(err)
			return
		}
		if l == nil {
			_ = c.Error(notFound("the audit log is not configured on this server"))
			return
		}
		events, err := l.AuditLog(c.Request.Context(), page)
		if err != nil {
			_ = c.Error(err)
			return
		}
		writeJSON(c, http.StatusOK, gin.H{"events": events, "limit": page.Limit, "offset": page.Offset})
	}
}

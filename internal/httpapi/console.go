package httpapi

// The analysts' Cypher console: POST /api/v1/cypher, its detailed error bodies, the audit
// records its runs write, and the result formats saved-query runs share.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/cryograph/cryograph/internal/analyst"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

// CypherRunner runs analysts' Cypher behind the read-only guard (see internal/analyst).
type CypherRunner interface {
	RunCypher(ctx context.Context, req analyst.Request) (*analyst.Result, error)
}

// cypherStatus maps the console's error codes to statuses. A timeout is 422, not 408: 408
// says the client was too slow to send its request, and clients may repeat a 408 on their
// own, which would start the runaway query again.
var cypherStatus = map[string]int{
	analyst.CodeSyntax:             http.StatusBadRequest,
	analyst.CodeMultipleStatements: http.StatusBadRequest,
	analyst.CodeNotReadOnly:        http.StatusBadRequest,
	analyst.CodeNotAllowed:         http.StatusBadRequest,
	analyst.CodeFailed:             http.StatusBadRequest,
	analyst.CodeTimeout:            http.StatusUnprocessableEntity,
	analyst.CodeMemory:             http.StatusUnprocessableEntity,
	analyst.CodeBusy:               http.StatusTooManyRequests,
	analyst.CodeStuck:              http.StatusServiceUnavailable,
}

// cypherRetryAfter is the Retry-After of the console's refusals that pass with time.
var cypherRetryAfter = map[string]string{analyst.CodeBusy: "1", analyst.CodeStuck: "10"}

// cypherErrorBody is ErrorBody with what an analyst needs to fix a query: Neo4j's status code
// and, for syntax errors, where.
type cypherErrorBody struct {
	Error cypherErrorDetail `json:"error"`
}

type cypherErrorDetail struct {
	Code      string            `json:"code"`
	Message   string            `json:"message"`
	Field     string            `json:"field,omitempty"`
	Neo4jCode string            `json:"neo4jCode,omitempty"`
	Position  *analyst.Position `json:"position,omitempty"`
	RequestID string            `json:"requestId,omitempty"`
}

// failCypher answers a refused or failed query itself, with the details; any other error goes
// to the error middleware. It returns the code the client gets, for the audit record.
func failCypher(c *gin.Context, err error) string {
	var ae *analyst.Error
	if !errors.As(err, &ae) || clientGone(c.Request.Context(), err) {
		_ = c.Error(err)
		c.Abort()
		return cryo.ErrorCode(err)
	}
	status, ok := cypherStatus[ae.Code]
	if !ok {
		status = http.StatusBadRequest
	}
	if secs, ok := cypherRetryAfter[ae.Code]; ok {
		c.Header("Retry-After", secs)
	}
	c.AbortWithStatusJSON(status, cypherErrorBody{Error: cypherErrorDetail{
		Code: ae.Code, Message: ae.Message, Field: "query", Neo4jCode: ae.Neo4jCode, Position: ae.Position,
		RequestID: c.GetString(requestIDKey),
	}})
	return ae.Code
}

// auditRecord is one audit entry a Cypher handler writes itself, with the query and row count.
type auditRecord struct {
	action, what string
	rows         int
	outcome      string
	start        time.Time
}

// record writes the entry once the answer has gone out. The write audit is told not to record
// the request again. A failure to record is logged by the error middleware; the answer stands.
func (r *auditRecord) record(c *gin.Context, a Auditor) {
	markAudited(c)
	if r.action == "cypher" || r.action == "saved_query.run" {
		metricsFrom(c).consoleRun(r.outcome)
	}
	if a == nil {
		return
	}
	p := principalFrom(c)
	who := p.Name
	if who == "" {
		who = c.GetString("actor")
	}
	if who == "" {
		who = cryo.Anonymous.Name
	}
	if r.outcome == "" {
		r.outcome = "ok"
	}
	d := time.Since(r.start)
	e := cryo.AuditEntry{At: r.start.UTC(), Who: who, TokenID: p.TokenID, Action: r.action, What: r.what,
		Duration: d, Millis: d.Milliseconds(), Rows: r.rows, Outcome: r.outcome}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(c.Request.Context()), 5*time.Second)
	defer cancel()
	if err := a.Audit(ctx, e); err != nil {
		_ = c.Error(errors.New("audit record lost: " + err.Error()))
	}
}

// runBody is the body of POST /api/v1/cypher (with query) and of POST
// /api/v1/queries/:name/run (without).
type runBody struct {
	Query   string          `json:"query"`
	Params  json.RawMessage `json:"params"`
	Limit   *int            `json:"limit"`
	Timeout json.RawMessage `json:"timeout"`
}

func (b runBody) request() (analyst.Request, error) {
	req := analyst.Request{Query: b.Query}
	if b.Limit != nil {
		if *b.Limit < 1 || *b.Limit > analyst.MaxRowLimit {
			return req, cryo.Invalid("limit", "limit must be between 1 and %d, got %d", analyst.MaxRowLimit, *b.Limit)
		}
		req.Limit = *b.Limit
	}
	var err error
	req.Timeout, err = analyst.ParseTimeout(b.Timeout)
	return req, err
}

// resultFormat is "json" (the default) or "csv", from ?format= or else the Accept header.
func resultFormat(c *gin.Context) (string, error) {
	switch f := strings.ToLower(c.Query("format")); f {
	case "json", "csv":
		return f, nil
	case "":
		if strings.Contains(c.GetHeader("Accept"), "text/csv") {
			return "csv", nil
		}
		return "json", nil
	default:
		return "", cryo.Invalid("format", "format must be json or csv, got %q", f)
	}
}

// writeResult answers with the result as JSON, or as CSV named name.csv. A cut-short CSV says
// so in the X-Cryograph-Truncated header, since the file has no room for it.
func writeResult(c *gin.Context, res *analyst.Result, format, name string) {
	if format != "csv" {
		writeJSON(c, http.StatusOK, res)
		return
	}
	var buf bytes.Buffer
	if err := analyst.WriteCSV(&buf, res); err != nil {
		_ = c.Error(err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="`+name+`.csv"`)
	c.Header("X-Cryograph-Rows", strconv.Itoa(res.Stats.Rows))
	if res.Truncated {
		c.Header("X-Cryograph-Truncated", res.TruncatedReason)
	}
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// notConfigured answers 404 for the analyst endpoints of a server built without their store.
func notConfigured(c *gin.Context) {
	_ = c.Error(notFound("the Cypher console and saved queries are not configured on this server"))
	c.Abort()
}

// POST /api/v1/cypher?format=json|csv {"query", "params", "limit", "timeout"}
func handleCypher(r CypherRunner, a Auditor) gin.HandlerFunc {
	if r == nil {
		return notConfigured
	}
	return func(c *gin.Context) {
		rec := &auditRecord{action: "cypher", start: time.Now()}
		defer rec.record(c, a)
		var body runBody
		err := decodeJSON(c, &body)
		rec.what = body.Query
		var req analyst.Request
		if err == nil {
			req, err = body.request()
		}
		if err == nil {
			req.Params, err = analyst.DecodeParams(body.Params)
		}
		format, ferr := resultFormat(c)
		if err == nil {
			err = ferr
		}
		if err != nil {
			rec.outcome = failCypher(c, err)
			return
		}
		runAndWrite(c, r, req, format, "cypher", rec)
	}
}

// runAndWrite runs a checked request and writes its result, recording the row count (or the
// failure) for the audit entry; the console and saved-query runs share it.
func runAndWrite(c *gin.Context, r CypherRunner, req analyst.Request, format, name string, rec *auditRecord) {
	res, err := r.RunCypher(c.Request.Context(), req)
	if err != nil {
		rec.outcome = failCypher(c, err)
		return
	}
	rec.rows = res.Stats.Rows
	writeResult(c, res, format, name)
}

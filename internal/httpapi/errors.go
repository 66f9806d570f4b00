package httpapi

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

// ErrorBody is the one shape of every error response.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail carries a stable code, a message for humans and, for bad input, the field.
type ErrorDetail struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	Field     string `json:"field,omitempty"`
	RequestID string `json:"requestId,omitempty"`
}

// httpError is an error decided by the HTTP layer itself (404 route, 405, bad JSON, ...).
type httpError struct {
	status int
	code   string
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func apiError(status int, code, msg string) error { return &httpError{status, code, msg} }

func notFound(msg string) error { return apiError(http.StatusNotFound, cryo.ECodeNotFound, msg) }

var statusOf = map[string]int{
	cryo.ECodeInvalid:       http.StatusBadRequest,
	cryo.ECodeNotFound:      http.StatusNotFound,
	cryo.ECodeConflict:      http.StatusConflict,
	cryo.ECodeUnavailable:   http.StatusServiceUnavailable,
	cryo.ECodeInternal:      http.StatusInternalServerError,
	cryo.ECodeUndoConflict:  http.StatusConflict,
	cryo.ECodeAlreadyUndone: http.StatusConflict,
}

// errorResponder turns the first error a handler recorded into the JSON error body. It is the
// only place that maps errors to statuses, and it logs only server-side failures.
func errorResponder(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		// The client's own context: handlers may put a request with a deadline of their own
		// (canceled when they return) in its place.
		clientCtx := c.Request.Context()
		c.Next()
		if len(c.Errors) == 0 {
			return
		}
		err := c.Errors[0].Err
		if clientGone(clientCtx, err) {
			// The client hung up: nobody reads an answer, and it is no failure of the server.
			// 499 (nginx's "client closed request") tells the logs and metrics so.
			log.InfoContext(c.Request.Context(), "request canceled by the client", "path", c.Request.URL.Path,
				"request_id", c.GetString(requestIDKey), "err", err)
			if !c.Writer.Written() {
				c.AbortWithStatus(StatusClientClosedRequest)
			}
			return
		}
		status, detail := describe(err)
		detail.RequestID = c.GetString(requestIDKey)
		body := ErrorBody{Error: detail}
		if status >= 500 {
			log.ErrorContext(c.Request.Context(), "request failed", "status", status, "err", err, "request_id", body.Error.RequestID)
		}
		if c.Writer.Written() {
			return
		}
		if status == http.StatusServiceUnavailable && c.Writer.Header().Get("Retry-After") == "" {
			c.Header("Retry-After", "5")
		}
		c.AbortWithStatusJSON(status, body)
	}
}

// describe maps an error to its status and the JSON error detail (without the request id):
// the one mapping, which errorResponder and the handlers that answer an error with more than
// the error (an import's report) share. A 500's message never shows its cause.
func describe(err error) (int, ErrorDetail) {
	var d ErrorDetail
	status := http.StatusInternalServerError
	var he *httpError
	var de *cryo.Error
	switch {
	case errors.As(err, &he):
		status, d.Code, d.Message = he.status, he.code, he.msg
	case errors.As(err, &de):
		status = statusOf[de.Code]
		if status == 0 {
			status = http.StatusInternalServerError
		}
		d.Code, d.Message, d.Field = de.Code, cryo.ErrorMessage(err), de.Field
		if hint := routeHint(err); hint != "" {
			d.Message += "; " + hint
		}
	default:
		d.Code, d.Message = cryo.ECodeInternal, cryo.ErrorMessage(err)
	}
	return status, d
}

// StatusClientClosedRequest is the status logged (and counted) for a request whose client
// hung up before the answer: nginx's 499. It never reaches a client.
const StatusClientClosedRequest = 499

// clientGone says whether err is the consequence of the client hanging up: ctx is the
// request's context as the server made it, canceled when the client goes.
func clientGone(ctx context.Context, err error) bool {
	return errors.Is(ctx.Err(), context.Canceled)
}

// routeHint names the endpoint that helps after a domain error, to finish its message: the
// store knows what went wrong, only this layer knows the routes.
func routeHint(err error) string {
	switch {
	case errors.Is(err, cryo.ErrTopicNotFound):
		return "GET /api/v1/topics lists them"
	case errors.Is(err, cryo.ErrSavedQueryExists):
		return "change it with PUT /api/v1/queries/" + cryo.NameOf(err)
	}
	return ""
}

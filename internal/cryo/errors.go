// Package cryo holds CryoGraph's domain: the types the API speaks about and the errors every
// layer shares. It knows nothing of HTTP or Neo4j.
package cryo

import (
	"errors"
	"fmt"
	"strconv"
)

// Error codes. They are part of the public API: clients switch on them.
const (
	ECodeInvalid     = "invalid_argument"
	ECodeNotFound    = "not_found"
	ECodeConflict    = "conflict"
	ECodeUnavailable = "unavailable"
	ECodeInternal    = "internal"
)

// Sentinels an Error wraps (as its Err) when its callers may want to say more than its
// message: the HTTP layer, for one, names the endpoint that helps next. errors.Is finds them.
var (
	// ErrTopicNotFound: an expert search named a topic the graph does not hold.
	ErrTopicNotFound = errors.New("topic not found")
	// ErrSavedQueryExists: a saved query of the name given exists already.
	ErrSavedQueryExists = errors.New("saved query exists")
)

// Named attaches the name of what it is about to a sentinel: errors.Is(Named(s, n), s) holds
// and NameOf(Named(s, n)) is n.
func Named(sentinel error, name string) error { return &namedError{sentinel, name} }

// NameOf returns the name Named attached to an error in err's chain, or "".
func NameOf(err error) string {
	var n *namedError
	if errors.As(err, &n) {
		return n.name
	}
	return ""
}

type namedError struct {
	sentinel error
	name     string
}

func (e *namedError) Error() string { return e.sentinel.Error() + ": " + strconv.Quote(e.name) }

func (e *namedError) Unwrap() error { return e.sentinel }

// Error is a domain error with a stable code and a message safe to show to users.
type Error struct {
	Code    string
	Message string
	// Field names the faulty input, when there is one.
	Field string
	// Err is the cause; it is logged, never shown.
	Err error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Code + ": " + e.Message + ": " + e.Err.Error()
	}
	return e.Code + ": " + e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid reports a bad value of one input field.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: ECodeInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Unavailable wraps a failure to reach a dependency such as Neo4j.
func Unavailable(msg string, cause error) *Error {
	return &Error{Code: ECodeUnavailable, Message: msg, Err: cause}
}

// ErrorCode returns the code of the first *Error in err's chain, or ECodeInternal.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ECodeInternal
}

// ErrorMessage returns a message safe to show: the domain message, or a generic one for
// internal errors, whose details must not leak.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != ECodeInternal {
		return e.Message
	}
	return "an internal error occurred; it has been logged"
}

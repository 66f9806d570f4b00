package analyst

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cryograph/cryograph/internal/cryo"
)

// The limits of one run. The timeout is enforced by Neo4j (a transaction timeout), so a
// runaway query is stopped on the server, not just abandoned by the client.
const (
	DefaultRowLimit = 1000
	MaxRowLimit     = 10000
	DefaultTimeout  = 10 * time.Second
	MaxTimeout      = 60 * time.Second
	// DefaultMaxBytes caps the encoded JSON of the rows and the graph view of one answer.
	DefaultMaxBytes = 10 << 20
	// MaxQueryLength bounds the query text, in bytes.
	MaxQueryLength = 100_000
)

// Request is one run of an analyst's query.
type Request struct {
	Query string
	// Params are the query's parameters as driver-neutral Go values: nil, bool, int64,
	// float64, string, Temporal (date, datetime), []any and map[string]any.
	Params map[string]any
	// Limit is the row cap: 0 means DefaultRowLimit.
	Limit int
	// Timeout is the server-side transaction timeout: 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxBytes is the byte cap: 0 means DefaultMaxBytes.
	MaxBytes int
}

// Normalize fills in the defaults and checks the limits, naming the faulty field.
func (r *Request) Normalize() error {
	switch {
	case strings.TrimSpace(r.Query) == "":
		return cryo.Invalid("query", "query is required")
	case len(r.Query) > MaxQueryLength:
		return cryo.Invalid("query", "the query is %d bytes long; at most %d are allowed", len(r.Query), MaxQueryLength)
	case !utf8.ValidString(r.Query):
		return cryo.Invalid("query", "the query is not valid UTF-8")
	}
	if r.Limit == 0 {
		r.Limit = DefaultRowLimit
	}
	if r.Limit < 1 || r.Limit > MaxRowLimit {
		return cryo.Invalid("limit", "limit must be between 1 and %d, got %d", MaxRowLimit, r.Limit)
	}
	if r.Timeout == 0 {
		r.Timeout = DefaultTimeout
	}
	if r.Timeout < time.Millisecond || r.Timeout > MaxTimeout {
		return cryo.Invalid("timeout", "timeout must be between 1ms and %s, got %s", MaxTimeout, r.Timeout)
	}
	if r.MaxBytes <= 0 {
		r.MaxBytes = DefaultMaxBytes
	}
	if r.Params == nil {
		r.Params = map[string]any{}
	}
	return nil
}

// ParseTimeout reads a JSON timeout: a number of seconds (2, 0.5) or a Go duration string
// ("2s", "1500ms"). An absent or null value is 0, the default.
func ParseTimeout(raw json.RawMessage) (time.Duration, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return 0, nil
	}
	var secs float64
	if err := json.Unmarshal(raw, &secs); err == nil {
		if secs <= 0 || math.IsInf(secs, 0) || secs > MaxTimeout.Seconds() {
			return 0, cryo.Invalid("timeout", "timeout must be more than 0 and at most %g seconds, got %s", MaxTimeout.Seconds(), raw)
		}
		return time.Duration(secs * float64(time.Second)), nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return 0, cryo.Invalid("timeout", "timeout must be a number of seconds or a duration such as \"2s\", got %s", raw)
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, cryo.Invalid("timeout", "timeout must be a number of seconds or a duration such as \"2s\", got %q", s)
	}
	return d, nil
}

// DecodeParams reads the parameters of an ad-hoc query: a JSON object whose values become
// Cypher values as they are: integers (numbers without a fraction or exponent) become
// INTEGER, other numbers FLOAT, arrays LIST, objects MAP. Parameters are always data, never
// Cypher: they are sent to Neo4j separately from the query text.
func DecodeParams(raw json.RawMessage) (map[string]any, error) {
	out := map[string]any{}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return out, nil
	}
	if raw[0] != '{' {
		return nil, cryo.Invalid("params", "params must be a JSON object of parameter names to values")
	}
	v, err := decodeNumbers(raw)
	if err != nil {
		return nil, cryo.Invalid("params", "params are not valid JSON: %v", err)
	}
	for k, x := range v.(map[string]any) {
		p, err := plainValue(x)
		if err != nil {
			return nil, cryo.Invalid("params."+k, "parameter %q: %v", k, err)
		}
		out[k] = p
	}
	return out, nil
}

// decodeNumbers decodes JSON keeping numbers as json.Number, so integers stay integers.
func decodeNumbers(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("unexpected data after the value")
	}
	return v, nil
}

func plainValue(v any) (any, error) {
	switch x := v.(type) {
	case json.Number:
		return number(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			p, err := plainValue(e)
			if err != nil {
				return nil, err
			}
			out[i] = p
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			p, err := plainValue(e)
			if err != nil {
				return nil, err
			}
			out[k] = p
		}
		return out, nil
	}
	return v, nil
}

// number turns a JSON number into int64 when it is written as an integer, else float64.
func number(n json.Number) (any, error) {
	s := n.String()
	if !strings.ContainsAny(s, ".eE") {
		i, err := n.Int64()
		if err != nil {
			return nil, fmt.Errorf("%s does not fit a 64-bit integer", s)
		}
		return i, nil
	}
	f, err := n.Float64()
	if err != nil || math.IsInf(f, 0) {
		return nil, fmt.Errorf("%s is not a finite 64-bit float", s)
	}
	return f, nil
}

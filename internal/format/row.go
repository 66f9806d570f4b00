package format

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
)

// NodeOp upserts one node keyed on its id.
type NodeOp struct {
	Line    int
	ID      string
	Label   string
	Props   map[string]any
	Sources []string
}

// LinkOp upserts one relationship keyed on (from, type, to, key).
type LinkOp struct {
	Line  int
	Rel   string
	From  string
	To    string
	Key   string
	Props map[string]any
}

// Ref is a reference from a row to another entity, checked once every row is read.
type Ref struct {
	Line   int
	Field  string
	ID     string
	Labels map[string]bool // acceptable labels; nil means any
}

// Parsed is what one line of the file turns into.
type Parsed struct {
	Nodes []NodeOp
	Links []LinkOp
	Refs  []Ref
	// Merge is set by a merge row (merge.go).
	Merge *MergeOp
}

// FieldError is a validation failure inside one row: the field and why.
type FieldError struct{ Field, Reason string }

func (e FieldError) Error() string { return e.Field + ": " + e.Reason }

// row gives typed, validating access to one decoded JSON object.
type row struct {
	m    map[string]any
	used map[string]bool
	errs []FieldError
}

func newRow(m map[string]any) *row { return &row{m: m, used: map[string]bool{}} }

func (r *row) fail(field, format string, args ...any) {
	r.errs = append(r.errs, FieldError{field, fmt.Sprintf(format, args...)})
}

// rejectUnused fails every field of the row that no accessor read.
func (r *row) rejectUnused(what string) {
	for k := range r.m {
		if !r.used[k] {
			r.fail(k, "is not a field of %s", what)
		}
	}
}

// failInto copies the row's errors into parent, under the field prefix (an item of a list).
func (r *row) failInto(parent *row, prefix string) {
	for _, e := range r.errs {
		parent.fail(prefix+"."+e.Field, "%s", e.Reason)
	}
}

func (r *row) str(field string, required bool) string {
	r.used[field] = true
	v, ok := r.m[field]
	if !ok || v == nil {
		if required {
			r.fail(field, "is required")
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		r.fail(field, "must be a string")
		return ""
	}
	s = strings.TrimSpace(s)
	if required && s == "" {
		r.fail(field, "must not be empty")
	}
	if len(s) > 10000 {
		r.fail(field, "is longer than 10000 characters")
	}
	return s
}

func (r *row) enum(field string, allowed map[string]bool, required bool) string {
	s := r.str(field, required)
	if s != "" && !allowed[s] {
		r.fail(field, "%q is not one of %s", s, strings.Join(Keys(allowed), ", "))
	}
	return s
}

func (r *row) date(field string) string {
	s := r.str(field, false)
	if s != "" && !isDate(s) {
		r.fail(field, "%q is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD", s)
		return "" // so no later check (end before start) blames another field for it
	}
	if why := impossibleDate(s); why != "" {
		r.fail(field, "%q is not a date: %s", s, why)
		return ""
	}
	return s
}

func (r *row) id(field string, required bool) string {
	s := r.str(field, required)
	if s != "" && !isID(s) {
		r.fail(field, "%q is not an id of the form kind:name (letters, digits, _ . - : /)", s)
	}
	return s
}

func (r *row) boolean(field string) bool {
	r.used[field] = true
	v, ok := r.m[field]
	if !ok || v == nil {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		r.fail(field, "must be true or false")
	}
	return b
}

func (r *row) number(field string, lo, hi float64) (float64, bool) {
	r.used[field] = true
	v, ok := r.m[field]
	if !ok || v == nil {
		return 0, false
	}
	n, ok := v.(json.Number)
	if !ok {
		r.fail(field, "must be a number")
		return 0, false
	}
	f, err := n.Float64()
	if err != nil || math.IsNaN(f) || f < lo || f > hi {
		r.fail(field, "must be a number between %g and %g", lo, hi)
		return 0, false
	}
	return f, true
}

// nonNegative reads a number >= 0, such as an amount of money.
func (r *row) nonNegative(field string) (float64, bool) {
	r.used[field] = true
	v, ok := r.m[field]
	if !ok || v == nil {
		return 0, false
	}
	n, ok := v.(json.Number)
	f, err := n.Float64()
	if !ok || err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		r.fail(field, "must be a number, such as 250000 or 1.5e6")
		return 0, false
	}
	if f < 0 {
		r.fail(field, "must not be negative (%s)", n)
		return 0, false
	}
	return f, true
}

// integer reads a whole number in [lo, hi], such as a year or a count of citations.
func (r *row) integer(field string, lo, hi int64) (int64, bool) {
	r.used[field] = true
	v, ok := r.m[field]
	if !ok || v == nil {
		return 0, false
	}
	n, ok := v.(json.Number)
	i, err := n.Int64()
	if !ok || err != nil || i < lo || i > hi {
		r.fail(field, "must be a whole number between %d and %d, not %v", lo, hi, v)
		return 0, false
	}
	return i, true
}

// positive reads an integer >= 1, such as an author's position.
func (r *row) positive(field string) (int64, bool) {
	r.used[field] = true
	v, ok := r.m[field]
	if !ok || v == nil {
		return 0, false
	}
	n, ok := v.(json.Number)
	i, err := n.Int64()
	if !ok || err != nil || i < 1 {
		r.fail(field, "must be a whole number of at least 1 (1 for the first), not %v", v)
		return 0, false
	}
	return i, true
}

func (r *row) strings(field string) []string {
	r.used[field] = true
	v, ok := r.m[field]
	if !ok || v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		r.fail(field, "must be a list of strings")
		return nil
	}
	out := make([]string, 0, len(list))
	seen := map[string]bool{}
	for i, item := range list {
		s, ok := item.(string)
		if !ok {
			r.fail(field, "item %d must be a string", i)
			continue
		}
		s = strings.TrimSpace(s)
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func (r *row) ids(field string, required bool) []string {
	list := r.strings(field)
	if required && len(list) == 0 {
		r.fail(field, "needs at least one id")
	}
	for _, s := range list {
		if !isID(s) {
			r.fail(field, "%q is not an id of the form kind:name", s)
		}
	}
	return list
}

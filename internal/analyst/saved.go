package analyst

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
)

// SavedQuery is a named, described, parameterised read-only query kept in the graph as
// (:SavedQuery) for analysts to share and run.
type SavedQuery struct {
	Name        string      `json:"name"`
	Description string      `json:"description"`
	Query       string      `json:"query"`
	Params      []ParamSpec `json:"params"`
	CreatedBy   string      `json:"createdBy,omitempty"`
	CreatedAt   time.Time   `json:"createdAt"`
	UpdatedBy   string      `json:"updatedBy,omitempty"`
	UpdatedAt   time.Time   `json:"updatedAt"`
}

// ParamSpec declares one parameter of a saved query. A parameter with a default is optional;
// one without must be given. "default": null makes a parameter optional with null.
type ParamSpec struct {
	Name        string          `json:"name"`
	Type        string          `json:"type"`
	Description string          `json:"description,omitempty"`
	Default     json.RawMessage `json:"default,omitempty"`
}

// ParamTypes are the scalar types a parameter may declare; each may also be a list:
// "list<string>", "list<integer>", ...
var ParamTypes = []string{"string", "integer", "float", "boolean", "date", "datetime"}

var (
	savedQueryName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)
	paramName      = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)
)

// Lengths a saved query may have.
const (
	MaxDescriptionLength = 2000
	MaxParams            = 30
)

// ValidName checks a saved query's name: lower-case letters, digits and hyphens, as it
// appears in URLs (/api/v1/queries/labs-by-topic-and-country).
func ValidName(name string) error {
	if !savedQueryName.MatchString(name) {
		return cryo.Invalid("name", "name must be 1 to 64 lower-case letters, digits and hyphens, starting with a letter or digit; got %q", name)
	}
	return nil
}

// Validate checks a saved query before it is stored and puts its parameter types in their
// canonical form. Whether the query is read-only is for the store to ask Neo4j.
func (q *SavedQuery) Validate() error {
	if err := ValidName(q.Name); err != nil {
		return err
	}
	if len(q.Description) > MaxDescriptionLength {
		return cryo.Invalid("description", "description must be at most %d bytes", MaxDescriptionLength)
	}
	r := Request{Query: q.Query}
	if err := r.Normalize(); err != nil {
		return err
	}
	if len(q.Params) > MaxParams {
		return cryo.Invalid("params", "a saved query may declare at most %d parameters", MaxParams)
	}
	if q.Params == nil {
		q.Params = []ParamSpec{}
	}
	seen := map[string]bool{}
	for i := range q.Params {
		p := &q.Params[i]
		field := fmt.Sprintf("params[%d]", i)
		if !paramName.MatchString(p.Name) {
			return cryo.Invalid(field+".name", "parameter name %q is not a Cypher parameter name (letters, digits, _)", p.Name)
		}
		if seen[p.Name] {
			return cryo.Invalid(field+".name", "parameter %q is declared twice", p.Name)
		}
		seen[p.Name] = true
		t, err := parseType(p.Type)
		if err != nil {
			return cryo.Invalid(field+".type", "parameter %q: %v", p.Name, err)
		}
		p.Type = t.String()
		if len(p.Description) > MaxDescriptionLength {
			return cryo.Invalid(field+".description", "parameter %q: description must be at most %d bytes", p.Name, MaxDescriptionLength)
		}
		if p.Default != nil {
			p.Default = json.RawMessage(bytes.TrimSpace(p.Default))
			if _, err := t.convert(p.Name, p.Default); err != nil {
				return cryo.Invalid(field+".default", "the default of parameter %q: %s", p.Name, cryo.ErrorMessage(err))
			}
		}
	}
	return nil
}

// CheckParams checks the parameters given to a saved query against its declarations and
// converts them to Cypher values. Each fault is a 400 naming the parameter: an unknown
// parameter, a missing one without a default, or a value of the wrong type.
func CheckParams(specs []ParamSpec, raw json.RawMessage) (map[string]any, error) {
	given := map[string]json.RawMessage{}
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && string(raw) != "null" {
		if raw[0] != '{' {
			return nil, cryo.Invalid("params", "params must be a JSON object of parameter names to values")
		}
		if err := json.Unmarshal(raw, &given); err != nil {
			return nil, cryo.Invalid("params", "params are not valid JSON: %v", err)
		}
	}
	declared := map[string]bool{}
	out := make(map[string]any, len(specs))
	for _, s := range specs {
		declared[s.Name] = true
		t, err := parseType(s.Type)
		if err != nil {
			return nil, fmt.Errorf("saved query parameter %q: %w", s.Name, err)
		}
		v, ok := given[s.Name]
		if !ok {
			if s.Default == nil {
				return nil, cryo.Invalid("params."+s.Name, "parameter %q (%s) is required", s.Name, t)
			}
			v = s.Default
		} else if string(bytes.TrimSpace(v)) == "null" && s.Default == nil {
			return nil, cryo.Invalid("params."+s.Name, "parameter %q (%s) is required and may not be null", s.Name, t)
		}
		x, err := t.convert(s.Name, v)
		if err != nil {
			return nil, err
		}
		out[s.Name] = x
	}
	for name := range given {
		if !declared[name] {
			return nil, cryo.Invalid("params."+name, "parameter %q is not declared by this saved query (declared: %s)", name, declaredNames(specs))
		}
	}
	return out, nil
}

// SampleParams gives every declared parameter a value of its type, so Neo4j can EXPLAIN the
// query and say which parameters it uses that are not declared.
func SampleParams(specs []ParamSpec) map[string]any {
	out := make(map[string]any, len(specs))
	for _, s := range specs {
		t, err := parseType(s.Type)
		if err != nil {
			continue
		}
		v := t.sample()
		if t.list {
			v = []any{v}
		}
		out[s.Name] = v
	}
	return out
}

func declaredNames(specs []ParamSpec) string {
	if len(specs) == 0 {
		return "none"
	}
	names := make([]string, len(specs))
	for i, s := range specs {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}

type paramType struct {
	list bool
	elem string
}

func (t paramType) String() string {
	if t.list {
		return "list<" + t.elem + ">"
	}
	return t.elem
}

func parseType(s string) (paramType, error) {
	norm := strings.ToLower(strings.Join(strings.Fields(s), ""))
	var t paramType
	if inner, ok := strings.CutPrefix(norm, "list<"); ok && strings.HasSuffix(inner, ">") {
		t.list, norm = true, strings.TrimSuffix(inner, ">")
	}
	switch norm {
	case "int":
		norm = "integer"
	case "bool":
		norm = "boolean"
	}
	for _, k := range ParamTypes {
		if norm == k {
			t.elem = k
			return t, nil
		}
	}
	return t, fmt.Errorf("unknown type %q; use one of %s, or list<...> of one of them", s, strings.Join(ParamTypes, ", "))
}

func (t paramType) sample() any {
	switch t.elem {
	case "string":
		return ""
	case "integer":
		return int64(0)
	case "float":
		return 0.0
	case "boolean":
		return false
	case "date":
		d := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
		return Temporal{Kind: KindDate, Value: FormatDate(d), at: d}
	default:
		d := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
		return Temporal{Kind: KindDateTime, Value: FormatDateTime(d, ""), at: d}
	}
}

// convert checks one JSON value against the type and returns it as a Cypher value.
func (t paramType) convert(name string, raw json.RawMessage) (any, error) {
	v, err := decodeNumbers(raw)
	if err != nil {
		return nil, cryo.Invalid("params."+name, "parameter %q is not valid JSON: %v", name, err)
	}
	if v == nil {
		return nil, nil // null: allowed for optional parameters only (CheckParams)
	}
	if !t.list {
		return scalar(name, name, t.elem, v)
	}
	items, ok := v.([]any)
	if !ok {
		return nil, cryo.Invalid("params."+name, "parameter %q must be a %s (a JSON array), got %s", name, t, describe(v))
	}
	out := make([]any, len(items))
	for i, e := range items {
		x, err := scalar(name, fmt.Sprintf("%s[%d]", name, i), t.elem, e)
		if err != nil {
			return nil, err
		}
		out[i] = x
	}
	return out, nil
}

func scalar(name, where, elem string, v any) (any, error) {
	bad := func(want string) error {
		return cryo.Invalid("params."+name, "parameter %q: %s must be %s, got %s", name, where, want, describe(v))
	}
	switch elem {
	case "string":
		if s, ok := v.(string); ok {
			return s, nil
		}
		return nil, bad("a string")
	case "boolean":
		if b, ok := v.(bool); ok {
			return b, nil
		}
		return nil, bad("true or false")
	case "integer":
		n, ok := v.(json.Number)
		if !ok {
			return nil, bad("an integer")
		}
		x, err := number(n)
		if i, isInt := x.(int64); err == nil && isInt {
			return i, nil
		}
		return nil, bad("an integer")
	case "float":
		n, ok := v.(json.Number)
		if !ok {
			return nil, bad("a number")
		}
		f, err := n.Float64()
		if err != nil {
			return nil, bad("a finite number")
		}
		return f, nil
	case "date":
		s, ok := v.(string)
		if d, err := time.Parse("2006-01-02", s); ok && err == nil {
			return Temporal{Kind: KindDate, Value: FormatDate(d), at: d}, nil
		}
		return nil, bad(`a date such as "2022-08-09"`)
	case "datetime":
		s, ok := v.(string)
		if d, err := time.Parse(time.RFC3339Nano, s); ok && err == nil {
			return Temporal{Kind: KindDateTime, Value: FormatDateTime(d, ""), at: d}, nil
		}
		return nil, bad(`a datetime such as "2022-08-09T10:00:00Z"`)
	}
	return nil, bad(elem)
}

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		if len(x) > 40 {
			x = x[:40] + "…"
		}
		return fmt.Sprintf("the string %q", x)
	case bool:
		return fmt.Sprintf("%t", x)
	case json.Number:
		return "the number " + x.String()
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

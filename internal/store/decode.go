package store

// The decoders: every helper that turns what the driver returns (records, nodes, maps and
// lists of Cypher values) into Go values and the domain's shared types. The assembly of one
// answer from its own query's rows (decodeExperts, decodePersonProfile, the topic tree) stays
// next to that query.

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/cryograph/cryograph/internal/analyst"
	"github.com/cryograph/cryograph/internal/auth"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/export"
	"github.com/cryograph/cryograph/internal/format"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// get reads a typed value from a record, tolerating nulls.
func get[T any](rec *neo4j.Record, key string) T {
	var zero T
	v, ok := rec.Get(key)
	if !ok || v == nil {
		return zero
	}
	t, ok := v.(T)
	if !ok {
		return zero
	}
	return t
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// strList reads a Cypher list of strings; a null (or anything not a list) is an empty list,
// and an element that is not a string is "".
func strList(v any) []string {
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, x := range l {
		out = append(out, str(x))
	}
	return out
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func timeOf(v any) time.Time {
	t, _ := v.(time.Time)
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC()
}

func floatPtr(v any) *float64 {
	if f, ok := v.(float64); ok {
		return &f
	}
	return nil
}

// publicProps drops the importer's internal properties from an entity.
func publicProps(v any) map[string]any {
	m, _ := v.(map[string]any)
	out := make(map[string]any, len(m))
	for k, val := range m {
		switch k {
		case "importHash", "nameLower", "aliasText":
		default:
			out[k] = val
		}
	}
	return out
}

func decodeNode(v any) cryo.Node {
	m, _ := v.(map[string]any)
	n := cryo.Node{ID: str(m["id"]), Name: str(m["name"]), Kind: cryo.KindOf(str(m["label"])),
		Type: str(m["type"]), Country: str(m["country"]), Sources: strList(m["sources"])}
	if s, ok := m["score"].(float64); ok {
		n.Score = s
	}
	return n
}

func decodeNodes(v any) []cryo.Node {
	l, _ := v.([]any)
	out := make([]cryo.Node, 0, len(l))
	for _, x := range l {
		out = append(out, decodeNode(x))
	}
	return out
}

func decodeRef(v any) cryo.Ref {
	m, _ := v.(map[string]any)
	return cryo.Ref{ID: str(m["id"]), Name: str(m["name"])}
}

// decodeSource reads a source; one without a title (an untitled source, docs/import-format.md)
// is shown by its URL's host.
func decodeSource(m map[string]any) cryo.Source {
	src := cryo.Source{ID: str(m["id"]), URL: str(m["url"]), Title: str(m["title"]),
		Publisher: str(m["publisher"]), Published: str(m["published"])}
	if src.Title == "" {
		src.Title, src.Untitled = format.URLHost(src.URL), true
	}
	return src
}

func decodeInstitution(m map[string]any) cryo.Institution {
	in := cryo.Institution{ID: str(m["id"]), Name: str(m["name"]), Kind: str(m["kind"]),
		Country: str(m["country"]), Role: str(m["role"]), Uncertain: m["uncertain"] == true, Parents: []cryo.Ref{}}
	ps, _ := m["parents"].([]any)
	for _, p := range ps {
		in.Parents = append(in.Parents, decodeRef(p))
	}
	return in
}

func decodeFact(m map[string]any) cryo.Fact {
	props, _ := m["props"].(map[string]any)
	f := cryo.Fact{Rel: str(m["rel"]), Other: decodeNode(m["other"]), Title: str(props["title"]), Role: str(props["role"]),
		Since: str(props["since"]), Until: str(props["until"]), AsOf: str(props["asOf"]), Note: str(props["note"]),
		Uncertain: props["uncertain"] == true, Sources: strList(props["sources"])}
	if at, ok := m["at"].(map[string]any); ok {
		n := decodeNode(at)
		f.At = &n
	}
	return f
}

func mergeFromProps(p map[string]any) cryo.Merge {
	moved, _ := p["moved"].(int64)
	return cryo.Merge{ID: str(p["id"]), Keep: str(p["keep"]), Absorbed: str(p["gone"]), Reason: str(p["reason"]),
		By: str(p["by"]), At: str(p["at"]), UndoneAt: str(p["undoneAt"]), Moved: int(moved), AddedName: strList(p["addedAliases"])}
}

func tokenFromNode(n neo4j.Node) (auth.Token, error) {
	p := n.Props
	role, err := cryo.ParseRole(str(p["role"]))
	if err != nil {
		return auth.Token{}, fmt.Errorf("token %s: stored role %q: %w", str(p["id"]), str(p["role"]), err)
	}
	return auth.Token{ID: str(p["id"]), Name: str(p["name"]), Role: role, Hash: str(p["hash"]),
		CreatedAt: timeOf(p["createdAt"]), ExpiresAt: timeOf(p["expiresAt"]),
		RevokedAt: timeOf(p["revokedAt"]), LastUsedAt: timeOf(p["lastUsedAt"])}, nil
}

func savedQueryOf(rec *neo4j.Record) (analyst.SavedQuery, error) {
	q := analyst.SavedQuery{
		Name:        get[string](rec, "name"),
		Description: get[string](rec, "description"),
		Query:       get[string](rec, "query"),
		CreatedBy:   get[string](rec, "createdBy"),
		CreatedAt:   get[time.Time](rec, "createdAt").UTC(),
		UpdatedBy:   get[string](rec, "updatedBy"),
		UpdatedAt:   get[time.Time](rec, "updatedAt").UTC(),
		Params:      []analyst.ParamSpec{},
	}
	if p := get[string](rec, "params"); p != "" {
		if err := json.Unmarshal([]byte(p), &q.Params); err != nil {
			return q, fmt.Errorf("saved query %q: its params are not valid JSON: %w", q.Name, err)
		}
	}
	return q, nil
}

// rels reads the relationships an export query returns as maps.
func rels(list []any) []export.Rel {
	out := make([]export.Rel, 0, len(list))
	for _, v := range list {
		m, _ := v.(map[string]any)
		props, _ := m["props"].(map[string]any)
		to, _ := m["to"].(string)
		from, _ := m["from"].(string)
		typ, _ := m["type"].(string)
		toSource, _ := m["toSource"].(bool)
		out = append(out, export.Rel{Type: typ, From: from, To: to, Props: props, ToSource: toSource})
	}
	return out
}

// num reads a Cypher number (integer or float) as a float; anything else is 0.
func num(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int64:
		return float64(x)
	}
	return 0
}

// yearOf reads a year: an integer, or the first four digits of a date or its string.
func yearOf(v any) int {
	switch x := v.(type) {
	case int64:
		return int(x)
	case float64:
		return int(x)
	}
	s := fmt.Sprint(v)
	if len(s) >= 4 {
		y := 0
		for _, r := range s[:4] {
			if r < '0' || r > '9' {
				return 0
			}
			y = y*10 + int(r-'0')
		}
		return y
	}
	return 0
}

// decodeWork reads a work reference {id, title, doi, year}, its DOI linked; nil for none.
func decodeWork(m map[string]any) *cryo.WorkRef {
	if m == nil || str(m["id"]) == "" {
		return nil
	}
	doi := str(m["doi"])
	return &cryo.WorkRef{ID: str(m["id"]), Title: str(m["title"]), DOI: doi, URL: cryo.DOIURL(doi), Year: yearOf(m["year"])}
}

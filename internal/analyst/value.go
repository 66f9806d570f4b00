package analyst

import (
	"encoding/base64"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
)

// The console's typed JSON. Plain JSON carries null, booleans, strings, numbers, lists and
// maps. Every other Cypher value is a JSON object whose "type" member says what it is:
//
//	{"type": "node", "elementId", "labels", "properties"}
//	{"type": "relationship", "elementId", "relType", "start", "end", "properties"}
//	{"type": "path", "nodes": [...], "relationships": [...]}
//	{"type": "date"|"datetime"|"localdatetime"|"time"|"localtime"|"duration", "value": ISO 8601}
//	{"type": "point", "srid", "crs", "x", "y", "z"?}
//	{"type": "bytes", "value": base64}
//	{"type": "integer", "value": "9007199254740993"}  an integer beyond ±(2^53-1)
//	{"type": "float", "value": "NaN"|"Infinity"|"-Infinity"}
//	{"type": "map", "value": {...}}  a map that has a key named "type"
//
// So a client can tell them apart by one rule: an object with a "type" member is typed. Floats
// are written with a decimal point or an exponent (1.0, not 1), so they stay floats.

// MaxSafeInteger is the largest integer a JSON number carries exactly in JavaScript (2^53-1).
const MaxSafeInteger = 1<<53 - 1

// Node is a node of the graph.
type Node struct {
	ElementID  string         `json:"elementId"`
	Labels     []string       `json:"labels"`
	Properties map[string]any `json:"properties"`
}

// MarshalJSON writes the node with "type": "node".
func (n Node) MarshalJSON() ([]byte, error) {
	type plain Node
	return json.Marshal(struct {
		Type string `json:"type"`
		plain
	}{"node", plain(n)})
}

// Relationship is a relationship of the graph; Start and End are element ids of nodes.
type Relationship struct {
	ElementID  string         `json:"elementId"`
	Type       string         `json:"relType"`
	Start      string         `json:"start"`
	End        string         `json:"end"`
	Properties map[string]any `json:"properties"`
}

// MarshalJSON writes the relationship with "type": "relationship".
func (r Relationship) MarshalJSON() ([]byte, error) {
	type plain Relationship
	return json.Marshal(struct {
		Type string `json:"type"`
		plain
	}{"relationship", plain(r)})
}

// Path is a path: its nodes in order and the relationships between them.
type Path struct {
	Nodes         []Node         `json:"nodes"`
	Relationships []Relationship `json:"relationships"`
}

// MarshalJSON writes the path with "type": "path".
func (p Path) MarshalJSON() ([]byte, error) {
	type plain Path
	return json.Marshal(struct {
		Type string `json:"type"`
		plain
	}{"path", plain(p)})
}

// Temporal kinds, named as Cypher names its types (lower case).
const (
	KindDate          = "date"
	KindDateTime      = "datetime"
	KindLocalDateTime = "localdatetime"
	KindTime          = "time"
	KindLocalTime     = "localtime"
	KindDuration      = "duration"
)

// Temporal is a date, time or duration as its ISO 8601 text, the way Neo4j's toString writes
// it: "2022-08-09", "2022-08-09T10:00:00+02:00[Europe/Berlin]", "P1Y2M3DT4H5M6.5S".
type Temporal struct {
	Kind  string `json:"type"`
	Value string `json:"value"`
	// at is the parsed instant of a date or datetime parameter.
	at time.Time
}

// Time is the instant of a date or datetime parameter (see CheckParams).
func (t Temporal) Time() time.Time { return t.at }

// FormatDate writes a date as Neo4j does.
func FormatDate(t time.Time) string { return t.Format("2006-01-02") }

// FormatDateTime writes a zoned datetime as Neo4j does: the offset, then a named zone in
// brackets ("+02:00[Europe/Berlin]"). zone is "" for a datetime with an offset only.
func FormatDateTime(t time.Time, zone string) string {
	s := t.Format("2006-01-02T15:04:05.999999999Z07:00")
	if zone != "" {
		s += "[" + zone + "]"
	}
	return s
}

// FormatLocalDateTime, FormatTime and FormatLocalTime write the other temporal types as
// Neo4j does.
func FormatLocalDateTime(t time.Time) string { return t.Format("2006-01-02T15:04:05.999999999") }

// FormatTime writes a time with an offset.
func FormatTime(t time.Time) string { return t.Format("15:04:05.999999999Z07:00") }

// FormatLocalTime writes a time without an offset.
func FormatLocalTime(t time.Time) string { return t.Format("15:04:05.999999999") }

// FormatDuration writes a Cypher duration (months, days, seconds and nanoseconds, each kept
// apart as Cypher keeps them) as Neo4j's toString does: "P1Y2M3DT4H5M6.5S", "PT0S".
func FormatDuration(months, days, seconds int64, nanos int) string {
	var b strings.Builder
	b.WriteByte('P')
	if y := months / 12; y != 0 {
		b.WriteString(strconv.FormatInt(y, 10) + "Y")
	}
	if m := months % 12; m != 0 {
		b.WriteString(strconv.FormatInt(m, 10) + "M")
	}
	if days != 0 {
		b.WriteString(strconv.FormatInt(days, 10) + "D")
	}
	// The driver keeps nanos in [0, 1e9); a negative duration of 1.5s is -2s + 0.5e9ns.
	sign := int64(1)
	secs, ns := seconds, int64(nanos)
	if secs < 0 && ns > 0 {
		secs, ns = secs+1, 1e9-ns
	}
	if secs < 0 || (secs == 0 && seconds < 0) {
		sign, secs = -1, -secs
	}
	h, m, s := secs/3600, secs%3600/60, secs%60
	if h != 0 || m != 0 || s != 0 || ns != 0 {
		b.WriteByte('T')
		if h != 0 {
			b.WriteString(strconv.FormatInt(sign*h, 10) + "H")
		}
		if m != 0 {
			b.WriteString(strconv.FormatInt(sign*m, 10) + "M")
		}
		if s != 0 || ns != 0 {
			if sign < 0 {
				b.WriteByte('-')
			}
			b.WriteString(strconv.FormatInt(s, 10))
			if ns != 0 {
				b.WriteString(strings.TrimRight("."+strconv.FormatInt(1e9+ns, 10)[1:], "0"))
			}
			b.WriteByte('S')
		}
	}
	if b.Len() == 1 {
		return "PT0S"
	}
	return b.String()
}

// Point is a spatial point. X and Y are longitude and latitude for the WGS-84 systems.
type Point struct {
	SRID uint32   `json:"srid"`
	CRS  string   `json:"crs"`
	X    float64  `json:"x"`
	Y    float64  `json:"y"`
	Z    *float64 `json:"z,omitempty"`
}

// CRSName names the coordinate reference systems Neo4j supports.
func CRSName(srid uint32) string {
	switch srid {
	case 7203:
		return "cartesian"
	case 9157:
		return "cartesian-3d"
	case 4326:
		return "wgs-84"
	case 4979:
		return "wgs-84-3d"
	}
	return ""
}

// MarshalJSON writes the point with "type": "point".
func (p Point) MarshalJSON() ([]byte, error) {
	type plain Point
	return json.Marshal(struct {
		Type string `json:"type"`
		plain
	}{"point", plain(p)})
}

// Bytes is a byte array, written as base64.
type Bytes []byte

// MarshalJSON writes {"type": "bytes", "value": base64}.
func (b Bytes) MarshalJSON() ([]byte, error) {
	return json.Marshal(typed{"bytes", base64.StdEncoding.EncodeToString(b)})
}

// BigInt is an integer beyond ±(2^53-1), written as a decimal string so it survives
// JavaScript's float64 numbers.
type BigInt int64

// MarshalJSON writes {"type": "integer", "value": "<decimal>"}.
func (i BigInt) MarshalJSON() ([]byte, error) {
	return json.Marshal(typed{"integer", strconv.FormatInt(int64(i), 10)})
}

// Float is a float64 JSON has no number for: NaN or an infinity.
type Float float64

// MarshalJSON writes {"type": "float", "value": "NaN"|"Infinity"|"-Infinity"}.
func (f Float) MarshalJSON() ([]byte, error) {
	return json.Marshal(typed{"float", floatText(float64(f))})
}

// TypedMap is a Cypher map that has a key named "type", wrapped so it cannot be mistaken for
// a typed value.
type TypedMap map[string]any

// MarshalJSON writes {"type": "map", "value": {...}}.
func (m TypedMap) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Type  string         `json:"type"`
		Value map[string]any `json:"value"`
	}{"map", m})
}

type typed struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

func floatText(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}

// graphSet gathers the distinct nodes and relationships of a result, for drawing.
type graphSet struct {
	nodes map[string]bool
	rels  map[string]bool
	g     *Graph
}

// pending are the nodes and relationships one row adds to the graph view; they are kept only
// if the row fits under the byte cap.
type pending struct {
	Graph
	nodes, rels map[string]bool
}

func newPending() *pending {
	return &pending{nodes: map[string]bool{}, rels: map[string]bool{}}
}

// encode turns a value into its typed JSON form, recording the nodes and relationships it
// meets that are not yet in the graph view in add.
func (gs *graphSet) encode(v any, add *pending) any {
	switch x := v.(type) {
	case nil, bool, string, Temporal, Point, Bytes, BigInt, Float:
		return x
	case int64:
		if x > MaxSafeInteger || x < -MaxSafeInteger {
			return BigInt(x)
		}
		return x
	case int:
		return gs.encode(int64(x), add)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return Float(x)
		}
		return json.Number(floatText(x))
	case []byte:
		return Bytes(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = gs.encode(e, add)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = gs.encode(e, add)
		}
		if _, ok := x["type"]; ok {
			return TypedMap(out)
		}
		return out
	case Node:
		n := gs.node(x)
		if !gs.nodes[n.ElementID] && !add.nodes[n.ElementID] {
			add.nodes[n.ElementID] = true
			add.Nodes = append(add.Nodes, n)
		}
		return n
	case Relationship:
		r := gs.rel(x)
		if !gs.rels[r.ElementID] && !add.rels[r.ElementID] {
			add.rels[r.ElementID] = true
			add.Relationships = append(add.Relationships, r)
		}
		return r
	case Path:
		p := Path{Nodes: make([]Node, len(x.Nodes)), Relationships: make([]Relationship, len(x.Relationships))}
		for i, n := range x.Nodes {
			p.Nodes[i] = gs.encode(n, add).(Node)
		}
		for i, r := range x.Relationships {
			p.Relationships[i] = gs.encode(r, add).(Relationship)
		}
		return p
	}
	// The store converts every type the driver returns; anything else is shown as text
	// rather than lost.
	return typed{"unknown", strings.TrimSpace(stringOf(v))}
}

func (gs *graphSet) node(n Node) Node {
	props := make(map[string]any, len(n.Properties))
	for k, v := range n.Properties {
		props[k] = gs.encode(v, newPending())
	}
	labels := n.Labels
	if labels == nil {
		labels = []string{}
	}
	return Node{ElementID: n.ElementID, Labels: labels, Properties: props}
}

func (gs *graphSet) rel(r Relationship) Relationship {
	props := make(map[string]any, len(r.Properties))
	for k, v := range r.Properties {
		props[k] = gs.encode(v, newPending())
	}
	r.Properties = props
	return r
}

func (gs *graphSet) commit(add *pending) {
	for _, n := range add.Nodes {
		gs.nodes[n.ElementID] = true
		gs.g.Nodes = append(gs.g.Nodes, n)
	}
	for _, r := range add.Relationships {
		gs.rels[r.ElementID] = true
		gs.g.Relationships = append(gs.g.Relationships, r)
	}
}

func stringOf(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "?"
	}
	return string(b)
}

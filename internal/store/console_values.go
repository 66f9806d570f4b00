package store

// The console's values both ways: the analyst's typed parameters to the driver's values, and
// the driver's values (nodes, paths, temporals, points) to package analyst's, which know their
// typed JSON. They are a pair, used by the console only, so they live together here rather
// than in decode.go.

import (
	"time"

	"github.com/cryograph/cryograph/internal/analyst"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// toDriverParams converts the analyst's parameter values to the driver's.
func toDriverParams(params map[string]any) map[string]any {
	out := make(map[string]any, len(params))
	for k, v := range params {
		out[k] = toDriver(v)
	}
	return out
}

func toDriver(v any) any {
	switch x := v.(type) {
	case analyst.Temporal:
		if x.Kind == analyst.KindDate {
			return neo4j.DateOf(x.Time())
		}
		return x.Time()
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = toDriver(e)
		}
		return out
	case map[string]any:
		return toDriverParams(x)
	}
	return v
}

func fromDriverValues(vals []any) []any {
	out := make([]any, len(vals))
	for i, v := range vals {
		out[i] = fromDriver(v)
	}
	return out
}

// fromDriver converts the driver's values into the analyst package's, which know their typed
// JSON encoding.
func fromDriver(v any) any {
	switch x := v.(type) {
	case []any:
		return fromDriverValues(x)
	case map[string]any:
		return fromDriverMap(x)
	case neo4j.Node:
		return fromNode(x)
	case neo4j.Relationship:
		return fromRel(x)
	case neo4j.Path:
		p := analyst.Path{Nodes: make([]analyst.Node, len(x.Nodes)), Relationships: make([]analyst.Relationship, len(x.Relationships))}
		for i, n := range x.Nodes {
			p.Nodes[i] = fromNode(n)
		}
		for i, r := range x.Relationships {
			p.Relationships[i] = fromRel(r)
		}
		return p
	case neo4j.Date:
		return analyst.Temporal{Kind: analyst.KindDate, Value: analyst.FormatDate(x.Time())}
	case time.Time:
		zone := x.Location().String()
		if zone == "Offset" { // the driver's name for the zone of an offset-only datetime
			zone = ""
		}
		return analyst.Temporal{Kind: analyst.KindDateTime, Value: analyst.FormatDateTime(x, zone)}
	case neo4j.LocalDateTime:
		return analyst.Temporal{Kind: analyst.KindLocalDateTime, Value: analyst.FormatLocalDateTime(x.Time())}
	case neo4j.Time:
		return analyst.Temporal{Kind: analyst.KindTime, Value: analyst.FormatTime(x.Time())}
	case neo4j.LocalTime:
		return analyst.Temporal{Kind: analyst.KindLocalTime, Value: analyst.FormatLocalTime(x.Time())}
	case neo4j.Duration:
		return analyst.Temporal{Kind: analyst.KindDuration, Value: analyst.FormatDuration(x.Months, x.Days, x.Seconds, x.Nanos)}
	case neo4j.Point2D:
		return analyst.Point{SRID: x.SpatialRefId, CRS: analyst.CRSName(x.SpatialRefId), X: x.X, Y: x.Y}
	case neo4j.Point3D:
		z := x.Z
		return analyst.Point{SRID: x.SpatialRefId, CRS: analyst.CRSName(x.SpatialRefId), X: x.X, Y: x.Y, Z: &z}
	}
	return v
}

func fromDriverMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = fromDriver(v)
	}
	return out
}

func fromNode(n neo4j.Node) analyst.Node {
	return analyst.Node{ElementID: n.ElementId, Labels: n.Labels, Properties: fromDriverMap(n.Props)}
}

func fromRel(r neo4j.Relationship) analyst.Relationship {
	return analyst.Relationship{ElementID: r.ElementId, Type: r.Type, Start: r.StartElementId, End: r.EndElementId,
		Properties: fromDriverMap(r.Props)}
}

package store

// The partnership map (partnerships aggregated between organizations) and the timeline
// (partnerships counted per year of start), under the same filters.

import (
	"context"
	"fmt"
	"sort"

	"github.com/cryograph/cryograph/internal/cryo"
)

// mapParams are the map's and the timeline's filters, as their queries take them.
type mapParams cryo.MapQuery

func (q mapParams) params() map[string]any {
	return map[string]any{"topic": orNull(q.Topic), "country": orNull(q.Country), "orgKind": orNull(q.OrgKind),
		"type": orNull(q.Type), "from": orNull(q.From), "to": orNull(q.To), "asOf": orNull(q.AsOf), "level": q.Level}
}

// PartnershipMap aggregates partnerships into an organization-level graph. Answers are cached
// per filter combination until the derived data is next refreshed (answerCache): the map of a
// whole field is costly and asked for again and again. The answer is shared: do not modify it.
// A cached answer has a Revision: the derived-data version and the filters.
func (s *Store) PartnershipMap(ctx context.Context, q cryo.MapQuery) (cryo.PartnershipMap, error) {
	key := fmt.Sprintf("%#v", q)
	m, version, err := s.maps.get(ctx, s, key, func(ctx context.Context) (cryo.PartnershipMap, error) { return s.partnershipMap(ctx, q) })
	if err == nil && version > 0 {
		m.Revision = fmt.Sprintf("%d %s", version, key)
	}
	return m, err
}

func (s *Store) partnershipMap(ctx context.Context, q cryo.MapQuery) (cryo.PartnershipMap, error) {
	out := cryo.PartnershipMap{Nodes: []cryo.MapNode{}, Edges: []cryo.MapEdge{}}
	res, err := s.read(ctx, "partnership_map", mapParams(q).params())
	if err != nil {
		return out, err
	}
	if len(res.Records) == 0 {
		return out, nil
	}
	m := res.Records[0].AsMap()
	partnershipsOf := map[string]map[string]bool{}
	rolled := rollUps{}
	for _, x := range asList(m["edges"]) {
		em := x.(map[string]any)
		count, _ := em["count"].(int64)
		unknown, _ := em["unknown"].(int64)
		e := cryo.MapEdge{Source: str(em["a"]), Target: str(em["b"]), Type: str(em["type"]), Count: int(count),
			Topics: strList(em["topics"]), First: str(em["first"]), Last: str(em["last"]), Partnerships: strList(em["partnerships"]),
			Unknown: int(unknown), Details: decodeMapDetails(em["details"])}
		sort.Strings(e.Topics)
		rolled.add(em["rolled"])
		for _, id := range []string{e.Source, e.Target} {
			if partnershipsOf[id] == nil {
				partnershipsOf[id] = map[string]bool{}
			}
			for _, p := range e.Partnerships {
				partnershipsOf[id][p] = true
			}
		}
		out.Edges = append(out.Edges, e)
	}
	sort.Slice(out.Edges, func(i, j int) bool {
		a, b := out.Edges[i], out.Edges[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Target != b.Target {
			return a.Target < b.Target
		}
		return a.Type < b.Type
	})
	for _, x := range asList(m["nodes"]) {
		nm := x.(map[string]any)
		id := str(nm["id"])
		out.Nodes = append(out.Nodes, cryo.MapNode{ID: id, Name: str(nm["name"]), Type: str(nm["kind"]), Country: str(nm["country"]),
			Lat: floatPtr(nm["lat"]), Lon: floatPtr(nm["lon"]), PositionSource: str(nm["positionSource"]), Partnerships: len(partnershipsOf[id]),
			RolledUp: rolled.of(id)})
	}
	sort.Slice(out.Nodes, func(i, j int) bool { return out.Nodes[i].ID < out.Nodes[j].ID })
	return out, nil
}

// decodeMapDetails reads an edge's partnerships, by start, then id; their parties by name.
func decodeMapDetails(v any) []cryo.MapPartnership {
	out := []cryo.MapPartnership{}
	for _, x := range asList(v) {
		m, _ := x.(map[string]any)
		p := cryo.MapPartnership{ID: str(m["id"]), Name: str(m["name"]), Kind: str(m["kind"]), Status: str(m["status"]),
			Start: str(m["start"]), End: str(m["end"]), Parties: []cryo.Ref{}, Sources: []cryo.Source{}}
		for _, y := range asList(m["parties"]) {
			pm, _ := y.(map[string]any)
			p.Parties = append(p.Parties, cryo.Ref{ID: str(pm["id"]), Name: str(pm["name"])})
		}
		sort.Slice(p.Parties, func(i, j int) bool { return p.Parties[i].Name < p.Parties[j].Name })
		for _, y := range asList(m["sources"]) {
			sm, _ := y.(map[string]any)
			p.Sources = append(p.Sources, decodeSource(sm))
		}
		sort.Slice(p.Sources, func(i, j int) bool { return p.Sources[i].ID < p.Sources[j].ID })
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// rollUps gathers, per top organization, the units the institution level rolled into it.
type rollUps map[string]map[string]string

// add reads an edge's rolls: [top id, unit id, unit name] each.
func (r rollUps) add(v any) {
	for _, x := range asList(v) {
		l := strList(x)
		if len(l) != 3 {
			continue
		}
		if r[l[0]] == nil {
			r[l[0]] = map[string]string{}
		}
		r[l[0]][l[1]] = l[2]
	}
}

// of returns the units rolled into one organization, by name; nil when none.
func (r rollUps) of(id string) []cryo.Ref {
	var out []cryo.Ref
	for uid, name := range r[id] {
		out = append(out, cryo.Ref{ID: uid, Name: name})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// PartnershipTimeline counts partnerships per year of start.
func (s *Store) PartnershipTimeline(ctx context.Context, q cryo.MapQuery) ([]cryo.YearCount, error) {
	res, err := s.read(ctx, "partnership_timeline", mapParams(q).params())
	if err != nil {
		return nil, err
	}
	out := []cryo.YearCount{}
	for _, rec := range res.Records {
		y := cryo.YearCount{Year: get[string](rec, "year"), Count: int(get[int64](rec, "total")), ByType: map[string]int{}}
		for _, x := range get[[]any](rec, "byType") {
			m := x.(map[string]any)
			n, _ := m["n"].(int64)
			y.ByType[str(m["type"])] = int(n)
		}
		out = append(out, y)
	}
	return out, nil
}

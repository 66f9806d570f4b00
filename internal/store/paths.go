package store

// Paths: the shortest connections between two entities, with each hop's evidence.

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/cryograph/cryograph/internal/cryo"
)

// Paths finds the k shortest connections between two entities, every hop with its evidence,
// in one round trip (paths.cypher also returns the two ends and the sources).
func (s *Store) Paths(ctx context.Context, q cryo.PathQuery) (cryo.PathResult, error) {
	out := cryo.PathResult{Paths: []cryo.Path{}}
	// K and MaxLength were validated as small integers; Cypher accepts no parameter there.
	query := strings.NewReplacer("{K}", strconv.Itoa(q.K), "{CANDIDATES}", strconv.Itoa(q.K*pathCandidates),
		"{MAXLEN}", strconv.Itoa(q.MaxLength)).Replace(s.Query("paths"))
	res, err := s.readText(ctx, "paths", query, map[string]any{
		"from": q.From, "to": q.To, "avoidHubs": q.AvoidHubs, "hubDegree": q.HubDegree,
	})
	if err != nil {
		return out, err
	}
	if len(res.Records) == 0 {
		return out, fmt.Errorf("query paths: no record")
	}
	m := res.Records[0].AsMap()
	for _, end := range []struct {
		field, id string
		node      *cryo.Node
	}{{"from", q.From, &out.From}, {"to", q.To, &out.To}} {
		if m[end.field] == nil {
			return out, &cryo.Error{Code: cryo.ECodeNotFound, Field: end.field, Message: fmt.Sprintf("no entity has id %q", end.id)}
		}
		*end.node = decodeNode(m[end.field])
	}
	byID := map[string]cryo.Source{}
	for _, x := range asList(m["sources"]) {
		src := decodeSource(x.(map[string]any))
		byID[src.ID] = src
	}
	for _, x := range asList(m["paths"]) {
		pm := x.(map[string]any)
		rawNodes := asList(pm["nodes"])
		nodes := decodeNodes(rawNodes)
		rels := asList(pm["rels"])
		path := cryo.Path{Length: len(rels), Hops: []cryo.Hop{}}
		for i, x := range rels {
			rm := x.(map[string]any)
			props, _ := rm["props"].(map[string]any)
			h := cryo.Hop{From: nodes[i], Rel: str(rm["rel"]), To: nodes[i+1], Forward: str(rm["from"]) == nodes[i].ID,
				Title: str(props["title"]), Role: str(props["role"]), Uncertain: props["uncertain"] == true, Note: str(props["note"]),
				Evidence: []cryo.Source{}}
			for _, sid := range strList(props["sources"]) {
				h.Evidence = append(h.Evidence, byID[sid])
			}
			path.Hops = append(path.Hops, h)
		}
		nameWorks(path.Hops, rawNodes)
		out.Paths = append(out.Paths, path)
	}
	out.Paths = diversePaths(out.Paths, q.K)
	return out, nil
}

// nameWorks names the work of every hop with a publication at one end, and says the two hops
// of a shared work (person AUTHORED work, AUTHORED by person) as "co-authored “<title>”".
// raw are the path's nodes as the query returns them (hop i goes from raw[i] to raw[i+1]).
func nameWorks(hops []cryo.Hop, raw []any) {
	for i := range hops {
		for _, end := range []int{i, i + 1} {
			m, _ := raw[end].(map[string]any)
			if str(m["label"]) == "Publication" {
				hops[i].Work = decodeWork(map[string]any{"id": m["id"], "title": m["name"], "doi": m["doi"], "year": m["year"]})
			}
		}
	}
	for i := 0; i+1 < len(hops); i++ {
		a, b := hops[i], hops[i+1]
		if a.Rel == "AUTHORED" && b.Rel == "AUTHORED" && a.Forward && !b.Forward && a.Work != nil &&
			a.From.Kind == "person" && b.To.Kind == "person" {
			label := "co-authored “" + a.Work.Title + "”"
			hops[i].Label, hops[i+1].Label = label, label
		}
	}
}

// pathCandidates is how many candidate paths per path asked for the query returns, for
// diversePaths to choose from.
const pathCandidates = 10

// diversePaths picks k of the candidates (ordered by length, then by ids, relationship types
// and keys): first those whose intermediate nodes differ from every path already picked, in
// candidate order, then, if fewer than k differ, the others in candidate order; the picked
// paths keep the candidates' order (by length first). Parallel relationships along one route
// (two affiliations, an affiliation and a leadership) so take one place, not three.
func diversePaths(candidates []cryo.Path, k int) []cryo.Path {
	if len(candidates) <= 1 {
		return candidates
	}
	picked := make([]bool, len(candidates))
	n := 0
	seen := map[string]bool{}
	for i, p := range candidates {
		if n == k {
			break
		}
		var route []string
		for _, h := range p.Hops[:len(p.Hops)-1] {
			route = append(route, h.To.ID)
		}
		key := strings.Join(route, "\x00")
		if !seen[key] {
			seen[key] = true
			picked[i] = true
			n++
		}
	}
	for i := range candidates {
		if n == k {
			break
		}
		if !picked[i] {
			picked[i] = true
			n++
		}
	}
	out := make([]cryo.Path, 0, n)
	for i, p := range candidates {
		if picked[i] {
			out = append(out, p)
		}
	}
	return out
}

package store

// The topic tree.

import (
	"context"
	"sort"

	"github.com/cryograph/cryograph/internal/cryo"
)

// Topics returns the topic tree (a topic under several parents appears under each).
func (s *Store) Topics(ctx context.Context) ([]cryo.TopicNode, error) {
	res, err := s.read(ctx, "topics_tree", nil)
	if err != nil {
		return nil, err
	}
	type row struct {
		node    cryo.TopicNode
		parents []string
	}
	rows := map[string]row{}
	children := map[string][]string{}
	var roots []string
	for _, rec := range res.Records {
		r := row{node: cryo.TopicNode{ID: get[string](rec, "id"), Name: get[string](rec, "name"),
			Experts: int(get[int64](rec, "experts")), Partnerships: int(get[int64](rec, "partnerships")),
			TotalExperts: int(get[int64](rec, "totalExperts")), Children: []cryo.TopicNode{}},
			parents: strList(rec.AsMap()["parents"])}
		rows[r.node.ID] = r
		if len(r.parents) == 0 {
			roots = append(roots, r.node.ID)
		}
		for _, p := range r.parents {
			children[p] = append(children[p], r.node.ID)
		}
	}
	var build func(id string, depth int) cryo.TopicNode
	build = func(id string, depth int) cryo.TopicNode {
		n := rows[id].node
		n.Children = []cryo.TopicNode{}
		if depth > 20 {
			return n // a cycle in curated data must not hang the API
		}
		kids := children[id]
		sort.Slice(kids, func(i, j int) bool { return rows[kids[i]].node.Name < rows[kids[j]].node.Name })
		for _, k := range kids {
			n.Children = append(n.Children, build(k, depth+1))
		}
		return n
	}
	sort.Slice(roots, func(i, j int) bool { return rows[roots[i]].node.Name < rows[roots[j]].node.Name })
	out := make([]cryo.TopicNode, 0, len(roots))
	for _, r := range roots {
		out = append(out, build(r, 0))
	}
	return out, nil
}

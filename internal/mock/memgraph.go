package mock

import (
	"context"
	"sync"

	"github.com/cryograph/cryograph/internal/cryo"
)

// MemGraph is a graph in memory: enough of the store for the importer's write path
// (importer.RefreshingSink), for the ingesters' fast tests. Nodes and Links are what the
// loads wrote, keyed by id and by from|rel|to|key.
type MemGraph struct {
	mu    sync.Mutex
	Nodes map[string]cryo.NodeUpsert
	Links map[string]cryo.LinkUpsert
}

// NewMemGraph returns an empty graph.
func NewMemGraph() *MemGraph {
	return &MemGraph{Nodes: map[string]cryo.NodeUpsert{}, Links: map[string]cryo.LinkUpsert{}}
}

// HasEntities tells whether a node was written.
func (s *MemGraph) HasEntities(context.Context) (bool, error) { return len(s.Nodes) > 0, nil }

// RefreshDerived does nothing: there are no derived data.
func (s *MemGraph) RefreshDerived(context.Context) error { return nil }

// Lookup finds the nodes of ids.
func (s *MemGraph) Lookup(_ context.Context, ids []string) (map[string]cryo.GraphID, error) {
	out := map[string]cryo.GraphID{}
	for _, id := range ids {
		if n, ok := s.Nodes[id]; ok {
			out[id] = cryo.GraphID{Label: n.Label}
		}
	}
	return out, nil
}

// ExternalOwners finds the nodes holding the external ids.
func (s *MemGraph) ExternalOwners(_ context.Context, ext []cryo.ExternalID) (map[cryo.ExternalID]string, error) {
	out := map[cryo.ExternalID]string{}
	for _, x := range ext {
		for id, n := range s.Nodes {
			if n.Label == x.Label && n.Props[x.Prop] == x.Value {
				out[x] = id
			}
		}
	}
	return out, nil
}

// UpsertNodes writes nodes and counts them by content hash.
func (s *MemGraph) UpsertNodes(_ context.Context, nodes []cryo.NodeUpsert) (map[string]cryo.UpsertCounts, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]cryo.UpsertCounts{}
	for _, n := range nodes {
		c := out[n.Label]
		old, ok := s.Nodes[n.ID]
		switch {
		case !ok:
			c.Created++
		case old.Hash == n.Hash:
			c.Unchanged++
		default:
			c.Updated++
		}
		s.Nodes[n.ID] = n
		out[n.Label] = c
	}
	return out, nil
}

// UpsertLinks writes relationships and counts them by content hash.
func (s *MemGraph) UpsertLinks(_ context.Context, links []cryo.LinkUpsert) (map[string]cryo.UpsertCounts, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]cryo.UpsertCounts{}
	for _, l := range links {
		k := l.From + "|" + l.Rel + "|" + l.To + "|" + l.Key
		c := out[l.Rel]
		old, ok := s.Links[k]
		switch {
		case !ok:
			c.Created++
		case old.Hash == l.Hash:
			c.Unchanged++
		default:
			c.Updated++
		}
		s.Links[k] = l
		out[l.Rel] = c
	}
	return out, nil
}

// Link is the relationship (from, rel, to, key), if written.
func (s *MemGraph) Link(from, rel, to, key string) (cryo.LinkUpsert, bool) {
	l, ok := s.Links[from+"|"+rel+"|"+to+"|"+key]
	return l, ok
}

package mock

import (
	"context"

	"github.com/cryograph/cryograph/internal/cryo"
)

// Resolver stands in for httpapi.Resolver.
type Resolver struct {
	ResolveFn    func(ctx context.Context, q cryo.ResolveQuery) ([]cryo.Candidate, error)
	DuplicatesFn func(ctx context.Context, kind string, page cryo.Page) (cryo.DuplicateResult, error)
}

// Resolve calls ResolveFn.
func (r *Resolver) Resolve(ctx context.Context, q cryo.ResolveQuery) ([]cryo.Candidate, error) {
	return r.ResolveFn(ctx, q)
}

// Duplicates calls DuplicatesFn.
func (r *Resolver) Duplicates(ctx context.Context, kind string, page cryo.Page) (cryo.DuplicateResult, error) {
	return r.DuplicatesFn(ctx, kind, page)
}

// Merger stands in for httpapi.Merger.
type Merger struct {
	MergeFn   func(ctx context.Context, req cryo.MergeRequest) (cryo.Merge, error)
	UnmergeFn func(ctx context.Context, id, by string) (cryo.Merge, error)
	MergesFn  func(ctx context.Context, page cryo.Page) ([]cryo.Merge, error)
}

// Merge calls MergeFn.
func (m *Merger) Merge(ctx context.Context, req cryo.MergeRequest) (cryo.Merge, error) {
	return m.MergeFn(ctx, req)
}

// Unmerge calls UnmergeFn.
func (m *Merger) Unmerge(ctx context.Context, id, by string) (cryo.Merge, error) {
	return m.UnmergeFn(ctx, id, by)
}

// Merges calls MergesFn.
func (m *Merger) Merges(ctx context.Context, page cryo.Page) ([]cryo.Merge, error) {
	return m.MergesFn(ctx, page)
}

// Sink stands in for importer.Sink, the graph an import writes to.
type Sink struct {
	HasEntitiesFn    func(ctx context.Context) (bool, error)
	LookupFn         func(ctx context.Context, ids []string) (map[string]cryo.GraphID, error)
	ExternalOwnersFn func(ctx context.Context, ext []cryo.ExternalID) (map[cryo.ExternalID]string, error)
	UpsertNodesFn    func(ctx context.Context, nodes []cryo.NodeUpsert) (map[string]cryo.UpsertCounts, error)
	UpsertLinksFn    func(ctx context.Context, links []cryo.LinkUpsert) (map[string]cryo.UpsertCounts, error)
}

// HasEntities calls HasEntitiesFn.
func (s *Sink) HasEntities(ctx context.Context) (bool, error) { return s.HasEntitiesFn(ctx) }

// Lookup calls LookupFn.
func (s *Sink) Lookup(ctx context.Context, ids []string) (map[string]cryo.GraphID, error) {
	return s.LookupFn(ctx, ids)
}

// ExternalOwners calls ExternalOwnersFn.
func (s *Sink) ExternalOwners(ctx context.Context, ext []cryo.ExternalID) (map[cryo.ExternalID]string, error) {
	return s.ExternalOwnersFn(ctx, ext)
}

// UpsertNodes calls UpsertNodesFn.
func (s *Sink) UpsertNodes(ctx context.Context, nodes []cryo.NodeUpsert) (map[string]cryo.UpsertCounts, error) {
	return s.UpsertNodesFn(ctx, nodes)
}

// UpsertLinks calls UpsertLinksFn.
func (s *Sink) UpsertLinks(ctx context.Context, links []cryo.LinkUpsert) (map[string]cryo.UpsertCounts, error) {
	return s.UpsertLinksFn(ctx, links)
}

// RefreshingSink is a Sink that also recomputes derived data (importer.RefreshingSink), as
// the store does; the import endpoint refreshes such a sink after an import that wrote rows.
type RefreshingSink struct {
	Sink
	RefreshDerivedFn func(ctx context.Context) error
}

// RefreshDerived calls RefreshDerivedFn.
func (s *RefreshingSink) RefreshDerived(ctx context.Context) error { return s.RefreshDerivedFn(ctx) }

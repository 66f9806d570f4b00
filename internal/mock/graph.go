package mock

import (
	"context"

	"github.com/cryograph/cryograph/internal/cryo"
)

// ExpertFinder stands in for httpapi.ExpertFinder.
type ExpertFinder struct {
	ExpertsByTopicFn func(ctx context.Context, q cryo.ExpertQuery) (cryo.ExpertResult, error)
}

// ExpertsByTopic calls ExpertsByTopicFn.
func (f *ExpertFinder) ExpertsByTopic(ctx context.Context, q cryo.ExpertQuery) (cryo.ExpertResult, error) {
	return f.ExpertsByTopicFn(ctx, q)
}

// GraphReader stands in for httpapi.GraphReader.
type GraphReader struct {
	SearchFn              func(ctx context.Context, q cryo.SearchQuery) ([]cryo.Node, error)
	ProfileFn             func(ctx context.Context, kind, id string) (cryo.Profile, error)
	PathsFn               func(ctx context.Context, q cryo.PathQuery) (cryo.PathResult, error)
	PartnershipMapFn      func(ctx context.Context, q cryo.MapQuery) (cryo.PartnershipMap, error)
	PartnershipTimelineFn func(ctx context.Context, q cryo.MapQuery) ([]cryo.YearCount, error)
	TopicsFn              func(ctx context.Context) ([]cryo.TopicNode, error)
	SuggestionsFn         func(ctx context.Context, q cryo.SuggestionQuery) ([]cryo.Suggestion, error)
	PublicationsFn        func(ctx context.Context, q cryo.PublicationQuery) (cryo.PublicationPage, error)
	PartnershipPageFn     func(ctx context.Context, id string) (cryo.PartnershipPage, error)
	EventPageFn           func(ctx context.Context, id string) (cryo.EventPage, error)
}

// Publications calls PublicationsFn.
func (g *GraphReader) Publications(ctx context.Context, q cryo.PublicationQuery) (cryo.PublicationPage, error) {
	return g.PublicationsFn(ctx, q)
}

// Search calls SearchFn.
func (g *GraphReader) Search(ctx context.Context, q cryo.SearchQuery) ([]cryo.Node, error) {
	return g.SearchFn(ctx, q)
}

// Profile calls ProfileFn.
func (g *GraphReader) Profile(ctx context.Context, kind, id string) (cryo.Profile, error) {
	return g.ProfileFn(ctx, kind, id)
}

// Paths calls PathsFn.
func (g *GraphReader) Paths(ctx context.Context, q cryo.PathQuery) (cryo.PathResult, error) {
	return g.PathsFn(ctx, q)
}

// PartnershipMap calls PartnershipMapFn.
func (g *GraphReader) PartnershipMap(ctx context.Context, q cryo.MapQuery) (cryo.PartnershipMap, error) {
	return g.PartnershipMapFn(ctx, q)
}

// PartnershipTimeline calls PartnershipTimelineFn.
func (g *GraphReader) PartnershipTimeline(ctx context.Context, q cryo.MapQuery) ([]cryo.YearCount, error) {
	return g.PartnershipTimelineFn(ctx, q)
}

// Topics calls TopicsFn.
func (g *GraphReader) Topics(ctx context.Context) ([]cryo.TopicNode, error) { return g.TopicsFn(ctx) }

// Suggestions calls SuggestionsFn.
func (g *GraphReader) Suggestions(ctx context.Context, q cryo.SuggestionQuery) ([]cryo.Suggestion, error) {
	return g.SuggestionsFn(ctx, q)
}

// PartnershipPage calls PartnershipPageFn.
func (g *GraphReader) PartnershipPage(ctx context.Context, id string) (cryo.PartnershipPage, error) {
	return g.PartnershipPageFn(ctx, id)
}

// EventPage calls EventPageFn.
func (g *GraphReader) EventPage(ctx context.Context, id string) (cryo.EventPage, error) {
	return g.EventPageFn(ctx, id)
}

// ReadinessChecker stands in for httpapi.ReadinessChecker.
type ReadinessChecker struct {
	VerifyConnectivityFn func(ctx context.Context) error
	MigrationsFn         func(ctx context.Context) (cryo.MigrationState, error)
}

// VerifyConnectivity calls VerifyConnectivityFn.
func (r *ReadinessChecker) VerifyConnectivity(ctx context.Context) error {
	return r.VerifyConnectivityFn(ctx)
}

// Migrations calls MigrationsFn.
func (r *ReadinessChecker) Migrations(ctx context.Context) (cryo.MigrationState, error) {
	return r.MigrationsFn(ctx)
}

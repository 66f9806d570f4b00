package mock

import (
	"context"

	"github.com/cryograph/cryograph/internal/analyst"
)

// CypherRunner stands in for httpapi.CypherRunner.
type CypherRunner struct {
	RunCypherFn func(ctx context.Context, req analyst.Request) (*analyst.Result, error)
}

// RunCypher calls RunCypherFn.
func (r *CypherRunner) RunCypher(ctx context.Context, req analyst.Request) (*analyst.Result, error) {
	return r.RunCypherFn(ctx, req)
}

// SavedQueryStore stands in for httpapi.SavedQueryStore.
type SavedQueryStore struct {
	SavedQueriesFn     func(ctx context.Context) ([]analyst.SavedQuery, error)
	SavedQueryFn       func(ctx context.Context, name string) (analyst.SavedQuery, error)
	CreateSavedQueryFn func(ctx context.Context, q analyst.SavedQuery) (analyst.SavedQuery, error)
	UpdateSavedQueryFn func(ctx context.Context, q analyst.SavedQuery) (analyst.SavedQuery, error)
	DeleteSavedQueryFn func(ctx context.Context, name string) error
}

// SavedQueries calls SavedQueriesFn.
func (s *SavedQueryStore) SavedQueries(ctx context.Context) ([]analyst.SavedQuery, error) {
	return s.SavedQueriesFn(ctx)
}

// SavedQuery calls SavedQueryFn.
func (s *SavedQueryStore) SavedQuery(ctx context.Context, name string) (analyst.SavedQuery, error) {
	return s.SavedQueryFn(ctx, name)
}

// CreateSavedQuery calls CreateSavedQueryFn.
func (s *SavedQueryStore) CreateSavedQuery(ctx context.Context, q analyst.SavedQuery) (analyst.SavedQuery, error) {
	return s.CreateSavedQueryFn(ctx, q)
}

// UpdateSavedQuery calls UpdateSavedQueryFn.
func (s *SavedQueryStore) UpdateSavedQuery(ctx context.Context, q analyst.SavedQuery) (analyst.SavedQuery, error) {
	return s.UpdateSavedQueryFn(ctx, q)
}

// DeleteSavedQuery calls DeleteSavedQueryFn.
func (s *SavedQueryStore) DeleteSavedQuery(ctx context.Context, name string) error {
	return s.DeleteSavedQueryFn(ctx, name)
}

package store

// The analysts' saved queries, checked by the console's first read-only layer when stored.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/cryograph/cryograph/internal/analyst"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// SavedQueries lists every saved query, by name.
func (s *Store) SavedQueries(ctx context.Context) ([]analyst.SavedQuery, error) {
	res, err := s.read(ctx, "saved_query_list", nil)
	if err != nil {
		return nil, err
	}
	out := make([]analyst.SavedQuery, 0, len(res.Records))
	for _, rec := range res.Records {
		q, err := savedQueryOf(rec)
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, nil
}

// SavedQuery finds a saved query by name.
func (s *Store) SavedQuery(ctx context.Context, name string) (analyst.SavedQuery, error) {
	res, err := s.read(ctx, "saved_query_get", map[string]any{"name": name})
	if err != nil {
		return analyst.SavedQuery{}, err
	}
	if len(res.Records) == 0 {
		return analyst.SavedQuery{}, savedQueryNotFound(name)
	}
	return savedQueryOf(res.Records[0])
}

// CreateSavedQuery stores a new saved query after checking it: its fields, and with Neo4j
// that its text is a read-only query the console would run and uses no undeclared parameter.
// A taken name is a conflict.
func (s *Store) CreateSavedQuery(ctx context.Context, q analyst.SavedQuery) (analyst.SavedQuery, error) {
	params, err := s.checkSavedQuery(ctx, &q)
	if err != nil {
		return analyst.SavedQuery{}, err
	}
	params["by"] = q.CreatedBy
	res, err := s.write(ctx, "saved_query_create", params)
	var nerr *neo4j.Neo4jError
	if errors.As(err, &nerr) && nerr.Code == "Neo.ClientError.Schema.ConstraintValidationFailed" {
		return analyst.SavedQuery{}, &cryo.Error{Code: cryo.ECodeConflict, Field: "name",
			Message: fmt.Sprintf("a saved query named %q already exists", q.Name), Err: cryo.Named(cryo.ErrSavedQueryExists, q.Name)}
	}
	if err != nil {
		return analyst.SavedQuery{}, err
	}
	return savedQueryOf(res.Records[0])
}

// UpdateSavedQuery replaces the description, text and parameters of a saved query, checked
// as CreateSavedQuery checks them. by is who changed it.
func (s *Store) UpdateSavedQuery(ctx context.Context, q analyst.SavedQuery) (analyst.SavedQuery, error) {
	params, err := s.checkSavedQuery(ctx, &q)
	if err != nil {
		return analyst.SavedQuery{}, err
	}
	params["by"] = q.UpdatedBy
	res, err := s.write(ctx, "saved_query_update", params)
	if err != nil {
		return analyst.SavedQuery{}, err
	}
	if len(res.Records) == 0 {
		return analyst.SavedQuery{}, savedQueryNotFound(q.Name)
	}
	return savedQueryOf(res.Records[0])
}

// DeleteSavedQuery deletes a saved query.
func (s *Store) DeleteSavedQuery(ctx context.Context, name string) error {
	res, err := s.write(ctx, "saved_query_delete", map[string]any{"name": name})
	if err != nil {
		return err
	}
	if len(res.Records) == 0 || get[int64](res.Records[0], "deleted") == 0 {
		return savedQueryNotFound(name)
	}
	return nil
}

// checkSavedQuery validates q and has Neo4j EXPLAIN its text with a sample value for every
// declared parameter; it returns the parameters of the create and update queries.
func (s *Store) checkSavedQuery(ctx context.Context, q *analyst.SavedQuery) (map[string]any, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	ex, err := s.CheckCypher(ctx, q.Query, analyst.SampleParams(q.Params))
	if err != nil {
		return nil, err
	}
	if len(ex.MissingParams) > 0 {
		sort.Strings(ex.MissingParams)
		return nil, cryo.Invalid("params", "the query uses the parameter(s) %s, which params does not declare",
			"$"+strings.Join(ex.MissingParams, ", $"))
	}
	decl, err := json.Marshal(q.Params)
	if err != nil {
		return nil, fmt.Errorf("encode the parameters of saved query %q: %w", q.Name, err)
	}
	return map[string]any{"name": q.Name, "description": q.Description, "query": q.Query, "params": string(decl)}, nil
}

func savedQueryNotFound(name string) error {
	return cryo.Errorf(cryo.ECodeNotFound, "no saved query is named %q", name)
}

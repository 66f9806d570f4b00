package store

// API tokens: stored hashed, listed, revoked and touched.

import (
	"context"
	"fmt"
	"time"

	"github.com/cryograph/cryograph/internal/auth"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// CreateToken stores an issued token (its hash, never its secret).
func (s *Store) CreateToken(ctx context.Context, t auth.Token) error {
	_, err := s.write(ctx, "token_create", map[string]any{
		"id": t.ID, "name": t.Name, "role": t.Role.String(), "hash": t.Hash,
		"createdAt": t.CreatedAt.UTC(), "expiresAt": optTime(t.ExpiresAt),
	})
	if err != nil {
		return fmt.Errorf("create token %q: %w", t.Name, err)
	}
	return nil
}

// TokenByID returns one token, or an error with code not_found.
func (s *Store) TokenByID(ctx context.Context, id string) (auth.Token, error) {
	res, err := s.read(ctx, "token_by_id", map[string]any{"id": id})
	if err != nil {
		return auth.Token{}, err
	}
	if len(res.Records) == 0 {
		return auth.Token{}, &cryo.Error{Code: cryo.ECodeNotFound, Field: "id", Message: fmt.Sprintf("no token has id %q", id)}
	}
	return tokenFromNode(get[neo4j.Node](res.Records[0], "t"))
}

// Tokens lists every token, newest first.
func (s *Store) Tokens(ctx context.Context) ([]auth.Token, error) {
	res, err := s.read(ctx, "token_list", nil)
	if err != nil {
		return nil, err
	}
	out := make([]auth.Token, 0, len(res.Records))
	for _, rec := range res.Records {
		t, err := tokenFromNode(get[neo4j.Node](rec, "t"))
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// RevokeToken marks a token revoked at at; revoking it again keeps the first moment.
func (s *Store) RevokeToken(ctx context.Context, id string, at time.Time) (auth.Token, error) {
	res, err := s.write(ctx, "token_revoke", map[string]any{"id": id, "at": at.UTC()})
	if err != nil {
		return auth.Token{}, err
	}
	if len(res.Records) == 0 {
		return auth.Token{}, &cryo.Error{Code: cryo.ECodeNotFound, Field: "id", Message: fmt.Sprintf("no token has id %q", id)}
	}
	return tokenFromNode(get[neo4j.Node](res.Records[0], "t"))
}

// TouchToken records that a token was used at at, at most once a minute.
func (s *Store) TouchToken(ctx context.Context, id string, at time.Time) error {
	_, err := s.write(ctx, "token_touch", map[string]any{"id": id, "at": at.UTC()})
	return err
}

// optTime stores the zero time as null.
func optTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

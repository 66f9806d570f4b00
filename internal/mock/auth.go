package mock

import (
	"context"
	"time"

	"github.com/cryograph/cryograph/internal/auth"
	"github.com/cryograph/cryograph/internal/cryo"
)

// TokenStore stands in for httpapi.TokenStore (and auth.Lookup).
type TokenStore struct {
	TokenByIDFn  func(ctx context.Context, id string) (auth.Token, error)
	TouchTokenFn func(ctx context.Context, id string, at time.Time) error
}

// TokenByID calls TokenByIDFn.
func (s *TokenStore) TokenByID(ctx context.Context, id string) (auth.Token, error) {
	return s.TokenByIDFn(ctx, id)
}

// TouchToken calls TouchTokenFn.
func (s *TokenStore) TouchToken(ctx context.Context, id string, at time.Time) error {
	return s.TouchTokenFn(ctx, id, at)
}

// Auditor stands in for httpapi.Auditor.
type Auditor struct {
	AuditFn func(ctx context.Context, e cryo.AuditEntry) error
}

// Audit calls AuditFn.
func (a *Auditor) Audit(ctx context.Context, e cryo.AuditEntry) error { return a.AuditFn(ctx, e) }

// AuditLogReader stands in for httpapi.AuditLogReader.
type AuditLogReader struct {
	AuditLogFn func(ctx context.Context, page cryo.Page) ([]cryo.AuditEntry, error)
}

// AuditLog calls AuditLogFn.
func (r *AuditLogReader) AuditLog(ctx context.Context, page cryo.Page) ([]cryo.AuditEntry, error) {
	return r.AuditLogFn(ctx, page)
}

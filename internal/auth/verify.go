package auth

import (
	"context"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
)

// Lookup is what verification needs from storage.
type Lookup interface {
	// TokenByID returns the token, or an error with code cryo.ECodeNotFound.
	TokenByID(ctx context.Context, id string) (Token, error)
	// TouchToken records a use at at, unless one was recorded less than TouchEvery before.
	TouchToken(ctx context.Context, id string, at time.Time) error
}

// TouchEvery bounds how often a token's lastUsedAt is written: a busy token would otherwise
// turn every read request into a write.
const TouchEvery = time.Minute

// dummyHash is compared against when the id is unknown, so an unknown id costs about the same
// time as a wrong secret.
var dummyHash = HashSecret("cryograph-no-such-token")

// Verifier turns bearer tokens into principals.
type Verifier struct {
	tokens Lookup
	// Now is the clock; tests move it.
	Now func() time.Time
}

// NewVerifier returns a Verifier reading tokens from l.
func NewVerifier(l Lookup) *Verifier { return &Verifier{tokens: l, Now: time.Now} }

// Verify checks a plaintext token. The error is ErrMalformed, ErrInvalid, ErrExpired or
// ErrRevoked (wrapped), or a storage error such as cryo.ECodeUnavailable.
func (v *Verifier) Verify(ctx context.Context, plaintext string) (cryo.Principal, error) {
	id, secret, err := Parse(plaintext)
	if err != nil {
		return cryo.Principal{}, err
	}
	t, err := v.tokens.TokenByID(ctx, id)
	if cryo.ErrorCode(err) == cryo.ECodeNotFound {
		_ = Token{Hash: dummyHash}.Matches(secret)
		return cryo.Principal{}, ErrInvalid
	}
	if err != nil {
		return cryo.Principal{}, err
	}
	if !t.Matches(secret) {
		return cryo.Principal{}, ErrInvalid
	}
	now := v.Now()
	if err := t.Check(now); err != nil {
		return cryo.Principal{}, err
	}
	if now.Sub(t.LastUsedAt) >= TouchEvery {
		// lastUsedAt is advisory: failing to record it must not turn away a valid caller.
		_ = v.tokens.TouchToken(ctx, t.ID, now)
	}
	return t.Principal(), nil
}

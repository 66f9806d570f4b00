// Package auth holds CryoGraph's API tokens: their format, how secrets are hashed and compared,
// the rules of expiry and revocation, and the verifier that turns a bearer token into a
// principal. It knows neither HTTP nor Neo4j: storage comes in through the Lookup interface.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cryograph/cryograph/internal/cryo"
)

// Prefix starts every token, so a leaked one is easy to recognise (and to scan for).
const Prefix = "cg_"

const (
	idBytes     = 8  // 16 hex digits: the public half, used to find the token
	secretBytes = 32 // 64 hex digits: the private half, stored only as its SHA-256
	// MaxNameLen bounds a token's name, which is shown in lists and audit records.
	MaxNameLen = 100
)

// The reasons a token is refused. ErrInvalid covers both an unknown id and a wrong secret on
// purpose: telling them apart would let anyone probe which token ids exist. Only a caller who
// holds the right secret learns that a token expired or was revoked.
var (
	ErrMalformed = errors.New("the token is malformed: want " + Prefix + "<id>_<secret> as issued by `cryograph token create`")
	ErrInvalid   = errors.New("the token is not valid")
	ErrExpired   = errors.New("the token has expired")
	ErrRevoked   = errors.New("the token has been revoked")
)

// Token is an API token as stored: never its secret, only the secret's hash.
type Token struct {
	ID   string    `json:"id"`
	Name string    `json:"name"`
	Role cryo.Role `json:"role"`
	// Hash is the hex SHA-256 of the secret. It is not a secret itself, but nobody needs to see it.
	Hash       string    `json:"-"`
	CreatedAt  time.Time `json:"createdAt"`
	ExpiresAt  time.Time `json:"expiresAt,omitzero"`
	RevokedAt  time.Time `json:"revokedAt,omitzero"`
	LastUsedAt time.Time `json:"lastUsedAt,omitzero"`
}

// New issues a token: it returns what to store and the plaintext to show once. ttl 0 means
// the token does not expire.
func New(name string, role cryo.Role, ttl time.Duration, now time.Time) (Token, string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return Token{}, "", cryo.Invalid("name", "a token needs a name that says who or what uses it")
	case utf8.RuneCountInString(name) > MaxNameLen:
		return Token{}, "", cryo.Invalid("name", "a token name may have at most %d characters", MaxNameLen)
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return Token{}, "", cryo.Invalid("name", "a token name may not contain control characters")
	case role < cryo.RoleViewer || role > cryo.RoleAdmin:
		return Token{}, "", cryo.Invalid("role", "role must be viewer, analyst, editor or admin")
	case ttl < 0:
		return Token{}, "", cryo.Invalid("expires", "expiry must not be negative")
	}
	id, err := randomHex(idBytes)
	if err != nil {
		return Token{}, "", err
	}
	secret, err := randomHex(secretBytes)
	if err != nil {
		return Token{}, "", err
	}
	now = now.UTC().Truncate(time.Millisecond)
	t := Token{ID: id, Name: name, Role: role, Hash: HashSecret(secret), CreatedAt: now}
	if ttl > 0 {
		t.ExpiresAt = now.Add(ttl)
	}
	return t, Format(id, secret), nil
}

func randomHex(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("random token: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// Format writes a token's plaintext from its id and secret.
func Format(id, secret string) string { return Prefix + id + "_" + secret }

// Parse splits a plaintext token into its id and secret, checking their shape only.
func Parse(s string) (id, secret string, err error) {
	rest, ok := strings.CutPrefix(s, Prefix)
	if !ok {
		return "", "", ErrMalformed
	}
	id, secret, ok = strings.Cut(rest, "_")
	if !ok || !isHex(id, idBytes) || !isHex(secret, secretBytes) {
		return "", "", ErrMalformed
	}
	return id, secret, nil
}

func isHex(s string, nbytes int) bool {
	if len(s) != 2*nbytes {
		return false
	}
	for _, r := range s {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'f') {
			return false
		}
	}
	return true
}

// HashSecret is what is stored in place of a secret.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// Matches compares secret with the stored hash in constant time.
func (t Token) Matches(secret string) bool {
	got := HashSecret(secret)
	return subtle.ConstantTimeCompare([]byte(got), []byte(t.Hash)) == 1
}

// Check tells whether the token may be used at now: ErrRevoked, ErrExpired (both wrapped with
// the moment) or nil.
func (t Token) Check(now time.Time) error {
	if !t.RevokedAt.IsZero() {
		return fmt.Errorf("%w (at %s)", ErrRevoked, t.RevokedAt.UTC().Format(time.RFC3339))
	}
	if !t.ExpiresAt.IsZero() && !now.Before(t.ExpiresAt) {
		return fmt.Errorf("%w (at %s)", ErrExpired, t.ExpiresAt.UTC().Format(time.RFC3339))
	}
	return nil
}

// Status is "active", "expired" or "revoked" at now, for lists.
func (t Token) Status(now time.Time) string {
	switch err := t.Check(now); {
	case errors.Is(err, ErrRevoked):
		return "revoked"
	case errors.Is(err, ErrExpired):
		return "expired"
	}
	return "active"
}

// Principal is who the token speaks for.
func (t Token) Principal() cryo.Principal {
	return cryo.Principal{TokenID: t.ID, Name: t.Name, Role: t.Role}
}

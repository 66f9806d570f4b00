package httpapi

// Authentication and roles: bearer tokens (or the anonymous viewer) to a principal, and
// each route group's required role.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/cryograph/cryograph/internal/auth"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

// TokenStore is what token authentication needs from storage.
type TokenStore interface {
	TokenByID(ctx context.Context, id string) (auth.Token, error)
	TouchToken(ctx context.Context, id string, at time.Time) error
}

// TokenVerifier turns a bearer token into the principal it speaks for.
type TokenVerifier interface {
	Verify(ctx context.Context, token string) (cryo.Principal, error)
}

// Error codes of access control; clients switch on them like on the domain codes.
const (
	codeUnauthenticated = "unauthenticated"
	codeForbidden       = "forbidden"
)

const principalKey = "principal"

// principalFrom returns who is calling, as authenticate found it; the zero Principal (role
// none) when authenticate did not run.
func principalFrom(c *gin.Context) cryo.Principal {
	p, _ := c.Get(principalKey)
	pr, _ := p.(cryo.Principal)
	return pr
}

// noTokens refuses every token: the server was built without a token store.
type noTokens struct{}

func (noTokens) Verify(context.Context, string) (cryo.Principal, error) {
	return cryo.Principal{}, auth.ErrInvalid
}

// unauthenticated answers 401 with a WWW-Authenticate challenge (RFC 6750).
func unauthenticated(c *gin.Context, challenge, msg string) {
	c.Header("WWW-Authenticate", challenge)
	_ = c.Error(apiError(http.StatusUnauthorized, codeUnauthenticated, msg))
	c.Abort()
}

const (
	challenge        = `Bearer realm="cryograph"`
	challengeInvalid = `Bearer realm="cryograph", error="invalid_token"`
)

// authenticate finds out who is calling from "Authorization: Bearer <token>". Without the
// header the caller is the anonymous viewer when anonymous reading is on, else it is a 401.
// A header that is present but wrong is always a 401, never a silent fall-back to anonymous:
// a client with a broken token should learn so at once. The principal goes on the context,
// and its name as "actor" for the handlers that record who did something.
//
// Failed authentications are counted per client IP (failures): past the limit, a request
// with a token gets 429 before its token is looked at, so guessing tokens costs the guesser
// time and the graph nothing. A malformed token is refused by its shape (auth.Parse), with no
// lookup at all.
func authenticate(v TokenVerifier, anonymousRead bool, failures *limiterSet) gin.HandlerFunc {
	failed := func(c *gin.Context) {
		if failures != nil {
			failures.take("ip:" + c.ClientIP())
		}
	}
	return func(c *gin.Context) {
		h := c.GetHeader("Authorization")
		if h == "" {
			if !anonymousRead {
				unauthenticated(c, challenge, "authentication required: send an API token as Authorization: Bearer <token>")
				return
			}
			setPrincipal(c, cryo.Anonymous)
			c.Next()
			return
		}
		if failures != nil {
			if ok, wait := failures.blocked("ip:" + c.ClientIP()); ok {
				tooMany(c, wait, fmt.Sprintf("too many failed authentications from this address: at most %d, then %g a second",
					failures.limit.Burst, failures.limit.PerSecond))
				return
			}
		}
		scheme, token, _ := strings.Cut(h, " ")
		token = strings.TrimSpace(token)
		if !strings.EqualFold(scheme, "Bearer") || token == "" {
			failed(c)
			unauthenticated(c, challengeInvalid, "the Authorization header must be Bearer <token>")
			return
		}
		p, err := v.Verify(c.Request.Context(), token)
		switch {
		case err == nil:
		case errors.Is(err, auth.ErrMalformed), errors.Is(err, auth.ErrInvalid),
			errors.Is(err, auth.ErrExpired), errors.Is(err, auth.ErrRevoked):
			failed(c)
			unauthenticated(c, challengeInvalid, err.Error())
			return
		default: // the token store failed: 503 or 500, not the caller's fault
			_ = c.Error(err)
			c.Abort()
			return
		}
		setPrincipal(c, p)
		c.Next()
	}
}

func setPrincipal(c *gin.Context, p cryo.Principal) {
	c.Set(principalKey, p)
	c.Set("actor", p.Name)
}

// requireRole lets through callers whose role is at least need. The anonymous caller gets a
// 401 (a token would help); a caller with a token whose role is too low gets a 403 (another
// request with the same token never will).
func requireRole(need cryo.Role) gin.HandlerFunc {
	return func(c *gin.Context) {
		p := principalFrom(c)
		if p.Role.Allows(need) {
			c.Next()
			return
		}
		if p.TokenID == "" {
			unauthenticated(c, challenge, "this endpoint needs the "+need.String()+" role: send an API token as Authorization: Bearer <token>")
			return
		}
		_ = c.Error(apiError(http.StatusForbidden, codeForbidden,
			"this endpoint needs the "+need.String()+" role; token "+p.Name+" has the "+p.Role.String()+" role"))
		c.Abort()
	}
}

// tokenCacheTTL is how long a looked-up token is reused without asking the store again.
// Without it every request with a token cost one more round trip to Neo4j (about 1 ms, the
// largest part of what the API added to a profile). Expiry is still checked on every request
// (the verifier does, against the clock); a revocation made by another process (`cryograph
// token revoke`) is seen within this time.
const tokenCacheTTL = 2 * time.Second

// tokenCacheMax bounds the cache; when full it is emptied (unknown ids are never cached, so
// only valid token ids can fill it).
const tokenCacheMax = 10000

// tokenCache remembers the tokens found in the last tokenCacheTTL.
type tokenCache struct {
	TokenStore
	now     func() time.Time
	mu      sync.Mutex
	entries map[string]cachedToken
}

type cachedToken struct {
	token auth.Token
	at    time.Time
}

func newTokenCache(s TokenStore) *tokenCache {
	return &tokenCache{TokenStore: s, now: time.Now, entries: map[string]cachedToken{}}
}

// TokenByID answers from the cache when the entry is fresh, else from the store. Errors
// (not found included) are not cached.
func (c *tokenCache) TokenByID(ctx context.Context, id string) (auth.Token, error) {
	now := c.now()
	c.mu.Lock()
	e, ok := c.entries[id]
	c.mu.Unlock()
	if ok && now.Sub(e.at) < tokenCacheTTL && !now.Before(e.at) {
		return e.token, nil
	}
	t, err := c.TokenStore.TokenByID(ctx, id)
	if err != nil {
		return t, err
	}
	c.mu.Lock()
	if len(c.entries) >= tokenCacheMax {
		c.entries = map[string]cachedToken{}
	}
	c.entries[id] = cachedToken{token: t, at: now}
	c.mu.Unlock()
	return t, nil
}

// TouchToken records the use in the store and in the cached copy, so the verifier does not
// touch again on every request while the copy is fresh.
func (c *tokenCache) TouchToken(ctx context.Context, id string, at time.Time) error {
	err := c.TokenStore.TouchToken(ctx, id, at)
	if err == nil {
		c.mu.Lock()
		if e, ok := c.entries[id]; ok {
			e.token.LastUsedAt = at
			c.entries[id] = e
		}
		c.mu.Unlock()
	}
	return err
}

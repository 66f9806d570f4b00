package auth_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cryograph/cryograph/internal/auth"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var now = time.Date(2026, 11, 26, 6, 0, 0, 0, time.UTC)

func TestNewIssuesAParsableTokenWhoseSecretIsOnlyHashed(t *testing.T) {
	tok, plain, err := auth.New("  Jane, partnerships  ", cryo.RoleAnalyst, 720*time.Hour, now)
	require.NoError(t, err)
	assert.Regexp(t, `^cg_[0-9a-f]{16}_[0-9a-f]{64}$`, plain)
	id, secret, err := auth.Parse(plain)
	require.NoError(t, err)
	assert.Equal(t, tok.ID, id)
	assert.Equal(t, "Jane, partnerships", tok.Name, "names are trimmed")
	assert.Equal(t, cryo.RoleAnalyst, tok.Role)
	assert.Equal(t, now, tok.CreatedAt)
	assert.Equal(t, now.Add(720*time.Hour), tok.ExpiresAt)
	assert.NotContains(t, tok.Hash, secret)
	assert.Equal(t, auth.HashSecret(secret), tok.Hash)
	assert.True(t, tok.Matches(secret))
	assert.False(t, tok.Matches(strings.Repeat("0", 64)))

	other, plain2, err := auth.New("x", cryo.RoleViewer, 0, now)
	require.NoError(t, err)
	assert.NotEqual(t, plain, plain2, "every token is random")
	assert.True(t, other.ExpiresAt.IsZero(), "no --expires means no expiry")
}

func TestNewRejectsBadInput(t *testing.T) {
	tests := []struct {
		name  string
		tname string
		role  cryo.Role
		ttl   time.Duration
		field string
	}{
		{"an empty name", "  ", cryo.RoleViewer, 0, "name"},
		{"a name too long", strings.Repeat("x", auth.MaxNameLen+1), cryo.RoleViewer, 0, "name"},
		{"a name with a newline", "a\nb", cryo.RoleViewer, 0, "name"},
		{"the none role", "x", cryo.RoleNone, 0, "role"},
		{"an unknown role", "x", cryo.Role(9), 0, "role"},
		{"a negative lifetime", "x", cryo.RoleAdmin, -time.Hour, "expires"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := auth.New(tt.tname, tt.role, tt.ttl, now)
			var ce *cryo.Error
			require.ErrorAs(t, err, &ce)
			assert.Equal(t, tt.field, ce.Field)
		})
	}
}

func TestParseRejectsMalformedTokens(t *testing.T) {
	good := "cg_0123456789abcdef_" + strings.Repeat("ab", 32)
	_, _, err := auth.Parse(good)
	require.NoError(t, err)
	for name, s := range map[string]string{
		"empty":              "",
		"no prefix":          strings.TrimPrefix(good, "cg_"),
		"no separator":       strings.Replace(good, "f_", "f", 1),
		"short id":           "cg_0123_" + strings.Repeat("ab", 32),
		"short secret":       "cg_0123456789abcdef_abcd",
		"upper-case hex":     strings.ToUpper(good[:3]) + good[3:],
		"non-hex secret":     "cg_0123456789abcdef_" + strings.Repeat("zz", 32),
		"trailing garbage":   good + "_x",
		"the old admin form": "test-admin-token-0123456789",
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := auth.Parse(s)
			assert.ErrorIs(t, err, auth.ErrMalformed)
		})
	}
}

func TestCheckAndStatus(t *testing.T) {
	tests := []struct {
		name   string
		tok    auth.Token
		want   error
		status string
	}{
		{"without expiry it stays active", auth.Token{}, nil, "active"},
		{"before its expiry it is active", auth.Token{ExpiresAt: now.Add(time.Second)}, nil, "active"},
		{"at its expiry it has expired", auth.Token{ExpiresAt: now}, auth.ErrExpired, "expired"},
		{"a revoked token is revoked", auth.Token{RevokedAt: now.Add(-time.Hour)}, auth.ErrRevoked, "revoked"},
		{"revocation wins over expiry", auth.Token{RevokedAt: now, ExpiresAt: now.Add(-time.Hour)}, auth.ErrRevoked, "revoked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.tok.Check(now)
			if tt.want == nil {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, tt.want)
			}
			assert.Equal(t, tt.status, tt.tok.Status(now))
		})
	}
}

// The verifier runs against the real store: tokens are stored, found, refused and touched.
func TestVerifierAgainstTheStore(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()
	issue := func(t *testing.T, role cryo.Role, ttl time.Duration, at time.Time) (auth.Token, string) {
		tok, plain, err := auth.New("verifier test", role, ttl, at)
		require.NoError(t, err)
		require.NoError(t, st.CreateToken(ctx, tok))
		return tok, plain
	}
	clock := time.Now()
	v := auth.NewVerifier(st)
	v.Now = func() time.Time { return clock }

	good, goodPlain := issue(t, cryo.RoleEditor, time.Hour, clock)
	_, expiredPlain := issue(t, cryo.RoleAdmin, time.Minute, clock.Add(-time.Hour))
	revoked, revokedPlain := issue(t, cryo.RoleAdmin, 0, clock)
	_, err := st.RevokeToken(ctx, revoked.ID, clock)
	require.NoError(t, err)
	id, _, _ := auth.Parse(goodPlain)

	tests := []struct {
		name  string
		token string
		want  error
	}{
		{"a malformed token", "hello", auth.ErrMalformed},
		{"an unknown id", auth.Format("0000000000000000", strings.Repeat("ab", 32)), auth.ErrInvalid},
		{"a known id with a wrong secret", auth.Format(id, strings.Repeat("ab", 32)), auth.ErrInvalid},
		{"an expired token", expiredPlain, auth.ErrExpired},
		{"a revoked token", revokedPlain, auth.ErrRevoked},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is refused", func(t *testing.T) {
			_, err := v.Verify(ctx, tt.token)
			assert.ErrorIs(t, err, tt.want)
		})
	}
	t.Run("an unknown id and a wrong secret read the same", func(t *testing.T) {
		_, e1 := v.Verify(ctx, tests[1].token)
		_, e2 := v.Verify(ctx, tests[2].token)
		assert.Equal(t, e1.Error(), e2.Error())
	})
	t.Run("a good token gives its principal and records its use at most once a minute", func(t *testing.T) {
		p, err := v.Verify(ctx, goodPlain)
		require.NoError(t, err)
		assert.Equal(t, cryo.Principal{TokenID: good.ID, Name: "verifier test", Role: cryo.RoleEditor}, p)
		first, err := st.TokenByID(ctx, good.ID)
		require.NoError(t, err)
		require.False(t, first.LastUsedAt.IsZero())

		clock = clock.Add(30 * time.Second)
		_, err = v.Verify(ctx, goodPlain)
		require.NoError(t, err)
		again, err := st.TokenByID(ctx, good.ID)
		require.NoError(t, err)
		assert.True(t, first.LastUsedAt.Equal(again.LastUsedAt), "not rewritten within a minute")

		clock = clock.Add(31 * time.Second)
		_, err = v.Verify(ctx, goodPlain)
		require.NoError(t, err)
		later, err := st.TokenByID(ctx, good.ID)
		require.NoError(t, err)
		assert.True(t, later.LastUsedAt.After(first.LastUsedAt), "rewritten after a minute")
	})
}

//go:build integration

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cryograph/cryograph/internal/auth"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testEnv runs a command in-process against the test Neo4j, capturing its output.
func testEnv() (env, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return env{getenv: os.Getenv, stdout: &out, stderr: &errOut}, &out, &errOut
}

func TestTokenCommand(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()

	e, out, errOut := testEnv()
	require.NoError(t, cmdToken(ctx, e, []string{"create", "--role", "analyst", "--name", "CLI test", "--expires", "720h"}))
	plain := strings.TrimSpace(out.String())
	t.Run("create prints only the token on stdout, once, with a warning on stderr", func(t *testing.T) {
		assert.Regexp(t, regexp.MustCompile(`^cg_[0-9a-f]{16}_[0-9a-f]{64}$`), plain)
		assert.Contains(t, errOut.String(), "cannot be shown again")
		assert.Contains(t, errOut.String(), "analyst role")
		assert.NotContains(t, errOut.String(), plain)
	})
	id, secret, err := auth.Parse(plain)
	require.NoError(t, err)
	tok, err := st.TokenByID(ctx, id)
	require.NoError(t, err)
	t.Run("the stored token has the role, name and expiry asked for", func(t *testing.T) {
		assert.Equal(t, cryo.RoleAnalyst, tok.Role)
		assert.Equal(t, "CLI test", tok.Name)
		assert.WithinDuration(t, time.Now().Add(720*time.Hour), tok.ExpiresAt, time.Minute)
		assert.True(t, tok.Matches(secret))
	})

	t.Run("list shows the token but never a secret", func(t *testing.T) {
		e, out, _ := testEnv()
		require.NoError(t, cmdToken(ctx, e, []string{"list"}))
		assert.Contains(t, out.String(), id)
		assert.Contains(t, out.String(), "CLI test")
		assert.Contains(t, out.String(), "active")
		assert.NotContains(t, out.String(), secret)
		assert.NotContains(t, out.String(), tok.Hash)

		e, out, _ = testEnv()
		require.NoError(t, cmdToken(ctx, e, []string{"list", "--json"}))
		var rows []map[string]any
		require.NoError(t, json.Unmarshal(out.Bytes(), &rows), out.String())
		require.Len(t, rows, 1)
		assert.Equal(t, "analyst", rows[0]["role"])
		assert.Equal(t, "active", rows[0]["status"])
		assert.NotContains(t, out.String(), secret)
		assert.NotContains(t, out.String(), tok.Hash)
	})

	t.Run("revoke takes effect and a second revoke says so", func(t *testing.T) {
		e, out, _ := testEnv()
		require.NoError(t, cmdToken(ctx, e, []string{"revoke", id}))
		assert.Contains(t, out.String(), "revoked token "+id)
		_, err := auth.NewVerifier(st).Verify(ctx, plain)
		assert.ErrorIs(t, err, auth.ErrRevoked)

		e, out, _ = testEnv()
		require.NoError(t, cmdToken(ctx, e, []string{"revoke", plain}), "the whole token works as well as its id")
		assert.Contains(t, out.String(), "already revoked")

		e, out, _ = testEnv()
		require.NoError(t, cmdToken(ctx, e, []string{"list"}))
		assert.Contains(t, out.String(), "revoked")
	})

	t.Run("bad usage is a usage error", func(t *testing.T) {
		for name, args := range map[string][]string{
			"no subcommand":      nil,
			"unknown subcommand": {"rotate"},
			"unknown role":       {"create", "--role", "owner", "--name", "x"},
			"missing name":       {"create", "--role", "viewer"},
			"negative expiry":    {"create", "--role", "viewer", "--name", "x", "--expires", "-1h"},
			"revoke without id":  {"revoke"},
		} {
			t.Run(name, func(t *testing.T) {
				e, _, _ := testEnv()
				assert.ErrorIs(t, cmdToken(ctx, e, args), errUsage)
			})
		}
		e, _, _ := testEnv()
		err := cmdToken(ctx, e, []string{"revoke", "0000000000000000"})
		assert.Equal(t, cryo.ECodeNotFound, cryo.ErrorCode(err))
	})
	t.Run("help explains every subcommand with examples", func(t *testing.T) {
		for _, args := range [][]string{{"--help"}, {"create", "--help"}, {"list", "--help"}, {"revoke", "--help"}} {
			var out bytes.Buffer
			err := cmdToken(ctx, env{getenv: os.Getenv, stdout: &out, stderr: io.Discard}, args)
			require.ErrorIs(t, err, flag.ErrHelp)
			assert.Contains(t, out.String(), "Usage: cryograph token")
			assert.Contains(t, out.String(), "Examples:")
		}
	})
}

func TestAuditCommand(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()
	base := time.Now().UTC()
	require.NoError(t, st.Audit(ctx, cryo.AuditEntry{At: base, Who: "ana", TokenID: "abc", Action: "cypher",
		What: "MATCH (n)\nRETURN count(n)", Millis: 12, Rows: 1, Outcome: "ok"}))
	require.NoError(t, st.Audit(ctx, cryo.AuditEntry{At: base.Add(time.Second), Who: "ed", Action: "merge", What: "POST /api/v1/merges", Outcome: "not_found"}))

	e, out, _ := testEnv()
	require.NoError(t, cmdAudit(ctx, e, nil))
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 3, out.String())
	assert.Contains(t, lines[1], "merge", "newest first")
	assert.Contains(t, lines[2], "ana (abc)")
	assert.Contains(t, lines[2], "MATCH (n) RETURN count(n)", "one line per record")

	e, out, _ = testEnv()
	require.NoError(t, cmdAudit(ctx, e, []string{"--limit", "1", "--json"}))
	var events []cryo.AuditEntry
	require.NoError(t, json.Unmarshal(out.Bytes(), &events))
	require.Len(t, events, 1)
	assert.Equal(t, "not_found", events[0].Outcome)

	e, _, _ = testEnv()
	assert.ErrorIs(t, cmdAudit(ctx, e, []string{"--limit", "1000"}), errUsage)
}

package store_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cryograph/cryograph/internal/auth"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTokensCreateListRevoke(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()
	start := time.Now().UTC().Truncate(time.Millisecond)

	older, _, err := auth.New("older", cryo.RoleViewer, 0, start.Add(-time.Hour))
	require.NoError(t, err)
	tok, plain, err := auth.New("store test", cryo.RoleAnalyst, 24*time.Hour, start)
	require.NoError(t, err)
	require.NoError(t, st.CreateToken(ctx, older))
	require.NoError(t, st.CreateToken(ctx, tok))
	_, secret, err := auth.Parse(plain)
	require.NoError(t, err)

	t.Run("the secret is stored nowhere, only its hash", func(t *testing.T) {
		res, err := neo4j.ExecuteQuery(ctx, st.Driver(), "MATCH (t:ApiToken {id: $id}) RETURN properties(t) AS p",
			map[string]any{"id": tok.ID}, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(st.Database()))
		require.NoError(t, err)
		require.Len(t, res.Records, 1)
		props := res.Records[0].AsMap()["p"].(map[string]any)
		assert.NotEqual(t, secret, props["hash"])
		assert.Equal(t, auth.HashSecret(secret), props["hash"])
		for k, v := range props {
			assert.NotContains(t, fmt.Sprint(v), secret, "property %s", k)
			assert.NotContains(t, fmt.Sprint(v), plain, "property %s", k)
		}
		assert.Equal(t, "analyst", props["role"])
		assert.Nil(t, props["revokedAt"])
	})
	t.Run("a token reads back as created", func(t *testing.T) {
		got, err := st.TokenByID(ctx, tok.ID)
		require.NoError(t, err)
		assert.Equal(t, tok, got)
	})
	t.Run("an unknown id is not found", func(t *testing.T) {
		_, err := st.TokenByID(ctx, "0000000000000000")
		assert.Equal(t, cryo.ECodeNotFound, cryo.ErrorCode(err))
		_, err = st.RevokeToken(ctx, "0000000000000000", start)
		assert.Equal(t, cryo.ECodeNotFound, cryo.ErrorCode(err))
	})
	t.Run("the list is newest first", func(t *testing.T) {
		ts, err := st.Tokens(ctx)
		require.NoError(t, err)
		require.Len(t, ts, 2)
		assert.Equal(t, []string{tok.ID, older.ID}, []string{ts[0].ID, ts[1].ID})
	})
	t.Run("revoking twice keeps the first moment", func(t *testing.T) {
		got, err := st.RevokeToken(ctx, tok.ID, start.Add(time.Minute))
		require.NoError(t, err)
		assert.True(t, got.RevokedAt.Equal(start.Add(time.Minute)))
		got, err = st.RevokeToken(ctx, tok.ID, start.Add(time.Hour))
		require.NoError(t, err)
		assert.True(t, got.RevokedAt.Equal(start.Add(time.Minute)))
		assert.ErrorIs(t, got.Check(time.Now()), auth.ErrRevoked)
	})
	t.Run("a duplicate id is refused by the constraint", func(t *testing.T) {
		assert.Error(t, st.CreateToken(ctx, tok))
	})
}

func TestAuditRecordsAndLists(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()
	base := time.Now().UTC().Truncate(time.Millisecond)
	for i := range 3 {
		require.NoError(t, st.Audit(ctx, cryo.AuditEntry{At: base.Add(time.Duration(i) * time.Second), Who: "ana",
			TokenID: "abc", Action: "cypher", What: fmt.Sprintf("RETURN %d", i), Duration: 1500 * time.Millisecond, Rows: i, Outcome: "ok"}))
	}
	long := strings.Repeat("é", 3000) // 6000 bytes
	require.NoError(t, st.Audit(ctx, cryo.AuditEntry{At: base.Add(time.Hour), Who: "ed", Action: "import", What: long, Outcome: "invalid_argument"}))

	all, err := st.AuditLog(ctx, cryo.Page{Limit: 10})
	require.NoError(t, err)
	require.Len(t, all, 4)
	t.Run("newest first", func(t *testing.T) {
		assert.Equal(t, "import", all[0].Action)
		assert.Equal(t, "RETURN 2", all[1].What)
		assert.Equal(t, "RETURN 0", all[3].What)
	})
	t.Run("fields round-trip", func(t *testing.T) {
		e := all[1]
		assert.True(t, e.At.Equal(base.Add(2*time.Second)))
		assert.Equal(t, "ana", e.Who)
		assert.Equal(t, "abc", e.TokenID)
		assert.Equal(t, int64(1500), e.Millis, "the duration is kept in milliseconds")
		assert.Equal(t, 2, e.Rows)
		assert.Equal(t, "ok", e.Outcome)
	})
	t.Run("what is bounded and still valid UTF-8", func(t *testing.T) {
		w := all[0].What
		assert.LessOrEqual(t, len(w), 4000)
		assert.True(t, strings.HasSuffix(w, "…[truncated]"))
		assert.True(t, strings.HasPrefix(long, strings.TrimSuffix(w, "…[truncated]")))
	})
	t.Run("pages", func(t *testing.T) {
		page, err := st.AuditLog(ctx, cryo.Page{Limit: 2, Offset: 2})
		require.NoError(t, err)
		require.Len(t, page, 2)
		assert.Equal(t, "RETURN 1", page[0].What)
	})
}

func TestAuditWriterBatchesConcurrentRecordsAndLosesNone(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.Reset(t, st)
	ctx := context.Background()
	w := store.NewAuditWriter(st, nil)
	base := time.Now().UTC().Truncate(time.Millisecond)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 100 {
				assert.NoError(t, w.Audit(ctx, cryo.AuditEntry{At: base.Add(time.Duration(g*100+i) * time.Millisecond), Who: "ana",
					Action: "cypher", What: fmt.Sprintf("RETURN %d", g*100+i), Outcome: "ok"}))
			}
		}()
	}
	wg.Wait()
	// AuditLog writes what is queued before it reads: a caller sees its own records.
	all, err := w.AuditLog(ctx, cryo.Page{Limit: 1000})
	require.NoError(t, err)
	require.Len(t, all, 800)
	seen := map[string]bool{}
	for _, e := range all {
		seen[e.What] = true
	}
	assert.Len(t, seen, 800, "every record once")
	assert.Equal(t, "RETURN 799", all[0].What, "newest first")

	// Close writes what is still queued; afterwards Audit refuses.
	require.NoError(t, w.Audit(ctx, cryo.AuditEntry{At: base.Add(time.Hour), Who: "ed", Action: "merge", Outcome: "ok"}))
	require.NoError(t, w.Close(ctx))
	after, err := st.AuditLog(ctx, cryo.Page{Limit: 1})
	require.NoError(t, err)
	require.Len(t, after, 1)
	assert.Equal(t, "merge", after[0].Action)
	require.ErrorIs(t, w.Audit(ctx, cryo.AuditEntry{Who: "late"}), store.ErrAuditClosed)
	require.NoError(t, w.Close(ctx), "closing twice is harmless")
}

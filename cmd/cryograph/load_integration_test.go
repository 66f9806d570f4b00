//go:build integration

package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/cryograph/cryograph/internal/generate"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// --max-memory: an input whose ids outgrow the limit is validated in parts, and says so.
func TestLoadValidatesInPartsWithinMaxMemory(t *testing.T) {
	neo4jtest.Store(t)                                   // migrated
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1)) // load sets Go's limit: put it back
	f, err := os.Create(filepath.Join(t.TempDir(), "syn.jsonl"))
	require.NoError(t, err)
	_, err = generate.Write(f, generate.Options{People: 8000, Seed: 3})
	require.NoError(t, err)
	require.NoError(t, f.Close())

	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"load", "--dry-run", "--max-memory", "1", f.Name()}, os.Getenv, &out, io.Discard))
	assert.Regexp(t, `validated in \d+ parts, one reading of the files each, to stay within --max-memory`, out.String())

	out.Reset()
	require.NoError(t, run(context.Background(), []string{"load", "--dry-run", f.Name()}, os.Getenv, &out, io.Discard))
	assert.NotContains(t, out.String(), "parts", "the default limit holds these ids in one part")

	err = run(context.Background(), []string{"load", "--max-memory", "-1", f.Name()}, os.Getenv, io.Discard, io.Discard)
	assert.ErrorIs(t, err, errUsage)
}

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/cryograph/cryograph/data"
	"github.com/cryograph/cryograph/internal/bench"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func envMap(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestHelpExplainsEveryCommand(t *testing.T) {
	for name := range commands() {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(context.Background(), []string{name, "--help"}, envMap(nil), &out, io.Discard)
			require.ErrorIs(t, err, flag.ErrHelp)
			assert.Contains(t, out.String(), "Usage: cryograph-bench "+name)
			assert.Contains(t, out.String(), "Examples:")
			assert.Contains(t, out.String(), "cryograph-bench "+name+" ", "the examples use the command's own spelling")
		})
	}
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"--help"}, envMap(nil), &out, io.Discard))
	for name := range commands() {
		assert.Contains(t, out.String(), name)
	}
	assert.Contains(t, out.String(), "cryograph bench-load", "says what the commands were called before")
}

// Every argument is checked before Neo4j is reached: none of these needs a server.
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"an unknown command", []string{"bench-load"}, `unknown command "bench-load"`},
		{"an unknown flag", []string{"api", "--no-such-flag"}, "no-such-flag"},
		{"load without a file", []string{"load", "--yes-delete-everything", "--import-dir", "/tmp"}, "--file and --import-dir are required"},
		{"load without an import dir for LOAD CSV", []string{"load", "--yes-delete-everything", "--file", "f"}, "--file and --import-dir are required"},
		{"load without the confirmation", []string{"load", "--file", "f", "--import-dir", "/tmp"}, "pass --yes-delete-everything"},
		{"load with a batch size that is no number", []string{"load", "--batch-sizes", "1000,x"}, `"x" is not a positive number`},
		{"api on a side that does not exist", []string{"api", "--sides", "api,db"}, "the sides are api and raw"},
		{"api at concurrency 0", []string{"api", "--concurrency", "1,0"}, "--concurrency"},
		{"a bad NEO4J_URI", []string{"api", "--neo4j-uri", "http://x"}, "scheme must be"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(context.Background(), tt.args, envMap(nil), io.Discard, io.Discard)
			assert.ErrorIs(t, err, errUsage)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

// load then api, end to end on the demo dataset, as 'make bench' runs them on synthetic data
// (the quickest partial run: one batch size, no second writer, no neo4j-admin or bulk-load).
func TestLoadThenAPIOnTheDemoData(t *testing.T) {
	neo4jtest.Store(t) // skips without a Neo4j; migrates
	var all []byte
	require.NoError(t, fs.WalkDir(data.Demo(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(data.Demo(), path)
		all = append(all, b...)
		return err
	}))
	file := filepath.Join(t.TempDir(), "demo.jsonl")
	require.NoError(t, os.WriteFile(file, all, 0o644))
	args := []string{"load", "--yes-delete-everything", "--file", file, "--batch-sizes", "1000",
		"--two-writers-batch", "-1", "--sample-rows", "0", "--skip-admin", "--skip-bulk"}
	if os.Getenv("CRYOGRAPH_NEO4J_IMPORT_DIR") == "" {
		args = append(args, "--skip-load-csv")
	}

	var out bytes.Buffer
	require.NoError(t, run(context.Background(), args, os.Getenv, &out, io.Discard))
	var rep bench.Report
	require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
	assert.Positive(t, rep.Rows)
	require.NotEmpty(t, rep.Results)
	assert.Equal(t, "cryograph load, batch 1000, 1 writer", rep.Results[0].Name)
	for _, r := range rep.Results {
		assert.Positive(t, r.Seconds, r.Name)
	}

	out.Reset()
	require.NoError(t, run(context.Background(), []string{"api", "--requests", "4", "--rounds", "1", "--concurrency", "1",
		"--person", "person:xu_yi", "--other", "person:zhao_gang", "--topic", "topic:organ-preservation", "--q", "vitrif"},
		os.Getenv, &out, io.Discard))
	var lat []bench.Latency
	require.NoError(t, json.Unmarshal(out.Bytes(), &lat))
	sides := map[string]int{}
	for _, l := range lat {
		sides[l.Side]++
		assert.Equal(t, 4, l.Requests, "%s %s", l.Case, l.Side)
	}
	assert.Equal(t, 8, sides["api"], "six endpoints, the console and the HTTP floor")
	assert.Equal(t, 7, sides["raw"], "each but the HTTP floor through the driver too")
}

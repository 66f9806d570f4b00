package cli

import (
	"bytes"
	"errors"
	"flag"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHelpGoesToStdoutWithTheExamples(t *testing.T) {
	var stdout, stderr bytes.Buffer
	fs := NewFlagSet(&stderr, "cryograph", "load", "load FILE...", "Loads files.", "  cryograph load a.jsonl\n")
	fs.Bool("dry-run", false, "validate only")

	err := Parse(&stdout, fs, []string{"--help"})

	require.ErrorIs(t, err, flag.ErrHelp)
	assert.Contains(t, stdout.String(), "Usage: cryograph load FILE...")
	assert.Contains(t, stdout.String(), "-dry-run")
	assert.Contains(t, stdout.String(), "Examples:\n  cryograph load a.jsonl")
	assert.Empty(t, stderr.String())
}

func TestABadFlagIsAUsageError(t *testing.T) {
	var stdout, stderr bytes.Buffer
	fs := NewFlagSet(&stderr, "cryograph-bench", "api", "api [flags]", "Times the API.", "")

	err := Parse(&stdout, fs, []string{"--nope"})

	require.True(t, errors.Is(err, ErrUsage), err)
	assert.Contains(t, err.Error(), "nope")
	assert.Empty(t, stdout.String())
}

func TestArgumentsAfterADoubleDashAreNotHelp(t *testing.T) {
	fs := NewFlagSet(&bytes.Buffer{}, "cryograph", "neo4j", "neo4j exec -- CMD", "", "")
	require.NoError(t, Parse(&bytes.Buffer{}, fs, []string{"--", "go", "test", "--help"}))
	assert.Equal(t, []string{"go", "test", "--help"}, fs.Args())
}

func TestTheLoggerWritesJSONWhenAsked(t *testing.T) {
	var buf bytes.Buffer
	NewLogger(&buf, "json").Info("ready", "port", 8080)
	assert.Contains(t, buf.String(), `"msg":"ready"`)
	buf.Reset()
	NewLogger(&buf, "text").Info("ready")
	assert.Contains(t, buf.String(), "msg=ready")
}

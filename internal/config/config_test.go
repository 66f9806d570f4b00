package config_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/cryograph/cryograph/internal/config"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestFromEnv(t *testing.T) {
	t.Run("defaults match the local launcher", func(t *testing.T) {
		c, err := config.FromEnv(envOf(nil))
		require.NoError(t, err)
		assert.Equal(t, "bolt://127.0.0.1:7687", c.Neo4jURI)
		assert.Equal(t, "neo4j", c.Neo4jUsername)
		assert.Equal(t, "cryograph-dev", c.Neo4jPassword)
		assert.Equal(t, "neo4j", c.Neo4jDatabase)
		assert.Equal(t, ":8080", c.Addr)
		assert.True(t, c.AnonymousRead, "reading is open by default; writes always need a token")
		assert.Equal(t, 20.0, c.RateLimit)
		assert.Equal(t, 40, c.RateBurst)
		assert.Equal(t, 2.0, c.CypherRateLimit)
		assert.Equal(t, 5, c.CypherRateBurst)
		assert.Equal(t, 2, c.CypherConcurrency)
		assert.Empty(t, c.MetricsToken, "unset: /metrics answers loopback callers only")
		assert.Empty(t, c.TrustedProxies)
		assert.NoError(t, c.Validate())
	})
	t.Run("environment overrides defaults", func(t *testing.T) {
		c, err := config.FromEnv(envOf(map[string]string{
			"NEO4J_URI": "neo4j+s://abc.databases.neo4j.io", "NEO4J_USERNAME": "u", "NEO4J_PASSWORD": "p",
			"NEO4J_DATABASE": "graph", "CRYOGRAPH_ADDR": "127.0.0.1:9000",
			"CRYOGRAPH_ANONYMOUS_READ": "false", "CRYOGRAPH_RATE_LIMIT": "0.5", "CRYOGRAPH_RATE_BURST": "3",
			"CRYOGRAPH_CYPHER_RATE_LIMIT": "0", "CRYOGRAPH_CYPHER_RATE_BURST": "1",
			"CRYOGRAPH_CYPHER_CONCURRENCY": "3", "CRYOGRAPH_METRICS_TOKEN": "m",
			"CRYOGRAPH_TRUSTED_PROXIES": "10.0.0.1, 192.168.0.0/16",
		}))
		require.NoError(t, err)
		assert.Equal(t, config.Config{Neo4jURI: "neo4j+s://abc.databases.neo4j.io", Neo4jUsername: "u", Neo4jPassword: "p",
			Neo4jDatabase: "graph", Addr: "127.0.0.1:9000", LogFormat: "text", ShutdownTimeout: c.ShutdownTimeout,
			AnonymousRead: false, RateLimit: 0.5, RateBurst: 3, CypherRateLimit: 0, CypherRateBurst: 1,
			CypherConcurrency: 3, MetricsToken: "m",
			TrustedProxies: []string{"10.0.0.1", "192.168.0.0/16"}}, c)
		assert.NoError(t, c.Validate())
	})
	t.Run("unparsable access settings are named", func(t *testing.T) {
		_, err := config.FromEnv(envOf(map[string]string{"CRYOGRAPH_ANONYMOUS_READ": "maybe", "CRYOGRAPH_RATE_BURST": "lots"}))
		assert.ErrorContains(t, err, "CRYOGRAPH_ANONYMOUS_READ")
		assert.ErrorContains(t, err, "CRYOGRAPH_RATE_BURST")
	})
	t.Run("password from a file", func(t *testing.T) {
		f := filepath.Join(t.TempDir(), "pw")
		require.NoError(t, os.WriteFile(f, []byte("s3cret\n"), 0o600))
		c, err := config.FromEnv(envOf(map[string]string{"NEO4J_PASSWORD_FILE": f}))
		require.NoError(t, err)
		assert.Equal(t, "s3cret", c.Neo4jPassword)
	})
	t.Run("missing password file is an error", func(t *testing.T) {
		_, err := config.FromEnv(envOf(map[string]string{"NEO4J_PASSWORD_FILE": "/nonexistent/pw"}))
		assert.ErrorContains(t, err, "NEO4J_PASSWORD_FILE")
	})
}

func TestFlagsOverrideEnvironment(t *testing.T) {
	c, err := config.FromEnv(envOf(map[string]string{"NEO4J_URI": "bolt://env:7687"}))
	require.NoError(t, err)
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	c.RegisterNeo4jFlags(fs)
	c.RegisterServeFlags(fs)
	require.NoError(t, fs.Parse([]string{"--neo4j-uri", "neo4j://flag:7687", "--addr", ":0",
		"--anonymous-read=false", "--rate-limit", "5", "--cypher-rate-burst", "1"}))
	assert.Equal(t, "neo4j://flag:7687", c.Neo4jURI)
	assert.Equal(t, ":0", c.Addr)
	assert.False(t, c.AnonymousRead)
	assert.Equal(t, 5.0, c.RateLimit)
	assert.Equal(t, 1, c.CypherRateBurst)
}

func TestValidate(t *testing.T) {
	ok := config.Config{Neo4jURI: "bolt://localhost:7687", Neo4jUsername: "neo4j", Neo4jDatabase: "neo4j", Addr: ":8080", LogFormat: "text",
		RateLimit: 20, RateBurst: 40, CypherRateLimit: 2, CypherRateBurst: 5}
	for _, uri := range []string{"bolt://h:1", "bolt+s://h", "bolt+ssc://h", "neo4j://h:7687", "neo4j+s://x.databases.neo4j.io", "neo4j+ssc://h"} {
		c := ok
		c.Neo4jURI = uri
		assert.NoError(t, c.Validate(), uri)
	}
	tests := []struct {
		name   string
		mutate func(*config.Config)
		want   string
	}{
		{"http scheme is rejected", func(c *config.Config) { c.Neo4jURI = "http://localhost:7474" }, "scheme must be"},
		{"missing host is rejected", func(c *config.Config) { c.Neo4jURI = "bolt://" }, "missing host"},
		{"empty user is rejected", func(c *config.Config) { c.Neo4jUsername = "" }, "NEO4J_USERNAME"},
		{"empty database is rejected", func(c *config.Config) { c.Neo4jDatabase = "" }, "NEO4J_DATABASE"},
		{"empty address is rejected", func(c *config.Config) { c.Addr = "" }, "CRYOGRAPH_ADDR"},
		{"unknown log format is rejected", func(c *config.Config) { c.LogFormat = "xml" }, "log format"},
		{"a negative rate limit is rejected", func(c *config.Config) { c.RateLimit = -1 }, "CRYOGRAPH_RATE_LIMIT"},
		{"a rate limit without burst is rejected", func(c *config.Config) { c.CypherRateBurst = 0 }, "CRYOGRAPH_CYPHER_RATE_LIMIT"},
		{"a trusted proxy that is no address is rejected", func(c *config.Config) { c.TrustedProxies = []string{"proxy.local"} }, "CRYOGRAPH_TRUSTED_PROXIES"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			tt.mutate(&c)
			assert.ErrorContains(t, c.Validate(), tt.want)
		})
	}
}

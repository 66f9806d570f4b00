package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/cryograph/cryograph/internal/config"
	"github.com/cryograph/cryograph/internal/localneo4j"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

type composeFile struct {
	Services map[string]struct {
		Image       string            `yaml:"image"`
		Build       any               `yaml:"build"`
		Command     []string          `yaml:"command"`
		Environment map[string]string `yaml:"environment"`
		Ports       []string          `yaml:"ports"`
		Healthcheck *struct {
			Test []string `yaml:"test"`
		} `yaml:"healthcheck"`
		DependsOn map[string]struct {
			Condition string `yaml:"condition"`
		} `yaml:"depends_on"`
	} `yaml:"services"`
}

// TestDockerComposeMatchesTheApp parses docker-compose.yml (no Docker engine runs here) and
// checks it against the app's configuration and the local launcher's settings.
func TestDockerComposeMatchesTheApp(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("..", "..", "docker-compose.yml"))
	require.NoError(t, err)
	var c composeFile
	require.NoError(t, yaml.Unmarshal(raw, &c))

	neo, ok := c.Services["neo4j"]
	require.True(t, ok, "a neo4j service")
	app, ok := c.Services["app"]
	require.True(t, ok, "an app service")

	t.Run("neo4j is 5.26 community with a healthcheck", func(t *testing.T) {
		assert.Equal(t, "neo4j:5.26-community", neo.Image)
		assert.True(t, strings.HasPrefix(localneo4j.Neo4jVersion, "5.26."), "the local launcher runs the same line")
		require.NotNil(t, neo.Healthcheck)
		assert.NotEmpty(t, neo.Healthcheck.Test)
		assert.Contains(t, neo.Ports, "127.0.0.1:7474:7474")
		assert.Contains(t, neo.Ports, "127.0.0.1:7687:7687")
	})
	t.Run("neo4j settings match the local launcher's neo4j.conf", func(t *testing.T) {
		conf := localneo4j.Defaults().Config()
		// NEO4J_server_memory_pagecache_size -> server.memory.pagecache.size (the image's rule:
		// _ is ., __ is _).
		for k, v := range neo.Environment {
			if !strings.HasPrefix(k, "NEO4J_") || k == "NEO4J_AUTH" || strings.Contains(k, "heap") {
				continue
			}
			key := strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(strings.TrimPrefix(k, "NEO4J_"), "__", "\x00"), "_", "."), "\x00", "_")
			assert.Contains(t, conf, key+"="+v, "compose sets %s=%s; the launcher must agree", key, v)
		}
		heap := localneo4j.Defaults().HeapMB
		assert.Equal(t, strconv.Itoa(heap)+"m", neo.Environment["NEO4J_server_memory_heap_max__size"])
	})
	t.Run("the app is configured through the variables it reads", func(t *testing.T) {
		assert.NotNil(t, app.Build, "built from the Dockerfile")
		known := map[string]bool{}
		for _, e := range config.Env {
			known[e.Name] = true
		}
		for k := range app.Environment {
			assert.True(t, known[k], "compose sets %s, which the app does not read", k)
		}
		for _, k := range []string{"NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE", "CRYOGRAPH_ADDR"} {
			assert.Contains(t, app.Environment, k)
		}
		cfg, err := config.FromEnv(func(k string) string { return app.Environment[k] })
		require.NoError(t, err)
		assert.NoError(t, cfg.Validate())
		assert.Equal(t, "bolt://neo4j:7687", cfg.Neo4jURI, "the app reaches the neo4j service on its Bolt port")
		assert.Equal(t, "neo4j/"+app.Environment["NEO4J_PASSWORD"], neo.Environment["NEO4J_AUTH"], "one password for both")
		port := regexp.MustCompile(`:(\d+)$`).FindStringSubmatch(cfg.Addr)
		require.NotNil(t, port)
		assert.Contains(t, app.Ports, "127.0.0.1:"+port[1]+":"+port[1])
		assert.Equal(t, "service_healthy", app.DependsOn["neo4j"].Condition)
		_, isCommand := commands()[app.Command[0]]
		assert.True(t, isCommand, "the app's command %q is a cryograph command", app.Command)
	})
	t.Run("the Dockerfile builds this command", func(t *testing.T) {
		df, err := os.ReadFile(filepath.Join("..", "..", "Dockerfile"))
		require.NoError(t, err)
		assert.Contains(t, string(df), "./cmd/cryograph")
		assert.Contains(t, string(df), "EXPOSE 8080")
	})
}

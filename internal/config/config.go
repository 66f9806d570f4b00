// Package config turns environment variables and flags into one validated Config.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"
)

// Config is everything the service needs to reach Neo4j and to listen.
type Config struct {
	Neo4jURI      string
	Neo4jUsername string
	Neo4jPassword string
	Neo4jDatabase string
	Addr          string
	// ShutdownTimeout bounds graceful shutdown of the HTTP server.
	ShutdownTimeout time.Duration
	// LogFormat is "text" or "json".
	LogFormat string
	// AdminToken guards the write API until role-based tokens arrive; empty disables writes.
	AdminToken string
}

// Env lists every variable Load reads, with its default; docs and the docker-compose test use it.
var Env = []struct{ Name, Default, Help string }{
	{"NEO4J_URI", "bolt://127.0.0.1:7687", "Neo4j address: bolt://, bolt+s://, neo4j:// or neo4j+s:// (routing; clusters and Aura)"},
	{"NEO4J_USERNAME", "neo4j", "Neo4j user"},
	{"NEO4J_PASSWORD", "cryograph-dev", "Neo4j password (or NEO4J_PASSWORD_FILE: a file holding it)"},
	{"NEO4J_DATABASE", "neo4j", "Neo4j database name"},
	{"CRYOGRAPH_ADDR", ":8080", "HTTP listen address of the API and web UI"},
	{"CRYOGRAPH_LOG_FORMAT", "text", "log format: text or json"},
	{"CRYOGRAPH_ADMIN_TOKEN", "", "bearer token for the write API (imports, merges); empty disables it (or CRYOGRAPH_ADMIN_TOKEN_FILE)"},
}

func def(name string) string {
	for _, e := range Env {
		if e.Name == name {
			return e.Default
		}
	}
	panic("config: unknown variable " + name)
}

// FromEnv reads the configuration from getenv, falling back to the defaults above.
// A variable NAME_FILE, where supported, names a file whose content is the value.
func FromEnv(getenv func(string) string) (Config, error) {
	get := func(name string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return def(name)
	}
	c := Config{
		Neo4jURI:        get("NEO4J_URI"),
		Neo4jUsername:   get("NEO4J_USERNAME"),
		Neo4jPassword:   get("NEO4J_PASSWORD"),
		Neo4jDatabase:   get("NEO4J_DATABASE"),
		Addr:            get("CRYOGRAPH_ADDR"),
		LogFormat:       get("CRYOGRAPH_LOG_FORMAT"),
		AdminToken:      get("CRYOGRAPH_ADMIN_TOKEN"),
		ShutdownTimeout: 15 * time.Second,
	}
	if f := getenv("NEO4J_PASSWORD_FILE"); f != "" && getenv("NEO4J_PASSWORD") == "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return c, fmt.Errorf("read NEO4J_PASSWORD_FILE: %w", err)
		}
		c.Neo4jPassword = strings.TrimSpace(string(b))
	}
	if f := getenv("CRYOGRAPH_ADMIN_TOKEN_FILE"); f != "" && getenv("CRYOGRAPH_ADMIN_TOKEN") == "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return c, fmt.Errorf("read CRYOGRAPH_ADMIN_TOKEN_FILE: %w", err)
		}
		c.AdminToken = strings.TrimSpace(string(b))
	}
	return c, nil
}

// RegisterNeo4jFlags binds the Neo4j connection flags to c; flags override the environment.
func (c *Config) RegisterNeo4jFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.Neo4jURI, "neo4j-uri", c.Neo4jURI, "Neo4j `URI` (env NEO4J_URI): bolt:// for one server, neo4j:// for routing")
	fs.StringVar(&c.Neo4jUsername, "neo4j-username", c.Neo4jUsername, "Neo4j `user` (env NEO4J_USERNAME)")
	fs.StringVar(&c.Neo4jDatabase, "neo4j-database", c.Neo4jDatabase, "Neo4j `database` (env NEO4J_DATABASE)")
}

// RegisterServeFlags binds the HTTP flags to c.
func (c *Config) RegisterServeFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen `address` (env CRYOGRAPH_ADDR)")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", c.ShutdownTimeout, "how long graceful shutdown may take")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "log format: text or json (env CRYOGRAPH_LOG_FORMAT)")
}

var schemes = map[string]bool{
	"bolt": true, "bolt+s": true, "bolt+ssc": true,
	"neo4j": true, "neo4j+s": true, "neo4j+ssc": true,
}

// Validate reports every problem at once.
func (c Config) Validate() error {
	var errs []error
	u, err := url.Parse(c.Neo4jURI)
	switch {
	case err != nil:
		errs = append(errs, fmt.Errorf("NEO4J_URI %q: %w", c.Neo4jURI, err))
	case !schemes[u.Scheme]:
		errs = append(errs, fmt.Errorf("NEO4J_URI %q: scheme must be bolt, bolt+s, bolt+ssc, neo4j, neo4j+s or neo4j+ssc", c.Neo4jURI))
	case u.Host == "":
		errs = append(errs, fmt.Errorf("NEO4J_URI %q: missing host", c.Neo4jURI))
	}
	if c.Neo4jUsername == "" {
		errs = append(errs, errors.New("NEO4J_USERNAME is empty"))
	}
	if c.Neo4jDatabase == "" {
		errs = append(errs, errors.New("NEO4J_DATABASE is empty"))
	}
	if c.Addr == "" {
		errs = append(errs, errors.New("CRYOGRAPH_ADDR is empty"))
	}
	if c.AdminToken != "" && len(c.AdminToken) < 16 {
		errs = append(errs, errors.New("CRYOGRAPH_ADMIN_TOKEN must be at least 16 characters"))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("log format %q: want text or json", c.LogFormat))
	}
	return errors.Join(errs...)
}

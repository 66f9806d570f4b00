// Package config turns environment variables and flags into one validated Config.
package config

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"net"
	"net/url"
	"os"
	"strconv"
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
	// AnonymousRead lets callers without an API token read as viewers.
	AnonymousRead bool
	// RateLimit and RateBurst bound each caller's requests to /api/v1 (per token, or per IP
	// for anonymous callers); CypherRateLimit and CypherRateBurst bound the Cypher endpoint.
	// A rate of 0 turns a limit off.
	RateLimit       float64
	RateBurst       int
	CypherRateLimit float64
	CypherRateBurst int
	// CypherConcurrency bounds the console queries that run at once (a quarter of Neo4j's heap
	// each at most): more are refused with 429.
	CypherConcurrency int
	// MetricsToken, when set, is the bearer token /metrics asks for; unset, /metrics answers
	// only callers on the loopback interface.
	MetricsToken string
	// TrustedProxies are the reverse proxies whose X-Forwarded-For gives the client IP.
	TrustedProxies []string
}

// Env lists every variable Load reads, with its default; docs and the docker-compose test use it.
var Env = []struct{ Name, Default, Help string }{
	{"NEO4J_URI", "bolt://127.0.0.1:7687", "Neo4j address: bolt://, bolt+s://, neo4j:// or neo4j+s:// (routing; clusters and Aura)"},
	{"NEO4J_USERNAME", "neo4j", "Neo4j user"},
	{"NEO4J_PASSWORD", "cryograph-dev", "Neo4j password (or NEO4J_PASSWORD_FILE: a file holding it)"},
	{"NEO4J_DATABASE", "neo4j", "Neo4j database name"},
	{"CRYOGRAPH_ADDR", ":8080", "HTTP listen address of the API and web UI"},
	{"CRYOGRAPH_LOG_FORMAT", "text", "log format: text or json"},
	{"CRYOGRAPH_ANONYMOUS_READ", "true", "let callers without an API token read as viewers (true or false)"},
	{"CRYOGRAPH_RATE_LIMIT", "20", "requests a second per API token (per IP for anonymous callers); 0 turns the limit off"},
	{"CRYOGRAPH_RATE_BURST", "40", "requests a caller may send at once above CRYOGRAPH_RATE_LIMIT"},
	{"CRYOGRAPH_CYPHER_RATE_LIMIT", "2", "Cypher runs a second per API token; 0 turns the limit off"},
	{"CRYOGRAPH_CYPHER_RATE_BURST", "5", "Cypher runs a caller may send at once"},
	{"CRYOGRAPH_CYPHER_CONCURRENCY", "2", "console queries that may run at once; more get 429"},
	{"CRYOGRAPH_METRICS_TOKEN", "", "bearer token for /metrics (Prometheus); unset, /metrics answers loopback callers only"},
	{"CRYOGRAPH_TRUSTED_PROXIES", "", "comma-separated IPs or CIDRs of reverse proxies whose X-Forwarded-For is believed"},
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
		ShutdownTimeout: 15 * time.Second,
	}
	var errs []error
	parse := func(name, want string, f func(string) error) {
		if v := get(name); f(v) != nil {
			errs = append(errs, fmt.Errorf("%s=%q: want %s", name, v, want))
		}
	}
	boolVar := func(p *bool) func(string) error {
		return func(s string) (err error) { *p, err = strconv.ParseBool(s); return }
	}
	floatVar := func(p *float64) func(string) error {
		return func(s string) (err error) { *p, err = strconv.ParseFloat(s, 64); return }
	}
	intVar := func(p *int) func(string) error {
		return func(s string) (err error) { *p, err = strconv.Atoi(s); return }
	}
	parse("CRYOGRAPH_ANONYMOUS_READ", "true or false", boolVar(&c.AnonymousRead))
	parse("CRYOGRAPH_RATE_LIMIT", "a number", floatVar(&c.RateLimit))
	parse("CRYOGRAPH_RATE_BURST", "an integer", intVar(&c.RateBurst))
	parse("CRYOGRAPH_CYPHER_RATE_LIMIT", "a number", floatVar(&c.CypherRateLimit))
	parse("CRYOGRAPH_CYPHER_RATE_BURST", "an integer", intVar(&c.CypherRateBurst))
	parse("CRYOGRAPH_CYPHER_CONCURRENCY", "an integer", intVar(&c.CypherConcurrency))
	c.MetricsToken = getenv("CRYOGRAPH_METRICS_TOKEN")
	for _, p := range strings.Split(get("CRYOGRAPH_TRUSTED_PROXIES"), ",") {
		if p = strings.TrimSpace(p); p != "" {
			c.TrustedProxies = append(c.TrustedProxies, p)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return c, err
	}
	if f := getenv("NEO4J_PASSWORD_FILE"); f != "" && getenv("NEO4J_PASSWORD") == "" {
		b, err := os.ReadFile(f)
		if err != nil {
			return c, fmt.Errorf("read NEO4J_PASSWORD_FILE: %w", err)
		}
		c.Neo4jPassword = strings.TrimSpace(string(b))
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
	fs.BoolVar(&c.AnonymousRead, "anonymous-read", c.AnonymousRead, "let callers without a token read as viewers (env CRYOGRAPH_ANONYMOUS_READ)")
	fs.Float64Var(&c.RateLimit, "rate-limit", c.RateLimit, "`requests` a second per token or anonymous IP; 0 is unlimited (env CRYOGRAPH_RATE_LIMIT)")
	fs.IntVar(&c.RateBurst, "rate-burst", c.RateBurst, "burst above --rate-limit (env CRYOGRAPH_RATE_BURST)")
	fs.Float64Var(&c.CypherRateLimit, "cypher-rate-limit", c.CypherRateLimit, "Cypher `runs` a second per token; 0 is unlimited (env CRYOGRAPH_CYPHER_RATE_LIMIT)")
	fs.IntVar(&c.CypherRateBurst, "cypher-rate-burst", c.CypherRateBurst, "burst above --cypher-rate-limit (env CRYOGRAPH_CYPHER_RATE_BURST)")
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
	for _, l := range []struct {
		name  string
		rate  float64
		burst int
	}{{"CRYOGRAPH_RATE_LIMIT", c.RateLimit, c.RateBurst}, {"CRYOGRAPH_CYPHER_RATE_LIMIT", c.CypherRateLimit, c.CypherRateBurst}} {
		if l.rate < 0 || math.IsNaN(l.rate) || math.IsInf(l.rate, 0) {
			errs = append(errs, fmt.Errorf("%s must be a number of requests a second, 0 or more", l.name))
		}
		if l.rate > 0 && l.burst < 1 {
			errs = append(errs, fmt.Errorf("the burst of %s must be at least 1", l.name))
		}
	}
	if c.CypherConcurrency < 0 {
		errs = append(errs, errors.New("CRYOGRAPH_CYPHER_CONCURRENCY must be at least 1 (0: the default)"))
	}
	for _, p := range c.TrustedProxies {
		if net.ParseIP(p) == nil {
			if _, _, err := net.ParseCIDR(p); err != nil {
				errs = append(errs, fmt.Errorf("CRYOGRAPH_TRUSTED_PROXIES: %q is neither an IP nor a CIDR", p))
			}
		}
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("log format %q: want text or json", c.LogFormat))
	}
	return errors.Join(errs...)
}

// Package localneo4j fetches Neo4j Community from Maven Central and runs it as a plain Java
// process, so that CryoGraph works on machines without Docker.
//
// It does by hand, and visibly, what Neo4j's own shell launcher would do: it writes neo4j.conf,
// passes the heap size and the --add-opens flags to java itself, sets the initial password with
// neo4j-admin's AdminTool, and waits until Bolt answers.
package localneo4j

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Versions fetched from Maven Central. The pom.xml beside this file receives them as properties.
const (
	Neo4jVersion   = "5.26.30"
	BrowserVersion = "5.24.0"
)

// Options says where the server lives and how it listens.
type Options struct {
	// CacheDir holds the downloaded jars, shared by every data directory.
	CacheDir string
	// HomeDir holds conf/, data/, logs/ and run/ of one server. Keep it for fast restarts;
	// give tests a throw-away one.
	HomeDir  string
	BoltPort int
	HTTPPort int
	// Password for the neo4j user, set before the first start of a new HomeDir.
	Password string
	// HeapMB and PageCacheMB size the JVM heap and Neo4j's page cache.
	HeapMB      int
	PageCacheMB int
	// Log receives progress lines for humans; nil discards them.
	Log io.Writer
	// MavenArgs are extra arguments for mvn, such as -s settings.xml for a mirror.
	MavenArgs []string
}

// Defaults returns the options used by `make run`: the cache and data under .cryograph/ in the
// working directory, the standard ports and the development password.
func Defaults() Options {
	return Options{
		CacheDir:    filepath.Join(".cryograph", "cache"),
		HomeDir:     filepath.Join(".cryograph", "neo4j"),
		BoltPort:    7687,
		HTTPPort:    7474,
		Password:    "cryograph-dev",
		HeapMB:      1024,
		PageCacheMB: 512,
	}
}

func (o Options) logf(format string, args ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, "neo4j: "+format+"\n", args...)
	}
}

// BoltURI is the address the driver should use for this server.
func (o Options) BoltURI() string { return fmt.Sprintf("bolt://127.0.0.1:%d", o.BoltPort) }

// BrowserURL is where the Neo4j Browser is served.
func (o Options) BrowserURL() string { return fmt.Sprintf("http://127.0.0.1:%d/browser/", o.HTTPPort) }

func (o Options) libDir() string {
	return filepath.Join(o.CacheDir, "neo4j-"+Neo4jVersion+"-browser-"+BrowserVersion, "lib")
}

func (o Options) pidFile() string { return filepath.Join(o.HomeDir, "run", "neo4j.pid") }

// ConsoleLog is the file that receives the server's standard output and error.
func (o Options) ConsoleLog() string { return filepath.Join(o.HomeDir, "logs", "console.log") }

// ImportDir is the folder LOAD CSV reads file:/// URLs from.
func (o Options) ImportDir() string { return filepath.Join(o.HomeDir, "import") }

// Errors a caller may want to tell apart.
var (
	ErrJavaMissing      = errors.New("java not found")
	ErrJavaVersion      = errors.New("unsupported java version")
	ErrMavenMissing     = errors.New("maven (mvn) not found")
	ErrMavenUnreachable = errors.New("maven central cannot be reached")
	ErrPortInUse        = errors.New("port already in use")
	ErrNotRunning       = errors.New("neo4j is not running")
)

func javaBin() string {
	if home := os.Getenv("JAVA_HOME"); home != "" {
		return filepath.Join(home, "bin", "java")
	}
	return "java"
}

var javaVersionRE = regexp.MustCompile(`version "(\d+)(?:\.(\d+))?`)

// CheckJava verifies that a Java 17 or 21 runtime is available, as Neo4j 5.26 requires.
func CheckJava(ctx context.Context) (int, error) {
	out, err := exec.CommandContext(ctx, javaBin(), "-version").CombinedOutput()
	if err != nil {
		var execErr *exec.Error
		if errors.As(err, &execErr) || errors.Is(err, os.ErrNotExist) {
			return 0, fmt.Errorf("%w: install OpenJDK 17 (apt-get install openjdk-17-jre-headless) or set JAVA_HOME", ErrJavaMissing)
		}
		return 0, fmt.Errorf("run %s -version: %w: %s", javaBin(), err, bytes.TrimSpace(out))
	}
	return parseJavaVersion(string(out))
}

func parseJavaVersion(out string) (int, error) {
	m := javaVersionRE.FindStringSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("%w: cannot read the version from %q", ErrJavaVersion, strings.TrimSpace(out))
	}
	major, _ := strconv.Atoi(m[1])
	if major == 1 && m[2] != "" { // "1.8.0_292" style
		major, _ = strconv.Atoi(m[2])
	}
	if major != 17 && major != 21 {
		return major, fmt.Errorf("%w: found Java %d, Neo4j %s needs Java 17 or 21 (set JAVA_HOME)", ErrJavaVersion, major, Neo4jVersion)
	}
	return major, nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

// FromEnv is Defaults with the environment's CRYOGRAPH_CACHE_DIR, CRYOGRAPH_NEO4J_DIR and
// NEO4J_PASSWORD over it, logging to log: the settings every command of both binaries uses.
func FromEnv(getenv func(string) string, log io.Writer) Options {
	o := Defaults()
	if v := getenv("CRYOGRAPH_CACHE_DIR"); v != "" {
		o.CacheDir = v
	}
	if v := getenv("CRYOGRAPH_NEO4J_DIR"); v != "" {
		o.HomeDir = v
	}
	if v := getenv("NEO4J_PASSWORD"); v != "" {
		o.Password = v
	}
	o.Log = log
	return o
}

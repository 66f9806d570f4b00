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
	_ "embed"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Versions fetched from Maven Central. The pom.xml beside this file receives them as properties.
const (
	Neo4jVersion   = "5.26.30"
	BrowserVersion = "5.24.0"
)

//go:embed pom.xml
var pomXML []byte

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

// Fetch makes sure the Neo4j and Neo4j Browser jars are in the cache, downloading them with
// Maven on first use, and returns the folder that holds them.
func Fetch(ctx context.Context, o Options) (string, error) {
	lib := o.libDir()
	marker := filepath.Join(lib, ".complete")
	if _, err := os.Stat(marker); err == nil {
		o.logf("using cached jars in %s", lib)
		return lib, nil
	}
	if _, err := exec.LookPath("mvn"); err != nil {
		return "", fmt.Errorf("%w: install Maven (apt-get install maven) to fetch Neo4j %s", ErrMavenMissing, Neo4jVersion)
	}
	work := filepath.Dir(lib)
	if err := os.MkdirAll(work, 0o755); err != nil {
		return "", fmt.Errorf("create cache dir: %w", err)
	}
	pom := filepath.Join(work, "pom.xml")
	if err := os.WriteFile(pom, pomXML, 0o644); err != nil {
		return "", fmt.Errorf("write pom: %w", err)
	}
	absLib, err := filepath.Abs(lib)
	if err != nil {
		return "", err
	}
	o.logf("fetching Neo4j %s and Neo4j Browser %s from Maven Central (about 140 MB, once)...", Neo4jVersion, BrowserVersion)
	start := time.Now()
	args := append([]string{"-B", "-q", "-f", pom, "package",
		"-Dneo4j.version=" + Neo4jVersion, "-Dneo4j.browser.version=" + BrowserVersion, "-Dlib.dir=" + absLib}, o.MavenArgs...)
	cmd := exec.CommandContext(ctx, "mvn", args...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		text := string(out)
		if looksOffline(text) {
			return "", fmt.Errorf("%w: %s", ErrMavenUnreachable, lastLines(text, 5))
		}
		return "", fmt.Errorf("mvn package: %w: %s", err, lastLines(text, 15))
	}
	if err := os.WriteFile(marker, []byte(Neo4jVersion+"\n"), 0o644); err != nil {
		return "", err
	}
	o.logf("fetched in %s", time.Since(start).Round(time.Second))
	return lib, nil
}

func looksOffline(mvnOutput string) bool {
	for _, s := range []string{"Could not transfer", "UnknownHostException", "Connection refused", "Connect timed out", "Network is unreachable", "Could not resolve dependencies"} {
		if strings.Contains(mvnOutput, s) {
			return true
		}
	}
	return false
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// Config renders neo4j.conf. The same settings appear as NEO4J_* variables in docker-compose.yml.
func (o Options) Config() string {
	home, _ := filepath.Abs(o.HomeDir)
	return strings.Join([]string{
		"# Written by cryograph neo4j start; edits are overwritten.",
		"dbms.security.auth_enabled=true",
		"server.default_listen_address=127.0.0.1",
		fmt.Sprintf("server.bolt.listen_address=127.0.0.1:%d", o.BoltPort),
		fmt.Sprintf("server.bolt.advertised_address=127.0.0.1:%d", o.BoltPort),
		fmt.Sprintf("server.http.listen_address=127.0.0.1:%d", o.HTTPPort),
		fmt.Sprintf("server.http.advertised_address=127.0.0.1:%d", o.HTTPPort),
		"server.https.enabled=false",
		fmt.Sprintf("server.memory.pagecache.size=%dm", o.PageCacheMB),
		fmt.Sprintf("dbms.memory.transaction.total.max=%s", o.txMemory()),
		"dbms.usage_report.enabled=false",
		"server.directories.data=" + filepath.Join(home, "data"),
		"server.directories.logs=" + filepath.Join(home, "logs"),
		"server.directories.run=" + filepath.Join(home, "run"),
		"server.directories.import=" + filepath.Join(home, "import"),
		"server.directories.plugins=" + filepath.Join(home, "plugins"),
		"",
	}, "\n")
}

// txMemory bounds the memory of all transactions together: 1g at the default heap, three
// quarters of a larger heap.
func (o Options) txMemory() string {
	if o.HeapMB <= 1024 {
		return "1g"
	}
	return fmt.Sprintf("%dm", o.HeapMB*3/4)
}

// jvmArgs are the flags that Neo4j's shell launcher would add (BootloaderOsAbstraction and the
// default server.jvm.additional); a plain java command must pass them itself.
func (o Options) jvmArgs() []string {
	return []string{
		fmt.Sprintf("-Xms%dm", o.HeapMB), fmt.Sprintf("-Xmx%dm", o.HeapMB),
		"-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow", "-XX:+UnlockExperimentalVMOptions",
		"-XX:+TrustFinalNonStaticFields", "-XX:+DisableExplicitGC",
		"-Djdk.nio.maxCachedBufferSize=1024", "-Dio.netty.tryReflectionSetAccessible=true",
		"-Djdk.tls.ephemeralDHKeySize=2048", "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
		"-Dfile.encoding=UTF-8", "-Dlog4j2.disable.jmx=true",
		"--add-opens=java.base/java.nio=ALL-UNNAMED",
		"--add-opens=java.base/java.io=ALL-UNNAMED",
		"--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
		"--add-opens=java.base/java.lang=ALL-UNNAMED",
	}
}

// Server is a running Neo4j process.
type Server struct {
	opts Options
	cmd  *exec.Cmd
	pid  int
	done chan struct{}
	err  error // set before done closes
}

// Start fetches the jars if needed, prepares the home directory and starts Neo4j. It returns
// once Bolt accepts connections. With detach the server outlives this process (stop it with
// Stop or StopPIDFile); otherwise it runs in its own process group and is stopped by Stop.
func Start(ctx context.Context, o Options, detach bool) (*Server, error) {
	if _, err := CheckJava(ctx); err != nil {
		return nil, err
	}
	if pid, alive := runningPID(o); alive {
		return nil, fmt.Errorf("a Neo4j started by cryograph already runs from %s (pid %d): stop it with `cryograph neo4j stop`", o.HomeDir, pid)
	}
	for _, p := range []int{o.BoltPort, o.HTTPPort} {
		if err := checkPortFree(p); err != nil {
			return nil, err
		}
	}
	lib, err := Fetch(ctx, o)
	if err != nil {
		return nil, err
	}
	for _, d := range []string{"conf", "data", "logs", "run", "import", "plugins"} {
		if err := os.MkdirAll(filepath.Join(o.HomeDir, d), 0o755); err != nil {
			return nil, fmt.Errorf("create %s: %w", d, err)
		}
	}
	if err := os.WriteFile(filepath.Join(o.HomeDir, "conf", "neo4j.conf"), []byte(o.Config()), 0o644); err != nil {
		return nil, fmt.Errorf("write neo4j.conf: %w", err)
	}
	home, _ := filepath.Abs(o.HomeDir)
	absLib, _ := filepath.Abs(lib)
	classpath := filepath.Join(absLib, "*")
	env := append(os.Environ(), "NEO4J_HOME="+home, "NEO4J_CONF="+filepath.Join(home, "conf"))

	if _, err := os.Stat(filepath.Join(home, "data", "dbms", "auth.ini")); errors.Is(err, os.ErrNotExist) {
		// No system database yet: a new directory, or one that only holds a database from an
		// offline import (cryograph bulk-load). The password goes into the system database on
		// its first start.
		if _, err := os.Stat(filepath.Join(home, "data", "databases", "system")); errors.Is(err, os.ErrNotExist) {
			o.logf("new data directory %s: setting the initial password", home)
			admin := exec.CommandContext(ctx, javaBin(), "-cp", classpath, "org.neo4j.cli.AdminTool",
				"dbms", "set-initial-password", o.Password)
			admin.Env = env
			if out, err := admin.CombinedOutput(); err != nil {
				return nil, fmt.Errorf("neo4j-admin set-initial-password: %w: %s", err, lastLines(string(out), 5))
			}
		}
	}

	logFile, err := os.OpenFile(o.ConsoleLog(), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open console log: %w", err)
	}
	defer logFile.Close()
	args := append(o.jvmArgs(), "-cp", classpath, "org.neo4j.server.CommunityEntryPoint",
		"--home-dir="+home, "--config-dir="+filepath.Join(home, "conf"), "--console-mode")
	// Not CommandContext: the server's life is managed by Stop, not by the caller's ctx.
	cmd := exec.Command(javaBin(), args...)
	cmd.Env = env
	cmd.Dir = home
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: !detach, Setsid: detach}
	o.logf("starting Neo4j %s (bolt 127.0.0.1:%d, http 127.0.0.1:%d, data %s)", Neo4jVersion, o.BoltPort, o.HTTPPort, home)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start java: %w", err)
	}
	if err := os.WriteFile(o.pidFile(), []byte(strconv.Itoa(cmd.Process.Pid)+"\n"), 0o644); err != nil {
		_ = cmd.Process.Kill()
		return nil, err
	}
	s := &Server{opts: o, cmd: cmd, pid: cmd.Process.Pid, done: make(chan struct{})}
	go func() {
		s.err = cmd.Wait()
		close(s.done)
	}()
	if err := s.waitForBolt(ctx, 120*time.Second); err != nil {
		_ = s.Stop(context.Background())
		return nil, err
	}
	o.logf("ready in %s; Neo4j Browser at %s", time.Since(start).Round(100*time.Millisecond), o.BrowserURL())
	if detach {
		_ = cmd.Process.Release()
	}
	return s, nil
}

func (s *Server) waitForBolt(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	addr := fmt.Sprintf("127.0.0.1:%d", s.opts.BoltPort)
	for {
		select {
		case <-s.done:
			return fmt.Errorf("neo4j exited during start-up (%s): %s\n(full log: %s)", exitMeaning(s.err), tail(s.opts.ConsoleLog(), 12), s.opts.ConsoleLog())
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
		if c, err := net.DialTimeout("tcp", addr, 500*time.Millisecond); err == nil {
			_ = c.Close()
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("neo4j did not open bolt on %s within %s; see %s", addr, timeout, s.opts.ConsoleLog())
		}
	}
}

// exitMeaning explains CommunityEntryPoint's exit codes.
func exitMeaning(err error) string {
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		return fmt.Sprint(err)
	}
	switch ee.ExitCode() {
	case 1:
		return "exit 1: the web server failed to start"
	case 2:
		return "exit 2: the database failed to start, for example another process holds the store lock"
	case 3:
		return "exit 3: bad configuration"
	default:
		return ee.Error()
	}
}

func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return lastLines(string(b), n)
}

// PID is the server's process id.
func (s *Server) PID() int { return s.pid }

// Stop asks Neo4j to shut down (SIGTERM), waits for it and kills it if it does not stop in time.
func (s *Server) Stop(ctx context.Context) error {
	defer os.Remove(s.opts.pidFile())
	select {
	case <-s.done:
		return nil
	default:
	}
	s.opts.logf("stopping (pid %d)", s.pid)
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
		return nil
	case <-ctx.Done():
	case <-time.After(60 * time.Second):
	}
	_ = s.cmd.Process.Kill()
	<-s.done
	return errors.New("neo4j did not stop in time and was killed")
}

// Wait returns when the server process exits.
func (s *Server) Wait() <-chan struct{} { return s.done }

// runningPID reads the pid file and tells whether that process is still alive.
func runningPID(o Options) (int, bool) {
	b, err := os.ReadFile(o.pidFile())
	if err != nil {
		return 0, false
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return 0, false
	}
	if err := syscall.Kill(pid, 0); err != nil {
		return pid, false
	}
	cmdline, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	return pid, bytes.Contains(cmdline, []byte("CommunityEntryPoint"))
}

// Status reports the pid of a server started from o.HomeDir, or ErrNotRunning.
func Status(o Options) (int, error) {
	pid, alive := runningPID(o)
	if !alive {
		return 0, ErrNotRunning
	}
	return pid, nil
}

// RunningBoltURI is the Bolt address a server of o.HomeDir was started with, read from the
// neo4j.conf that Start wrote there (the flags of a later command may differ); o.BoltURI()
// if that file cannot be read.
func RunningBoltURI(o Options) string {
	b, err := os.ReadFile(filepath.Join(o.HomeDir, "conf", "neo4j.conf"))
	if err != nil {
		return o.BoltURI()
	}
	for _, line := range strings.Split(string(b), "\n") {
		if addr, ok := strings.CutPrefix(strings.TrimSpace(line), "server.bolt.listen_address="); ok && addr != "" {
			return "bolt://" + addr
		}
	}
	return o.BoltURI()
}

// StopPIDFile stops a detached server recorded in o.HomeDir's pid file.
func StopPIDFile(ctx context.Context, o Options) error {
	pid, alive := runningPID(o)
	if !alive {
		_ = os.Remove(o.pidFile())
		return ErrNotRunning
	}
	o.logf("stopping (pid %d)", pid)
	_ = syscall.Kill(pid, syscall.SIGTERM)
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if syscall.Kill(pid, 0) != nil {
			_ = os.Remove(o.pidFile())
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
	_ = syscall.Kill(pid, syscall.SIGKILL)
	_ = os.Remove(o.pidFile())
	return errors.New("neo4j did not stop in 60s and was killed")
}

// FreePort asks the kernel for a free TCP port on 127.0.0.1.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func checkPortFree(port int) error {
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return fmt.Errorf("%w: 127.0.0.1:%d (is another Neo4j running? choose other ports with --bolt-port/--http-port)", ErrPortInUse, port)
	}
	return l.Close()
}

// ImportDir is the folder LOAD CSV reads file:/// URLs from.
func (o Options) ImportDir() string { return filepath.Join(o.HomeDir, "import") }

// AdminImport runs `neo4j-admin database import full` (Neo4j's offline bulk loader) into the
// database "neo4j" of a new, stopped store in o.HomeDir, with the given --nodes and
// --relationships arguments. It returns the tool's output.
func AdminImport(ctx context.Context, o Options, args []string) (string, error) {
	if _, err := CheckJava(ctx); err != nil {
		return "", err
	}
	lib, err := Fetch(ctx, o)
	if err != nil {
		return "", err
	}
	for _, d := range []string{"conf", "data", "logs", "run", "import", "plugins"} {
		if err := os.MkdirAll(filepath.Join(o.HomeDir, d), 0o755); err != nil {
			return "", err
		}
	}
	if err := os.WriteFile(filepath.Join(o.HomeDir, "conf", "neo4j.conf"), []byte(o.Config()), 0o644); err != nil {
		return "", err
	}
	home, _ := filepath.Abs(o.HomeDir)
	absLib, _ := filepath.Abs(lib)
	// The database name goes first: after --relationships it would be read as one more file.
	full := append([]string{"-cp", filepath.Join(absLib, "*"), "org.neo4j.cli.AdminTool", "database", "import", "full", "neo4j"}, args...)
	cmd := exec.CommandContext(ctx, javaBin(), full...)
	cmd.Env = append(os.Environ(), "NEO4J_HOME="+home, "NEO4J_CONF="+filepath.Join(home, "conf"))
	cmd.Dir = home // the tool writes its import.report into the working directory
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("neo4j-admin database import: %w: %s", err, firstLines(string(out), 12))
	}
	return string(out), nil
}

func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

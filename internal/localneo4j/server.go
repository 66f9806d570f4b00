package localneo4j

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

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
		fmt.Sprintf("dbms.memory.transaction.total.max=%dm", o.txTotalMB()),
		fmt.Sprintf("db.memory.transaction.max=%dm", o.txMaxMB()),
		"dbms.usage_report.enabled=false",
		"server.directories.data=" + filepath.Join(home, "data"),
		"server.directories.logs=" + filepath.Join(home, "logs"),
		"server.directories.run=" + filepath.Join(home, "run"),
		"server.directories.import=" + filepath.Join(home, "import"),
		"server.directories.plugins=" + filepath.Join(home, "plugins"),
		"",
	}, "\n")
}

// txTotalMB bounds the memory of all transactions together: three quarters of the heap, so
// Neo4j's own work keeps the rest. (It was the whole heap: four heavy console queries at once
// ran Neo4j out of heap, issue 25.)
func (o Options) txTotalMB() int { return o.HeapMB * 3 / 4 }

// txMaxMB bounds one transaction: a quarter of the heap, so one runaway console query is
// stopped (a 422 for the analyst) long before it takes the heap; the console runs at most two
// at once (store.DefaultConsoleConcurrency).
func (o Options) txMaxMB() int { return o.HeapMB / 4 }

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
	if err := writeHome(o); err != nil {
		return nil, err
	}
	home, _ := filepath.Abs(o.HomeDir)
	absLib, _ := filepath.Abs(lib)
	classpath := filepath.Join(absLib, "*")
	env := append(os.Environ(), "NEO4J_HOME="+home, "NEO4J_CONF="+filepath.Join(home, "conf"))
	if err := setInitialPasswordIfNew(ctx, o, home, classpath, env); err != nil {
		return nil, err
	}
	start := time.Now()
	cmd, err := startJava(o, home, classpath, env, detach)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(o.pidFile(), []byte(strconv.Itoa(cmd.Process.Pid)+"\n"), 0o644); err != nil {
		_ = cmd.Process.Kill()
		return nil, err
	}
	s := &Server{opts: o, cmd: cmd, pid: cmd.Process.Pid, done: make(chan struct{})}
	go s.reap()
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

// writeHome creates the server's folders in o.HomeDir and writes its neo4j.conf.
func writeHome(o Options) error {
	for _, d := range []string{"conf", "data", "logs", "run", "import", "plugins"} {
		if err := os.MkdirAll(filepath.Join(o.HomeDir, d), 0o755); err != nil {
			return fmt.Errorf("create %s: %w", d, err)
		}
	}
	if err := os.WriteFile(filepath.Join(o.HomeDir, "conf", "neo4j.conf"), []byte(o.Config()), 0o644); err != nil {
		return fmt.Errorf("write neo4j.conf: %w", err)
	}
	return nil
}

// startJava starts CommunityEntryPoint with its output appended to the console log. With
// detach it gets a session of its own, so it outlives this process; otherwise a process
// group of its own, so a terminal's Ctrl-C reaches this process alone and Stop stops it.
func startJava(o Options, home, classpath string, env []string, detach bool) (*exec.Cmd, error) {
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
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start java: %w", err)
	}
	return cmd, nil
}

// reap waits for the server process to exit, records how it ended and closes done.
func (s *Server) reap() {
	s.err = s.cmd.Wait()
	close(s.done)
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
//
// The pid file goes with it only when it still names this process: a Neo4j restarted by hand
// on the same data directory meanwhile ('cryograph neo4j start') keeps its own, so 'neo4j
// status' and 'neo4j stop' still find it.
func (s *Server) Stop(ctx context.Context) error {
	defer removePidFileOf(s.opts.pidFile(), s.pid)
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

// removePidFileOf removes the pid file at path if it names pid.
func removePidFileOf(path string, pid int) {
	b, err := os.ReadFile(path)
	if err != nil {
		return
	}
	if n, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil && n == pid {
		_ = os.Remove(path)
	}
}

// Wait returns when the server process exits.
func (s *Server) Wait() <-chan struct{} { return s.done }

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

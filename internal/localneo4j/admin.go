package localneo4j

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// setInitialPasswordIfNew sets the neo4j user's password with neo4j-admin's AdminTool when
// the home directory has no system database yet: a new directory, or one that only holds a
// database from an offline import (cryograph bulk-load). The password goes into the system
// database on its first start.
func setInitialPasswordIfNew(ctx context.Context, o Options, home, classpath string, env []string) error {
	if _, err := os.Stat(filepath.Join(home, "data", "dbms", "auth.ini")); !errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if _, err := os.Stat(filepath.Join(home, "data", "databases", "system")); !errors.Is(err, os.ErrNotExist) {
		return nil
	}
	o.logf("new data directory %s: setting the initial password", home)
	admin := exec.CommandContext(ctx, javaBin(), "-cp", classpath, "org.neo4j.cli.AdminTool",
		"dbms", "set-initial-password", o.Password)
	admin.Env = env
	if out, err := admin.CombinedOutput(); err != nil {
		return fmt.Errorf("neo4j-admin set-initial-password: %w: %s", err, lastLines(string(out), 5))
	}
	return nil
}

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

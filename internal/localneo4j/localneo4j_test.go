package localneo4j

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseJavaVersion(t *testing.T) {
	tests := []struct {
		out     string
		want    int
		wantErr error
	}{
		{`openjdk version "17.0.15" 2025-04-15`, 17, nil},
		{`openjdk version "21.0.2" 2024-01-16`, 21, nil},
		{`java version "1.8.0_292"`, 8, ErrJavaVersion},
		{`openjdk version "11.0.20" 2023-07-18`, 11, ErrJavaVersion},
		{`openjdk version "25" 2025-09-16`, 25, ErrJavaVersion},
		{`something else`, 0, ErrJavaVersion},
	}
	for _, tt := range tests {
		got, err := parseJavaVersion(tt.out)
		assert.Equal(t, tt.want, got, tt.out)
		if tt.wantErr != nil {
			assert.ErrorIs(t, err, tt.wantErr, tt.out)
		} else {
			assert.NoError(t, err, tt.out)
		}
	}
}

func TestMissingJavaIsAClearError(t *testing.T) {
	t.Setenv("JAVA_HOME", t.TempDir()) // no bin/java inside
	_, err := CheckJava(context.Background())
	require.ErrorIs(t, err, ErrJavaMissing)
	assert.Contains(t, err.Error(), "JAVA_HOME")
}

func TestWrongJavaVersionIsAClearError(t *testing.T) {
	home := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(home, "bin"), 0o755))
	fake := "#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n"
	require.NoError(t, os.WriteFile(filepath.Join(home, "bin", "java"), []byte(fake), 0o755))
	t.Setenv("JAVA_HOME", home)
	_, err := CheckJava(context.Background())
	require.ErrorIs(t, err, ErrJavaVersion)
	assert.Contains(t, err.Error(), "Java 11")
}

func TestPortInUseIsAClearError(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	o := Defaults()
	o.HomeDir = t.TempDir()
	o.BoltPort = l.Addr().(*net.TCPAddr).Port
	_, err = Start(context.Background(), o, false)
	require.ErrorIs(t, err, ErrPortInUse)
	assert.Contains(t, err.Error(), "--bolt-port")
}

func TestUnreachableMavenCentralIsAClearError(t *testing.T) {
	if testing.Short() {
		t.Skip("runs mvn")
	}
	dir := t.TempDir()
	// A mirror on a closed local port stands in for an unreachable Maven Central, and an empty
	// local repository makes Maven actually go there.
	settings := filepath.Join(dir, "settings.xml")
	require.NoError(t, os.WriteFile(settings, []byte(`<settings><mirrors><mirror><id>down</id><mirrorOf>*</mirrorOf>
<url>http://127.0.0.1:9/maven2</url></mirror></mirrors></settings>`), 0o644))
	o := Defaults()
	o.CacheDir = filepath.Join(dir, "cache")
	o.MavenArgs = []string{"-s", settings, "-Dmaven.repo.local=" + filepath.Join(dir, "m2")}
	_, err := Fetch(context.Background(), o)
	require.ErrorIs(t, err, ErrMavenUnreachable)
}

func TestConfigIsLoopbackOnly(t *testing.T) {
	o := Defaults()
	conf := o.Config()
	assert.Contains(t, conf, "server.default_listen_address=127.0.0.1")
	assert.Contains(t, conf, "server.bolt.listen_address=127.0.0.1:7687")
	assert.Contains(t, conf, "server.http.listen_address=127.0.0.1:7474")
	assert.Contains(t, conf, "server.https.enabled=false")
	assert.Contains(t, conf, "dbms.security.auth_enabled=true")
}

// TestStartStopRestart runs a real second server: start, stop cleanly, start again on the
// kept data directory with the cached jars.
func TestStartStopRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a real Neo4j")
	}
	o := Defaults()
	if v := os.Getenv("CRYOGRAPH_CACHE_DIR"); v != "" {
		o.CacheDir = v
	} else {
		o.CacheDir = filepath.Join("..", "..", ".cryograph", "cache")
	}
	o.HomeDir = t.TempDir()
	var err error
	o.BoltPort, err = FreePort()
	require.NoError(t, err)
	o.HTTPPort, err = FreePort()
	require.NoError(t, err)
	o.HeapMB, o.PageCacheMB = 512, 64
	ctx := context.Background()

	first := time.Now()
	s, err := Start(ctx, o, false)
	require.NoError(t, err)
	coldStart := time.Since(first)
	pid, err := Status(o)
	require.NoError(t, err)
	assert.Equal(t, s.PID(), pid)

	_, err = Start(ctx, o, false)
	assert.ErrorContains(t, err, "already runs", "a second server on the same data dir is refused")

	require.NoError(t, s.Stop(ctx))
	assert.Error(t, syscall.Kill(pid, 0), "the process is gone after Stop")
	_, err = Status(o)
	assert.ErrorIs(t, err, ErrNotRunning)
	log, _ := os.ReadFile(o.ConsoleLog())
	assert.True(t, strings.Contains(string(log), "Stopped") || strings.Contains(string(log), "Stopping"), "Neo4j shut down cleanly")

	second := time.Now()
	s, err = Start(ctx, o, false)
	require.NoError(t, err)
	t.Logf("start on a new data dir %s, restart on the kept one %s", coldStart, time.Since(second))
	require.NoError(t, s.Stop(ctx))
}

// status names the port a server was started with, not the one of the status command's flags.
func TestRunningBoltURIComesFromTheWrittenConfig(t *testing.T) {
	o := Options{HomeDir: t.TempDir(), BoltPort: 7687}
	assert.Equal(t, "bolt://127.0.0.1:7687", RunningBoltURI(o), "no conf yet: the flags")
	started := o
	started.BoltPort = 7688
	require.NoError(t, os.MkdirAll(filepath.Join(o.HomeDir, "conf"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(o.HomeDir, "conf", "neo4j.conf"), []byte(started.Config()), 0o644))
	assert.Equal(t, "bolt://127.0.0.1:7688", RunningBoltURI(o))
}

// Issue 25, item 2: the launcher set dbms.memory.transaction.total.max to the whole heap and no
// per-transaction cap; four heavy console queries ran Neo4j out of heap. One transaction is
// now capped well below the total, and the total below the heap.
func TestConfigCapsOneTransactionBelowTheTotal(t *testing.T) {
	for _, heap := range []int{1024, 4096} {
		o := Defaults()
		o.HeapMB = heap
		conf := o.Config()
		assert.Contains(t, conf, fmt.Sprintf("dbms.memory.transaction.total.max=%dm", heap*3/4))
		assert.Contains(t, conf, fmt.Sprintf("db.memory.transaction.max=%dm", heap/4))
	}
}

// Issue 25, item 7: stopping the server 'up' started removed the pid file even when it named
// a Neo4j restarted by hand meanwhile; 'neo4j status' and 'neo4j stop' then lost it.
func TestStopKeepsThePidFileOfAnotherServer(t *testing.T) {
	o := Defaults()
	o.HomeDir = t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(o.HomeDir, "run"), 0o755))
	exited := func(pid int) *Server {
		s := &Server{opts: o, pid: pid, done: make(chan struct{})}
		close(s.done) // the process 'up' started is gone already
		return s
	}
	require.NoError(t, os.WriteFile(o.pidFile(), []byte("424242\n"), 0o644))
	require.NoError(t, exited(4242).Stop(context.Background()))
	b, err := os.ReadFile(o.pidFile())
	require.NoError(t, err, "the hand-started server's pid file stays")
	assert.Equal(t, "424242\n", string(b))

	require.NoError(t, exited(424242).Stop(context.Background()))
	_, err = os.Stat(o.pidFile())
	assert.True(t, os.IsNotExist(err), "its own pid file goes")
}

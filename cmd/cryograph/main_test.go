package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cryograph/cryograph/internal/localneo4j"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// syncBuffer is a bytes.Buffer safe for a server goroutine and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func envMap(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestHelpExplainsEveryCommand(t *testing.T) {
	for name := range commands() {
		t.Run(name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(context.Background(), []string{name, "--help"}, envMap(nil), &out, io.Discard)
			require.ErrorIs(t, err, flag.ErrHelp)
			assert.Contains(t, out.String(), "Usage: cryograph "+name)
			assert.Contains(t, out.String(), "Examples:")
		})
	}
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"--help"}, envMap(nil), &out, io.Discard))
	for name := range commands() {
		assert.Contains(t, out.String(), name)
	}
}

func TestUsageErrors(t *testing.T) {
	err := run(context.Background(), []string{"frobnicate"}, envMap(nil), io.Discard, io.Discard)
	assert.ErrorIs(t, err, errUsage)
	err = run(context.Background(), []string{"serve", "--no-such-flag"}, envMap(nil), io.Discard, io.Discard)
	assert.ErrorIs(t, err, errUsage)
	err = run(context.Background(), []string{"serve"}, envMap(map[string]string{"NEO4J_URI": "http://x"}), io.Discard, io.Discard)
	assert.ErrorIs(t, err, errUsage)
	assert.ErrorContains(t, err, "scheme must be")
}

func freePort(t *testing.T) int {
	p, err := localneo4j.FreePort()
	require.NoError(t, err)
	return p
}

func cacheDir() string {
	if v := os.Getenv("CRYOGRAPH_CACHE_DIR"); v != "" {
		return v
	}
	abs, _ := filepath.Abs(filepath.Join("..", "..", ".cryograph", "cache"))
	return abs
}

func waitFor(t *testing.T, what string, timeout time.Duration, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func getJSON(url string) (int, map[string]any) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, nil
	}
	defer resp.Body.Close()
	var m map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&m)
	return resp.StatusCode, m
}

// TestUpRunsEverything is `make run` in-process: a local Neo4j, migrations, the demo data and
// the API; cancelling (Ctrl-C) stops the server and the Neo4j it started.
func TestUpRunsEverything(t *testing.T) {
	neo4jtest.Config(t) // part of the integration suite
	if testing.Short() {
		t.Skip("starts a real Neo4j")
	}
	dir := t.TempDir()
	addr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	bolt, http := freePort(t), freePort(t)
	env := envMap(map[string]string{"CRYOGRAPH_NEO4J_DIR": dir, "CRYOGRAPH_CACHE_DIR": cacheDir()})
	procs, gcPercent := runtime.GOMAXPROCS(0), currentGCPercent()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"up", "--addr", addr, "--bolt-port", fmt.Sprint(bolt), "--http-port", fmt.Sprint(http),
			"--heap-mb", "512", "--pagecache-mb", "64"}, env, io.Discard, &stderr)
	}()
	base := "http://" + addr
	waitFor(t, "the API to be ready", 120*time.Second, func() bool {
		select {
		case err := <-done:
			t.Fatalf("up exited early: %v\n%s", err, stderr.String())
		default:
		}
		code, _ := getJSON(base + "/readyz")
		return code == 200
	})
	code, body := getJSON(base + "/api/v1/experts?topic=organ%20preservation")
	require.Equal(t, 200, code)
	raw, _ := json.Marshal(body)
	assert.Contains(t, string(raw), "Xu Yi")
	assert.Contains(t, string(raw), "University of Shanghai for Science and Technology")

	resp, err := httpGet(fmt.Sprintf("http://127.0.0.1:%d/browser/", http))
	require.NoError(t, err)
	assert.Equal(t, 200, resp, "the Neo4j Browser is served")

	pid, err := localneo4j.Status(localneo4j.Options{HomeDir: dir})
	require.NoError(t, err)
	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(90 * time.Second):
		t.Fatal("up did not stop after cancel")
	}
	assert.Error(t, syscall.Kill(pid, 0), "the local Neo4j is stopped with the API")
	assert.Contains(t, stderr.String(), "neo4j stopped")
	assert.Contains(t, stderr.String(), fmt.Sprintf("gomaxprocs=%d", max(1, runtime.NumCPU()/2)),
		"with its own Neo4j, up leaves half the cores to it")
	assert.Equal(t, procs, runtime.GOMAXPROCS(0), "and puts GOMAXPROCS back when it ends")
	assert.Contains(t, stderr.String(), fmt.Sprintf("gogc=%d", servingGCPercent), "the collector runs less often while serving")
	assert.Equal(t, gcPercent, currentGCPercent(), "and its target is put back when up ends")
}

// currentGCPercent reads the garbage collector's target.
func currentGCPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func TestCollectLessOften(t *testing.T) {
	before := currentGCPercent()
	var log bytes.Buffer
	restore := collectLessOften(env{getenv: envMap(nil)}, slog.New(slog.NewTextHandler(&log, nil)))
	assert.Equal(t, servingGCPercent, currentGCPercent())
	assert.Contains(t, log.String(), "gogc=400")
	restore()
	assert.Equal(t, before, currentGCPercent())

	log.Reset()
	restore = collectLessOften(env{getenv: envMap(map[string]string{"GOGC": "50"})}, slog.New(slog.NewTextHandler(&log, nil)))
	defer restore()
	assert.Equal(t, before, currentGCPercent(), "a GOGC set by the user is left alone")
	assert.Contains(t, log.String(), "gogc=50", "and logged as it is")
}

func TestLeaveCoresToNeo4j(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	n, restore := leaveCoresToNeo4j(env{getenv: envMap(nil)})
	assert.Equal(t, max(1, runtime.NumCPU()/2), n)
	assert.Equal(t, n, runtime.GOMAXPROCS(0))
	restore()
	assert.Equal(t, before, runtime.GOMAXPROCS(0))

	n, restore = leaveCoresToNeo4j(env{getenv: envMap(map[string]string{"GOMAXPROCS": "3"})})
	defer restore()
	assert.Equal(t, before, n, "a GOMAXPROCS set by the user is left alone")
	assert.Equal(t, before, runtime.GOMAXPROCS(0))
}

func httpGet(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// TestReadyzFollowsNeo4j: /readyz is 503 with a reason while Neo4j is down and 200 again once
// it is back, without restarting the API.
func TestReadyzFollowsNeo4j(t *testing.T) {
	neo4jtest.Config(t)
	if testing.Short() {
		t.Skip("starts a real Neo4j")
	}
	o := localneo4j.Defaults()
	o.CacheDir, o.HomeDir = cacheDir(), t.TempDir()
	o.BoltPort, o.HTTPPort = freePort(t), freePort(t)
	o.HeapMB, o.PageCacheMB = 512, 64
	ctx := context.Background()
	db, err := localneo4j.Start(ctx, o, false)
	require.NoError(t, err)
	defer func() { _ = db.Stop(ctx) }()

	addr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	env := envMap(map[string]string{"NEO4J_URI": o.BoltURI(), "NEO4J_PASSWORD": o.Password, "CRYOGRAPH_ADDR": addr})
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(sctx, []string{"serve"}, env, io.Discard, &stderr) }()
	ready := "http://" + addr + "/readyz"
	waitFor(t, "ready", 60*time.Second, func() bool { c, _ := getJSON(ready); return c == 200 })

	require.NoError(t, db.Stop(ctx))
	code, body := getJSON(ready)
	assert.Equal(t, 503, code)
	reason, _ := body["error"].(map[string]any)
	assert.Equal(t, "neo4j_unreachable", reason["code"])
	assert.NotEmpty(t, reason["message"])
	code, _ = getJSON("http://" + addr + "/healthz")
	assert.Equal(t, 200, code, "the process itself stays healthy")

	db, err = localneo4j.Start(ctx, o, false)
	require.NoError(t, err)
	waitFor(t, "ready again", 60*time.Second, func() bool { c, _ := getJSON(ready); return c == 200 })

	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err, "graceful shutdown")
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not shut down")
	}
	assert.True(t, strings.Contains(stderr.String(), "shutting down"), stderr.String())
}

// Issue 25, item 7: 'up' is for local use and listens on the loopback interface unless told
// otherwise (docker-compose sets CRYOGRAPH_ADDR=:8080 inside its container).
func TestUpListensOnLoopbackByDefault(t *testing.T) {
	assert.Equal(t, "127.0.0.1:8080", upAddr(func(string) string { return "" }))
	assert.Equal(t, ":8080", upAddr(func(k string) string {
		if k == "CRYOGRAPH_ADDR" {
			return ":8080"
		}
		return ""
	}))
}

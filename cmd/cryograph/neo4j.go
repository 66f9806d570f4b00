package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/cryograph/cryograph/internal/localneo4j"
)

func neo4jFlags(fs *flag.FlagSet, o *localneo4j.Options) {
	fs.StringVar(&o.CacheDir, "cache-dir", o.CacheDir, "`dir` for the downloaded Neo4j jars (shared by all data dirs)")
	fs.StringVar(&o.HomeDir, "data-dir", o.HomeDir, "`dir` for this server's conf, data and logs; kept between runs")
	fs.IntVar(&o.BoltPort, "bolt-port", o.BoltPort, "Bolt `port` on 127.0.0.1")
	fs.IntVar(&o.HTTPPort, "http-port", o.HTTPPort, "HTTP `port` on 127.0.0.1 (Neo4j Browser at /browser)")
	fs.StringVar(&o.Password, "password", o.Password, "`password` of user neo4j, set when the data dir is new")
	fs.IntVar(&o.HeapMB, "heap-mb", o.HeapMB, "JVM heap in `MB`")
	fs.IntVar(&o.PageCacheMB, "pagecache-mb", o.PageCacheMB, "Neo4j page cache in `MB`")
}

// localOptions are the local Neo4j settings from the environment (localneo4j.FromEnv).
func localOptions(e env) localneo4j.Options { return localneo4j.FromEnv(e.getenv, e.stderr) }

func cmdNeo4j(ctx context.Context, e env, args []string) error {
	o := localOptions(e)
	fs := newFlagSet(e, "neo4j", "neo4j <fetch|start|stop|status|run|config> [flags]", `
Runs Neo4j `+localneo4j.Neo4jVersion+` Community from Maven Central with this machine's Java 17,
no Docker needed. The jars are fetched once into --cache-dir; each --data-dir keeps its own
database, so a second start reuses both and is fast.

  fetch   download the jars (needs Maven and Maven Central), then exit
  start   start the server in the background and return once Bolt answers
  run     start the server in the foreground; Ctrl-C stops it
  stop    stop a server started with 'start' from the same --data-dir
  status  say whether a server runs from --data-dir
  config  print the neo4j.conf that start writes
  exec    start a throw-away server on free ports (unless --data-dir/--bolt-port are given),
          run the command after -- with NEO4J_URI and NEO4J_PASSWORD set, then stop the
          server and delete its data, whatever the command did; exits with the command's status

Environment: CRYOGRAPH_CACHE_DIR, CRYOGRAPH_NEO4J_DIR, NEO4J_PASSWORD.`, `
  cryograph neo4j start                      # bolt://127.0.0.1:7687, http://127.0.0.1:7474/browser/
  cryograph neo4j start --data-dir /tmp/t1 --bolt-port 7688 --http-port 7475
  cryograph neo4j stop --data-dir /tmp/t1
  cryograph neo4j exec -- go test ./...      # what make test does`)
	neo4jFlags(fs, &o)
	dataDirDefault, boltDefault := o.HomeDir, o.BoltPort
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		if err := parse(e, fs, args); err != nil {
			return err
		}
		fs.Usage()
		return fmt.Errorf("%w: neo4j needs an action", errUsage)
	}
	action := args[0]
	if err := parse(e, fs, args[1:]); err != nil {
		return err
	}
	switch action {
	case "fetch":
		if _, err := localneo4j.CheckJava(ctx); err != nil {
			return err
		}
		lib, err := localneo4j.Fetch(ctx, o)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, lib)
		return nil
	case "start":
		s, err := localneo4j.Start(ctx, o, true)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "neo4j running (pid %d): NEO4J_URI=%s browser %s\n", s.PID(), o.BoltURI(), o.BrowserURL())
		return nil
	case "run":
		s, err := localneo4j.Start(ctx, o, false)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "neo4j running (pid %d): NEO4J_URI=%s browser %s; Ctrl-C stops it\n", s.PID(), o.BoltURI(), o.BrowserURL())
		select {
		case <-ctx.Done():
		case <-s.Wait():
			return errors.New("neo4j exited; see " + o.ConsoleLog())
		}
		return s.Stop(context.Background())
	case "stop":
		err := localneo4j.StopPIDFile(ctx, o)
		if errors.Is(err, localneo4j.ErrNotRunning) {
			fmt.Fprintf(e.stdout, "no neo4j runs from %s\n", o.HomeDir)
			return nil
		}
		return err
	case "status":
		pid, err := localneo4j.Status(o)
		if err != nil {
			fmt.Fprintf(e.stdout, "stopped (%s)\n", o.HomeDir)
			return err
		}
		fmt.Fprintf(e.stdout, "running (pid %d) from %s: %s\n", pid, o.HomeDir, localneo4j.RunningBoltURI(o))
		return nil
	case "exec":
		explicit := o.HomeDir != dataDirDefault || o.BoltPort != boltDefault
		return neo4jExec(ctx, e, o, explicit, fs.Args())
	case "config":
		fmt.Fprint(e.stdout, o.Config())
		return nil
	default:
		fs.Usage()
		return fmt.Errorf("%w: unknown neo4j action %q", errUsage, action)
	}
}

// neo4jExec runs a command against a throw-away Neo4j and always cleans up after it.
func neo4jExec(ctx context.Context, e env, o localneo4j.Options, explicit bool, argv []string) error {
	if len(argv) == 0 {
		return fmt.Errorf("%w: neo4j exec needs a command after --", errUsage)
	}
	if !explicit {
		dir, err := os.MkdirTemp("", "cryograph-neo4j-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		o.HomeDir = dir
		if o.BoltPort, err = localneo4j.FreePort(); err != nil {
			return err
		}
		if o.HTTPPort, err = localneo4j.FreePort(); err != nil {
			return err
		}
		if d := localneo4j.Defaults(); o.HeapMB == d.HeapMB && o.PageCacheMB == d.PageCacheMB {
			o.HeapMB, o.PageCacheMB = 768, 256 // a test server is small unless told otherwise
		}
	}
	srv, err := localneo4j.Start(ctx, o, false)
	if err != nil {
		return err
	}
	defer func() {
		if err := srv.Stop(context.Background()); err != nil {
			fmt.Fprintln(e.stderr, "neo4j exec:", err)
		}
	}()
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, e.stdout, e.stderr
	cmd.Env = append(os.Environ(),
		"NEO4J_URI="+o.BoltURI(), "NEO4J_USERNAME=neo4j", "NEO4J_PASSWORD="+o.Password,
		"NEO4J_DATABASE=neo4j", fmt.Sprintf("CRYOGRAPH_TEST_NEO4J_HTTP=http://127.0.0.1:%d", o.HTTPPort),
		"CRYOGRAPH_CACHE_DIR="+absPath(o.CacheDir), "CRYOGRAPH_NEO4J_IMPORT_DIR="+absPath(o.ImportDir()))
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("run %s: %w", argv[0], err)
	}
	// Forward Ctrl-C to the command, let it finish, then clean up.
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-ctx.Done():
		_ = cmd.Process.Signal(os.Interrupt)
		err = <-done
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return exitCode(ee.ExitCode())
	}
	return err
}

// absPath makes a path absolute, so commands run in other folders (go test runs each package
// in its own) find the same cache instead of starting one of their own.
func absPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
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

func localOptions(e env) localneo4j.Options {
	o := localneo4j.Defaults()
	if v := e.getenv("CRYOGRAPH_CACHE_DIR"); v != "" {
		o.CacheDir = v
	}
	if v := e.getenv("CRYOGRAPH_NEO4J_DIR"); v != "" {
		o.HomeDir = v
	}
	if v := e.getenv("NEO4J_PASSWORD"); v != "" {
		o.Password = v
	}
	o.Log = e.stderr
	return o
}

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

Environment: CRYOGRAPH_CACHE_DIR, CRYOGRAPH_NEO4J_DIR, NEO4J_PASSWORD.`, `
  cryograph neo4j start                      # bolt://127.0.0.1:7687, http://127.0.0.1:7474/browser/
  cryograph neo4j start --data-dir /tmp/t1 --bolt-port 7688 --http-port 7475
  cryograph neo4j stop --data-dir /tmp/t1`)
	neo4jFlags(fs, &o)
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
		fmt.Fprintf(e.stdout, "running (pid %d) from %s: %s\n", pid, o.HomeDir, o.BoltURI())
		return nil
	case "config":
		fmt.Fprint(e.stdout, o.Config())
		return nil
	default:
		fs.Usage()
		return fmt.Errorf("%w: unknown neo4j action %q", errUsage, action)
	}
}

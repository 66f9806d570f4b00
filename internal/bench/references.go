package bench

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/cryograph/cryograph/internal/bulk"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/localneo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The reference ways of putting the rows into Neo4j, which Run times after the loader's sweep.

// loadCSV times LOAD CSV with CALL {} IN TRANSACTIONS OF 10000 ROWS, MERGE on the same
// unique ids, into the emptied database: the minimal form (a few columns, no name keys).
func (c Config) loadCSV(ctx context.Context, set *csvSet, rep *Report) error {
	secs, err := c.timeStatements(ctx, "LOAD CSV ... CALL {} IN TRANSACTIONS OF 10000 ROWS (minimal columns)", set.loadCSVStatements(10000))
	if err != nil {
		return err
	}
	rep.Results = append(rep.Results, Result{Name: "LOAD CSV, CALL {} IN TRANSACTIONS OF 10000 ROWS, minimal columns", Nodes: set.Nodes, Rels: set.Rels,
		Seconds: secs, NodesPerS: rate(set.Nodes, secs), RelsPerS: rate(set.Rels, secs),
		Note: "pre-converted CSV; MERGE on the same ids; ids, five node columns and relationship keys only; no validation, no name keys"})
	return nil
}

// loadCSVFull times LOAD CSV of the same-graph form: every property, the hashes and the name
// keys, so that it writes what the loader writes.
func (c Config) loadCSVFull(ctx context.Context, full *FullSet, rep *Report) error {
	stmts, err := full.Statements(10000)
	if err != nil {
		return err
	}
	secs, err := c.timeStatements(ctx, "LOAD CSV ... CALL {} IN TRANSACTIONS OF 10000 ROWS (the same graph as the loader)", stmts)
	if err != nil {
		return err
	}
	rep.Results = append(rep.Results, Result{Name: "LOAD CSV, CALL {} IN TRANSACTIONS OF 10000 ROWS, the same graph", Nodes: full.Nodes, Rels: full.Rels,
		Seconds: secs, NodesPerS: rate(full.Nodes, secs), RelsPerS: rate(full.Rels, secs),
		Note: fmt.Sprintf("pre-converted CSV; MERGE on the same ids; every property, the import hashes and the %d name keys the loader writes; no validation", full.NameKeys)})
	return nil
}

// timeStatements empties the database, then runs the statements one after the other and
// returns how long they took.
func (c Config) timeStatements(ctx context.Context, what string, stmts []string) (float64, error) {
	if err := c.reset(ctx); err != nil {
		return 0, err
	}
	c.logf("%s...", what)
	start := time.Now()
	sess := c.DB.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: c.DB.database})
	defer sess.Close(ctx)
	for _, stmt := range stmts {
		res, err := sess.Run(ctx, stmt, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			return 0, fmt.Errorf("LOAD CSV: %w", err)
		}
	}
	return time.Since(start).Seconds(), nil
}

// perRow times one statement per row on a sample (the first rows of the file).
func (c Config) perRow(ctx context.Context, rep *Report) error {
	sample, err := head(c.File, c.SampleRows)
	if err != nil {
		return err
	}
	if err := c.reset(ctx); err != nil {
		return err
	}
	c.logf("one statement per row, on the first %d rows...", c.SampleRows)
	start := time.Now()
	r, err := importer.Load(ctx, c.Store, []importer.Input{importer.Bytes("sample", sample)}, importer.Options{BatchSize: 1})
	if err != nil {
		return fmt.Errorf("one statement per row: %w", err)
	}
	secs := time.Since(start).Seconds()
	t := r.Totals()
	ops := t.Created + t.Updated + t.Unchanged
	rep.Results = append(rep.Results, Result{Name: fmt.Sprintf("one statement per row (first %d rows)", c.SampleRows), Seconds: secs,
		Nodes: ops, NodesPerS: rate(ops, secs), Note: "operations (nodes and relationships together) per second; the same upserts, one per transaction"})
	return nil
}

// admin times neo4j-admin database import full into a new store: the ceiling.
func (c Config) admin(ctx context.Context, set *csvSet, rep *Report) error {
	adminDir, err := os.MkdirTemp("", "cryograph-admin-import-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(adminDir)
	args, err := set.adminFiles(filepath.Join(adminDir, "csv"))
	if err != nil {
		return err
	}
	local := c.Local
	local.HomeDir = filepath.Join(adminDir, "home")
	c.logf("neo4j-admin database import full...")
	start := time.Now()
	out, err := localneo4j.AdminImport(ctx, local, args)
	if err != nil {
		return err
	}
	secs := time.Since(start).Seconds()
	rep.Results = append(rep.Results, Result{Name: "neo4j-admin database import full (empty store)", Nodes: set.Nodes, Rels: set.Rels,
		Seconds: secs, NodesPerS: rate(set.Nodes, secs), RelsPerS: rate(set.Rels, secs), Note: adminSummary(out)})
	return nil
}

// bulk times cryograph bulk-load into a new store: the importer's validation, neo4j-admin
// files of the graph the loader writes, neo4j-admin, then a server started on the store, the
// migrations (constraints and indexes built on the data), the derived-data refresh and the
// stop. It reports the whole and, for the comparison with neo4j-admin, the part until the
// rows are in the store.
func (c Config) bulk(ctx context.Context, set *csvSet, rep *Report) error {
	home, err := os.MkdirTemp("", "cryograph-bulk-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(home)
	local := c.Local
	local.HomeDir, local.Log = home, nil
	if local.BoltPort, err = localneo4j.FreePort(); err != nil {
		return err
	}
	if local.HTTPPort, err = localneo4j.FreePort(); err != nil {
		return err
	}
	c.logf("cryograph bulk-load (offline, a new store)...")
	r, err := bulk.Load(ctx, c.StoreConfig, local, []importer.Input{importer.File(c.File)}, importer.Options{BatchSize: 10000}, false)
	if err != nil {
		return fmt.Errorf("bulk-load: %w", err)
	}
	var steps []string
	into := 0.0
	for i, s := range r.Steps {
		steps = append(steps, fmt.Sprintf("%s %.1fs", s.Name, s.Seconds))
		if i < 2 { // validate and write the files, neo4j-admin
			into += s.Seconds
		}
	}
	rep.Results = append(rep.Results,
		Result{Name: "cryograph bulk-load (offline, a new store), until the rows are in the store", Nodes: set.Nodes, Rels: set.Rels,
			Seconds: into, NodesPerS: rate(set.Nodes, into), RelsPerS: rate(set.Rels, into),
			Note: "validation, import files of the graph the loader writes, neo4j-admin import; what the neo4j-admin way measures, plus validation and the loader's extra writes"},
		Result{Name: "cryograph bulk-load (offline, a new store), whole", Nodes: set.Nodes, Rels: set.Rels,
			Seconds: r.Seconds, NodesPerS: rate(set.Nodes, r.Seconds), RelsPerS: rate(set.Rels, r.Seconds),
			Note: "steps " + strings.Join(steps, ", ")})
	return nil
}

func head(path string, lines int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 4<<20)
	for i := 0; i < lines && sc.Scan(); i++ {
		b.Write(sc.Bytes())
		b.WriteByte('\n')
	}
	return []byte(b.String()), sc.Err()
}

var adminCounts = regexp.MustCompile(`(?m)^\s*(?:Imported:|IMPORT DONE.*)$`)

func adminSummary(out string) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for i, l := range lines {
		if strings.Contains(l, "IMPORT DONE") {
			return strings.TrimSpace(strings.Join(lines[i:min(i+4, len(lines))], " "))
		}
	}
	_ = adminCounts
	return "offline; no transactions, no MERGE"
}

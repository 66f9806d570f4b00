package bench

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/cryograph/cryograph/internal/bulk"
	"github.com/cryograph/cryograph/internal/config"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/localneo4j"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Config says what to measure and where.
type Config struct {
	Store *store.Store
	// File is a dataset in the import format (see `cryograph generate`).
	File string
	// ImportDir is the running server's import directory, where LOAD CSV finds its files.
	ImportDir string
	// Local locates the Neo4j jars for neo4j-admin; its HomeDir is replaced by a scratch dir.
	Local localneo4j.Options
	// BatchSizes are swept with one writer; the largest is also run with two writers.
	BatchSizes []int
	// TwoWritersBatch is the batch size of the run with two writers (0: 10,000 or the largest
	// swept); -1 skips that run.
	TwoWritersBatch int
	// SampleRows bounds the one-statement-per-row run, which is slow by nature; 0 skips it.
	SampleRows int
	// SkipLoadCSV and SkipAdmin leave out those reference runs, SkipSweep the one-writer loader
	// runs, SkipBulk the offline bulk-load (for quicker partial runs).
	SkipLoadCSV, SkipAdmin, SkipSweep, SkipBulk bool
	// StoreConfig is how bulk-load reaches the server it starts on its new store (URI and
	// password come from Local); Local's heap and page cache size that server.
	StoreConfig config.Config
	Log         io.Writer
}

// Result is one way of loading the rows.
type Result struct {
	Name      string  `json:"name"`
	Nodes     int     `json:"nodes"`
	Rels      int     `json:"relationships"`
	Seconds   float64 `json:"seconds"`
	NodesPerS float64 `json:"nodesPerSecond"`
	RelsPerS  float64 `json:"relationshipsPerSecond"`
	Note      string  `json:"note,omitempty"`
}

// Report is the whole comparison.
type Report struct {
	Rows  int `json:"rows"`
	Nodes int `json:"nodes"`
	Rels  int `json:"relationships"`
	// NameKeys counts the HAS_NAME_KEY relationships the loader (and the same-graph LOAD CSV)
	// writes on top of Nodes and Rels.
	NameKeys int      `json:"nameKeys,omitempty"`
	Results  []Result `json:"results"`
	// PeakRSSMB is the process's peak RSS after the sweep's first loader run; FirstTenthPS and
	// LastTenthPS are the first and last tenth of the batches of the sweep's 10,000 (or last)
	// batch size. Without the sweep they are not measured and left out of the JSON.
	PeakRSSMB    float64 `json:"loaderPeakRssMB,omitempty"`
	FirstTenthPS float64 `json:"firstTenthOpsPerSecond,omitempty"`
	LastTenthPS  float64 `json:"lastTenthOpsPerSecond,omitempty"`
	// RefreshSeconds is the derived-data refresh after the last load.
	RefreshSeconds float64 `json:"derivedRefreshSeconds"`
}

func (c Config) logf(format string, args ...any) {
	if c.Log != nil {
		fmt.Fprintf(c.Log, format+"\n", args...)
	}
}

// reset empties the database between runs.
func (c Config) reset(ctx context.Context) error {
	if err := c.Store.EmptyGraph(ctx); err != nil {
		return fmt.Errorf("empty the database: %w", err)
	}
	return nil
}

func rate(n int, secs float64) float64 {
	if secs <= 0 {
		return 0
	}
	return float64(n) / secs
}

// Run loads the same rows every way, one after the other, into an emptied database: the
// loader's batch-size sweep, the reference ways, then the loader with two writers, whose graph
// is left in the database (refreshed) for the API benchmark.
func Run(ctx context.Context, c Config) (*Report, error) {
	rep := &Report{}
	if len(c.BatchSizes) == 0 {
		c.BatchSizes = []int{1000, 5000, 10000, 20000, 50000}
	}
	sort.Ints(c.BatchSizes)
	in := []importer.Input{importer.File(c.File)}

	// The CSV forms first: they also count the nodes and relationships every form writes.
	c.logf("converting %s to CSV for LOAD CSV and neo4j-admin...", c.File)
	set, err := WriteCSV(c.File, c.ImportDir)
	if err != nil {
		return nil, fmt.Errorf("convert to CSV: %w", err)
	}
	rep.Nodes, rep.Rels = set.Nodes, set.Rels
	var full *FullSet
	if !c.SkipLoadCSV {
		c.logf("converting %s to the same-graph CSV form...", c.File)
		if full, err = WriteFullCSV(c.File, c.ImportDir); err != nil {
			return nil, fmt.Errorf("convert to CSV: %w", err)
		}
		rep.NameKeys = full.NameKeys
	}

	loader := func(name string, opts importer.Options) (*importer.Report, error) {
		if err := c.reset(ctx); err != nil {
			return nil, err
		}
		c.logf("%s...", name)
		start := time.Now()
		r, err := importer.Load(ctx, c.Store, in, opts)
		if err != nil {
			return r, fmt.Errorf("%s: %w", name, err)
		}
		secs := time.Since(start).Seconds()
		rep.Rows = r.Rows
		rep.Results = append(rep.Results, Result{Name: name, Nodes: set.Nodes, Rels: set.Rels, Seconds: secs,
			NodesPerS: rate(set.Nodes, secs), RelsPerS: rate(set.Rels, secs),
			Note: fmt.Sprintf("validates every row and reference, writes name keys and hashes; phases %s", phases(r))})
		return r, nil
	}
	for i, bs := range c.BatchSizes {
		if c.SkipSweep {
			break
		}
		r, err := loader(fmt.Sprintf("cryograph load, batch %d, 1 writer", bs), importer.Options{BatchSize: bs, RecordBatches: true})
		if err != nil {
			return rep, err
		}
		if i == 0 {
			var ru syscall.Rusage
			if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
				rep.PeakRSSMB = float64(ru.Maxrss) / 1024
			}
		}
		if bs == 10000 || i == len(c.BatchSizes)-1 {
			rep.FirstTenthPS, rep.LastTenthPS = tenths(r.BatchStats)
		}
	}
	// The reference runs after the sweep, so that they meet a server as warm as the loader's
	// (a first LOAD CSV on a fresh server took 33 s at 100k people, 24 s once warm), and before
	// the two-writer run, so that a loader's graph stays in the database.
	if !c.SkipLoadCSV {
		if err := c.loadCSV(ctx, set, rep); err != nil {
			return rep, err
		}
		if err := c.loadCSVFull(ctx, full, rep); err != nil {
			return rep, err
		}
	}
	if c.SampleRows > 0 {
		if err := c.perRow(ctx, rep); err != nil {
			return rep, err
		}
	}
	if !c.SkipAdmin {
		if err := c.admin(ctx, set, rep); err != nil {
			return rep, err
		}
	}
	if !c.SkipBulk {
		if err := c.bulk(ctx, set, rep); err != nil {
			return rep, err
		}
	}
	if c.TwoWritersBatch == 0 {
		c.TwoWritersBatch = min(10000, c.BatchSizes[len(c.BatchSizes)-1])
	}
	if c.TwoWritersBatch > 0 {
		if _, err := loader(fmt.Sprintf("cryograph load, batch %d, 2 writers", c.TwoWritersBatch), importer.Options{BatchSize: c.TwoWritersBatch, Writers: 2}); err != nil {
			return rep, err
		}
	}
	// The last load stays in the database: time the derived-data refresh that follows a load
	// (docs/model.md), and leave a graph the API benchmark can use.
	c.logf("derived data refresh...")
	start := time.Now()
	if err := c.Store.RefreshDerived(ctx); err != nil {
		return rep, fmt.Errorf("refresh derived data: %w", err)
	}
	rep.RefreshSeconds = time.Since(start).Seconds()
	return rep, nil
}

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
	sess := c.Store.Driver().NewSession(ctx, neo4j.SessionConfig{DatabaseName: c.Store.Database()})
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

func phases(r *importer.Report) string {
	var p []string
	for _, ph := range r.Phases {
		p = append(p, fmt.Sprintf("%s %.1fs", ph.Name, float64(ph.Millis)/1000))
	}
	return strings.Join(p, ", ")
}

// tenths returns the write rate (operations per second) of the first and last tenth of the
// relationship batches, the bulk of a load: a falling rate would show index misses.
func tenths(stats []importer.BatchStat) (first, last float64) {
	var rel []importer.BatchStat
	for _, s := range stats {
		if s.Phase == "relationships" {
			rel = append(rel, s)
		}
	}
	n := len(rel) / 10
	if n == 0 {
		return 0, 0
	}
	sum := func(xs []importer.BatchStat) float64 {
		ops, ms := 0, 0.0
		for _, x := range xs {
			ops += x.Ops
			ms += x.Millis
		}
		return float64(ops) / (ms / 1000)
	}
	return sum(rel[:n]), sum(rel[len(rel)-n:])
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

// adminFiles writes the neo4j-admin forms of the CSV set (headers with :ID, :START_ID,
// :END_ID) and returns the --nodes and --relationships arguments.
func (c *csvSet) adminFiles(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var args []string
	copyWith := func(src, dst, header string) error {
		in, err := os.Open(src)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(dst)
		if err != nil {
			return err
		}
		defer out.Close()
		r := bufio.NewReaderSize(in, 1<<20)
		if _, err := r.ReadString('\n'); err != nil { // drop the plain header
			return err
		}
		w := bufio.NewWriterSize(out, 1<<20)
		if _, err := w.WriteString(header + "\n"); err != nil {
			return err
		}
		if _, err := io.Copy(w, r); err != nil {
			return err
		}
		return w.Flush()
	}
	for _, l := range c.Labels() {
		dst := filepath.Join(dir, "nodes_"+l+".csv")
		if err := copyWith(c.nodeFiles["nodes_"+l].path, dst, "id:ID,name,kind,country,start,published"); err != nil {
			return nil, err
		}
		args = append(args, fmt.Sprintf("--nodes=%s:Entity=%s", l, dst))
	}
	for _, t := range c.Types() {
		dst := filepath.Join(dir, "rels_"+t+".csv")
		if err := copyWith(c.relFiles["rels_"+t].path, dst, ":START_ID,:END_ID,key"); err != nil {
			return nil, err
		}
		args = append(args, fmt.Sprintf("--relationships=%s=%s", t, dst))
	}
	return args, nil
}

package bench

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/cryograph/cryograph/internal/config"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/localneo4j"
)

// Store is what the benchmark needs of CryoGraph's store: the sink the loader writes
// through, and the derived-data refresh that follows a load.
type Store interface {
	importer.Sink
	RefreshDerived(ctx context.Context) error
}

// Config says what to measure and where.
type Config struct {
	// Store is what the loader runs are timed through, migrated.
	Store Store
	// DB reaches the same database for what the store does not do: emptying the graph
	// between runs, and the LOAD CSV runs.
	DB *DB
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
	if err := c.DB.EmptyGraph(ctx); err != nil {
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

	for i, bs := range c.BatchSizes {
		if c.SkipSweep {
			break
		}
		r, err := c.timeLoad(ctx, in, set, rep, fmt.Sprintf("cryograph load, batch %d, 1 writer", bs), importer.Options{BatchSize: bs, RecordBatches: true})
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
		if _, err := c.timeLoad(ctx, in, set, rep, fmt.Sprintf("cryograph load, batch %d, 2 writers", c.TwoWritersBatch), importer.Options{BatchSize: c.TwoWritersBatch, Writers: 2}); err != nil {
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

// timeLoad empties the database, loads the inputs with the loader and records the run as
// name in rep, with the node and relationship counts of the CSV set.
func (c Config) timeLoad(ctx context.Context, in []importer.Input, set *csvSet, rep *Report, name string, opts importer.Options) (*importer.Report, error) {
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

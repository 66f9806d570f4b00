// Package importer validates and loads files in CryoGraph's import format (JSON Lines or CSV,
// see docs/import-format.md and package format) into the graph.
//
// A load has two passes over each file, so memory grows with the set of ids, not with the
// file's size. Pass one parses and validates every row and checks every reference, against the
// files and against the graph; past Options.MemoryLimit it does so in parts, one reading of the
// files per part (validate.go), so that memory stays bounded. Pass two applies the valid rows
// in batches (batch.go): sources first, then the other nodes, then relationships. Each batch
// is one transaction, keyed on stable ids, so a re-run creates nothing twice.
package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
)

// Sink is what the importer needs from the graph store.
type Sink interface {
	// HasEntities tells whether the graph holds any entity (or merge record) at all. When it
	// does not, validation skips Lookup and ExternalOwners: they could only find nothing.
	HasEntities(ctx context.Context) (bool, error)
	// Lookup finds ids in the graph: their label, and the id they now live under when an
	// explicit merge absorbed them.
	Lookup(ctx context.Context, ids []string) (map[string]cryo.GraphID, error)
	// ExternalOwners finds the entities that already hold external ids (ORCID, ROR, Wikidata).
	ExternalOwners(ctx context.Context, ext []cryo.ExternalID) (map[cryo.ExternalID]string, error)
	// UpsertNodes and UpsertLinks write one batch in one transaction and return the counts by
	// label or relationship type.
	UpsertNodes(ctx context.Context, nodes []cryo.NodeUpsert) (map[string]cryo.UpsertCounts, error)
	UpsertLinks(ctx context.Context, links []cryo.LinkUpsert) (map[string]cryo.UpsertCounts, error)
}

// Options tune a load.
type Options struct {
	// BatchSize is the number of rows per transaction.
	BatchSize int
	// DryRun validates everything, references included, and writes nothing.
	DryRun bool
	// SkipInvalid applies the valid rows of a file that has invalid ones. By default a single
	// invalid row stops the whole load before anything is written.
	SkipInvalid bool
	// Writers is the number of batches written at once (default 1). Batches of one phase are
	// independent upserts, so they may run concurrently; Neo4j's deadlock retries are handled
	// by the driver's managed transactions.
	Writers int
	// RecordBatches keeps every batch's size and duration in the report (for benchmarks).
	RecordBatches bool
	// Progress, if set, is called after each batch of each phase (sources, nodes,
	// relationships) with the rows scanned so far in that phase and the total, and every 4,096
	// rows while validating (total -1 until a first reading of the files has counted them).
	Progress func(phase string, done, total int)
	// MaxErrors caps the errors kept in the report; the count is always exact.
	MaxErrors int
	// OnePass hands every row to the sink while it is validated, instead of reading the files
	// again after validation, phase by phase. It is for a sink that writes into an empty graph
	// and can throw away all it was given (bulk-load's import files): when any row is
	// rejected, Load still returns ErrRejected, but the sink has seen rows, and the caller
	// must discard them. Not with SkipInvalid or DryRun.
	OnePass bool
	// MemoryLimit bounds, in bytes, the tables validation keeps (the ids, links and references
	// of the files; see validate.go). When they would outgrow it, validation splits the ids
	// by hash into parts and reads the files once per part. 0 means no limit: one part.
	MemoryLimit int64
	// Partitions is the number of parts validation starts with (default 1); MemoryLimit may
	// raise it.
	Partitions int
	// Change is the changeset the load records (docs/model.md, "Changesets and history"):
	// who, why, the source and the kind of write (import by default; ingest, edit, report).
	// What it leaves out is filled in (cryo.ChangeMeta.Complete): an id, shared by every batch
	// of the load, the time, "system", and a comment naming the files. Nodes and
	// relationships the load creates or changes are recorded with their state before and
	// after; a load that changes nothing records no changeset.
	Change cryo.ChangeMeta
}

// ErrRejected is returned when rows were rejected; the Report lists them.
var ErrRejected = errors.New("rows were rejected")

// Input is one file to load.
type Input struct {
	Name string
	// Open returns a fresh reader over the whole file; it is called once per pass.
	Open func() (io.ReadCloser, error)
	// Size is the input's length in bytes, 0 if unknown (it sizes validation's parts).
	Size int64
}

// File makes an Input of a path on disk.
func File(path string) Input {
	in := Input{Name: path, Open: func() (io.ReadCloser, error) { return os.Open(path) }}
	if fi, err := os.Stat(path); err == nil {
		in.Size = fi.Size()
	}
	return in
}

// Bytes makes an Input of data held in memory, such as an HTTP upload.
func Bytes(name string, data []byte) Input {
	return Input{Name: name, Size: int64(len(data)), Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}
}

// FS makes Inputs of the *.jsonl and *.csv files of fsys, in name order, such as the embedded demo data.
func FS(fsys fs.FS) ([]Input, error) {
	names, err := fs.Glob(fsys, "*.jsonl")
	if err != nil {
		return nil, err
	}
	csvs, _ := fs.Glob(fsys, "*.csv")
	names = append(names, csvs...)
	sort.Strings(names)
	out := make([]Input, 0, len(names))
	for _, n := range names {
		name := n
		in := Input{Name: name, Open: func() (io.ReadCloser, error) { return fsys.Open(name) }}
		if fi, err := fs.Stat(fsys, name); err == nil {
			in.Size = fi.Size()
		}
		out = append(out, in)
	}
	return out, nil
}

// Load validates the inputs and, unless told otherwise, applies them. It returns ErrRejected
// (with the report) when any row is invalid.
func Load(ctx context.Context, sink Sink, inputs []Input, opts Options) (*Report, error) {
	start := time.Now()
	if opts.BatchSize <= 0 {
		opts.BatchSize = 1000
	}
	if opts.MaxErrors <= 0 {
		opts.MaxErrors = 1000
	}
	rep := newReport(inputs, opts)
	if opts.OnePass && (opts.SkipInvalid || opts.DryRun) {
		return rep, errors.New("import: OnePass cannot be combined with SkipInvalid or DryRun")
	}
	if !opts.DryRun {
		opts.Change = opts.Change.Complete(defaultComment(inputs))
		ctx = cryo.WithChange(ctx, opts.Change)
	}

	// Pass one: parse and validate every row, and every reference (validate.go).
	v := newValidator(ctx, sink, inputs, opts, rep)
	if err := v.validate(); err != nil {
		return rep, err
	}
	rep.Phases = append(rep.Phases, Phase{"validate", time.Since(start).Milliseconds()})
	rep.Rejected = v.rejected.n
	rep.Errors = append(rep.Errors, v.rejected.errors()...)
	rep.truncated = v.rejected.n > len(rep.Errors)
	switch {
	case rep.Rejected > 0 && !opts.SkipInvalid:
		rep.finish(start)
		return rep, ErrRejected
	case opts.DryRun:
		if planner, ok := sink.(Planner); ok && (rep.Rejected == 0 || opts.SkipInvalid) {
			if err := v.plan(planner, start); err != nil {
				return rep, fmt.Errorf("plan the dry run: %w", err)
			}
		}
		rep.finish(start)
		if rep.Rejected > 0 {
			return rep, ErrRejected
		}
		return rep, nil
	case opts.OnePass && v.sawMerge:
		rep.finish(start)
		return rep, errors.New("import: merge rows cannot be written while validating (bulk-load): load them with load")
	case opts.OnePass: // everything was written while it was validated
		rep.Applied = true
		rep.finish(start)
		return rep, nil
	}

	// Pass two: apply, sources first, then other nodes, then relationships (batch.go).
	if err := v.apply(start); err != nil {
		rep.noteChangeset(opts.Change.ID)
		rep.Interrupted, rep.Failure = true, err.Error()
		rep.finish(start)
		return rep, err
	}
	if err := v.replayMerges(); err != nil {
		rep.Interrupted, rep.Failure = true, err.Error()
		rep.finish(start)
		return rep, err
	}
	rep.Applied = true
	rep.noteChangeset(opts.Change.ID)
	rep.finish(start)
	if rep.Rejected > 0 {
		return rep, ErrRejected
	}
	return rep, nil
}

// defaultComment is a load's changeset comment when its caller gave none.
func defaultComment(inputs []Input) string {
	names := make([]string, 0, len(inputs))
	for _, in := range inputs {
		names = append(names, in.Name)
	}
	if len(names) > 3 {
		names = append(names[:3], fmt.Sprintf("and %d more", len(names)-3))
	}
	return "load " + strings.Join(names, ", ")
}

// noteChangeset names the load's changeset in the report when the load created or changed
// something (the sink recorded it then); a load that changed nothing has none.
func (r *Report) noteChangeset(id string) {
	for _, counts := range []map[string]*cryo.UpsertCounts{r.Nodes, r.Links} {
		for kind, c := range counts {
			if kind != "Merge" && c.Created+c.Updated > 0 { // merge rows record no changes
				r.Changeset = id
				return
			}
		}
	}
}

// Refresher recomputes the graph's derived data (docs/model.md, "Derived data").
type Refresher interface {
	RefreshDerived(ctx context.Context) error
}

// RefreshingSink is a Sink whose graph has derived data to recompute after a write: the store.
type RefreshingSink interface {
	Sink
	Refresher
}

// RefreshError is LoadAndRefresh's error when the rows were written but refreshing the
// derived data failed. Err is the refresh's own error.
type RefreshError struct{ Err error }

func (e *RefreshError) Error() string {
	return "the rows were written, but refreshing the derived data failed (load again to retry): " + e.Err.Error()
}

func (e *RefreshError) Unwrap() error { return e.Err }

// LoadAndRefresh is "after a write, refresh the derived data" for a load: it runs Load and,
// when the load may have written rows (it applied them, or it failed after committing some
// batches), refreshes the derived data. Load's own error comes first; a failed refresh after
// a load without error is a *RefreshError.
func LoadAndRefresh(ctx context.Context, sink RefreshingSink, inputs []Input, opts Options) (*Report, error) {
	rep, err := Load(ctx, sink, inputs, opts)
	if !wrote(opts, rep, err) {
		return rep, err
	}
	if rerr := sink.RefreshDerived(ctx); rerr != nil && err == nil {
		err = &RefreshError{rerr}
	}
	return rep, err
}

// wrote tells whether a load may have written rows: it applied them, or it failed after
// committing some batches. A dry run or a file rejected as a whole wrote nothing.
func wrote(opts Options, rep *Report, err error) bool {
	if opts.DryRun || rep == nil {
		return false
	}
	return rep.Applied || (err != nil && !errors.Is(err, ErrRejected))
}

// errOnePassInGraph stops a OnePass load whose files name ids the graph already holds.
var errOnePassInGraph = errors.New("import: OnePass needs an empty graph, and some ids are in it")

// validate runs pass one and, with OnePass, writes each row as it is read.
func (v *validator) validate() error {
	if v.opts.OnePass {
		v.eager = &batcher{sink: v.sink, size: v.opts.BatchSize, rep: v.rep, phase: "validate and write", inGraph: func(string) bool { return false }}
		v.eager.startWriters(v.opts.Writers)
	}
	err := v.run()
	if v.eager != nil {
		werr := v.eager.wait(v.ctx)
		if err == nil && werr != nil {
			err = fmt.Errorf("write while validating: %w", werr)
		}
		if err == nil && (v.inGraph > 0 || len(v.redirect) > 0) {
			err = errOnePassInGraph
		}
	}
	return err
}

package importer

import (
	"fmt"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
)

// Report says what a load did, row by row for the rejected ones.
type Report struct {
	Files    []string                      `json:"files"`
	Rows     int                           `json:"rows"`
	DryRun   bool                          `json:"dryRun"`
	Applied  bool                          `json:"applied"`
	Nodes    map[string]*cryo.UpsertCounts `json:"nodes"`
	Links    map[string]*cryo.UpsertCounts `json:"relationships"`
	Rejected int                           `json:"rejected"`
	Errors   []RowError                    `json:"errors"`
	Batches  int                           `json:"batches"`
	// Interrupted is set when writing failed after some rows were valid: Nodes, Links and
	// Batches then count what the committed batches wrote, which stays in the graph, and
	// Failure says why the rest was not written. Loading the same files again is safe.
	Interrupted bool   `json:"interrupted"`
	Failure     string `json:"failure,omitempty"`
	// Plan says, for a dry run into a graph that can tell (a Planner), what the load would
	// create, update and leave unchanged; Nodes and Links then count the same.
	Plan *Plan `json:"plan,omitempty"`
	// Redirected lists ids written under another id: absorbed by a merge, or resolved
	// through an external id.
	Redirected []Redirect `json:"redirected"`
	// Phases says how long each step took: validation, then each writing phase.
	Phases []Phase `json:"phases"`
	// Partitions is the number of parts validation read the files in: 1 unless the ids
	// outgrew Options.MemoryLimit.
	Partitions int `json:"partitions"`
	// Changeset is the id of the changeset the load recorded; empty when it changed nothing
	// (docs/model.md, "Changesets and history").
	Changeset string `json:"changeset,omitempty"`
	// BatchStats lists every batch when Options.RecordBatches is set.
	BatchStats    []BatchStat `json:"batchStats,omitempty"`
	recordBatches bool
	Duration      time.Duration `json:"-"`
	Millis        int64         `json:"durationMs"`
	RowsPerS      float64       `json:"rowsPerSecond"`
	truncated     bool
}

func newReport(inputs []Input, opts Options) *Report {
	rep := &Report{recordBatches: opts.RecordBatches, Redirected: []Redirect{}, DryRun: opts.DryRun, Nodes: map[string]*cryo.UpsertCounts{}, Links: map[string]*cryo.UpsertCounts{}, Errors: []RowError{}}
	for _, in := range inputs {
		rep.Files = append(rep.Files, in.Name)
	}
	return rep
}

// finish sets the load's duration and speed, the load having begun at start.
func (r *Report) finish(start time.Time) {
	r.Duration = time.Since(start)
	r.Millis = r.Duration.Milliseconds()
	if s := r.Duration.Seconds(); s > 0 {
		r.RowsPerS = float64(r.Rows) / s
	}
}

// BatchStat is one written batch: its phase, operations and duration.
type BatchStat struct {
	Phase  string  `json:"phase"`
	Ops    int     `json:"ops"`
	Millis float64 `json:"ms"`
}

func (r *Report) batchStat(phase string, ops int, d time.Duration) {
	if r.recordBatches {
		r.BatchStats = append(r.BatchStats, BatchStat{phase, ops, float64(d.Microseconds()) / 1000})
	}
}

// Phase is one step of a load and how long it took.
type Phase struct {
	Name   string `json:"name"`
	Millis int64  `json:"ms"`
}

// Redirect says that rows with id From were written to the entity To, and why.
type Redirect struct {
	From   string `json:"from"`
	To     string `json:"to"`
	Reason string `json:"reason"`
}

func (r *Report) redirected(from, to, reason string) {
	if len(r.Redirected) < 1000 {
		r.Redirected = append(r.Redirected, Redirect{from, to, reason})
	}
}

// Totals sums the counts over every label and relationship type.
func (r *Report) Totals() cryo.UpsertCounts {
	var t cryo.UpsertCounts
	for _, c := range r.Nodes {
		t.Add(*c)
	}
	for _, c := range r.Links {
		t.Add(*c)
	}
	return t
}

// RowError says which row is wrong and why.
type RowError struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	ID     string `json:"id,omitempty"`
	Field  string `json:"field,omitempty"`
	Reason string `json:"reason"`
}

func (e RowError) Error() string {
	loc := fmt.Sprintf("%s:%d", e.File, e.Line)
	if e.ID != "" {
		loc += " (" + e.ID + ")"
	}
	if e.Field != "" {
		return fmt.Sprintf("%s: field %q: %s", loc, e.Field, e.Reason)
	}
	return loc + ": " + e.Reason
}

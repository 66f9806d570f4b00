package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/format"
)

// Pass one, validation, in parts and rounds.
//
// Its memory is the tables it keeps: every id the files define (about 64 bytes an id), the
// hash of every link (8 bytes), the references to ids not yet defined, the external ids, and
// the ids found in the graph. So that this memory is bounded, the ids (and links and external
// ids) are split by their hash into parts, and when the tables of the whole input would pass
// Options.MemoryLimit, each part is validated in a reading of its own: n parts, n readings,
// each with about 1/n of the tables. An id, every reference to it, and its definitions fall
// in one part, so every check is made within a part (part.go reads a part, check.go makes
// the checks that need all of its rows).
//
// A rejected row takes with it every row that refers to an id it defines. Rather than
// tracking that across parts, validation runs in rounds: a round reads every part, skipping
// the rows rejected so far; a round that rejects no row that defines an id is the last.
// Loads without errors run one round.

// validator holds pass one's state that outlives a part.
type validator struct {
	ctx    context.Context
	sink   Sink
	inputs []Input // Open counts the bytes read (see readBytes)
	opts   Options
	rep    *Report
	parts  int
	// emptyGraph: the graph held no entity when validation began, so nothing is looked up.
	emptyGraph bool
	// sawMerge: some valid row is a merge row, to replay once the rest is written (merges.go).
	sawMerge bool

	rejected   *rejections
	cascade    bool // a row that defines ids was rejected in this round
	phaseLines [][3]lineSet
	phaseRows  [3]int
	eager      *batcher // OnePass: the rows go to the sink as they are read (first reading only)
	// redirect maps ids that live under another id: absorbed by a merge, or resolved through
	// an external id. known holds the hashes of the ids found in the graph (sorted once
	// validation ends): the writing phases create the others without an upsert's checks. A
	// hash shared by chance only sends a new id down the upsert's path.
	redirect map[string]string
	known    []uint64
	inGraph  int // ids found in the graph
	// extMatches are rows whose external id an entity of another id already holds: resolved
	// once a round has read every part.
	extMatches []extMatch

	readBytes atomic.Int64
	total     int64 // the inputs' size, 0 if unknown
	lines     int   // the rows a whole reading sees (for progress), once known
}

// extRow is the row that gave an external id.
type extRow struct {
	id  string
	def definition
}

type extMatch struct {
	x     cryo.ExternalID
	row   extRow
	owner string
}

// errTooBig stops a reading whose tables outgrew the memory limit.
var errTooBig = errors.New("pass one's tables outgrew the memory limit")

func newValidator(ctx context.Context, sink Sink, inputs []Input, opts Options, rep *Report) *validator {
	v := &validator{ctx: ctx, sink: sink, opts: opts, rep: rep, parts: max(opts.Partitions, 1)}
	known := true
	for _, in := range inputs {
		v.total += in.Size
		known = known && in.Size > 0
		v.inputs = append(v.inputs, Input{Name: in.Name, Size: in.Size, Open: countBytes(in.Open, &v.readBytes)})
	}
	if !known {
		v.total = 0 // one size unknown: the total is unknown
	}
	return v
}

// countBytes wraps open so that what its readers read is added to n.
func countBytes(open func() (io.ReadCloser, error), n *atomic.Int64) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) {
		rc, err := open()
		if err != nil {
			return nil, err
		}
		return &countingReader{rc, n}, nil
	}
}

type countingReader struct {
	io.ReadCloser
	n *atomic.Int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.ReadCloser.Read(b)
	c.n.Add(int64(n))
	return n, err
}

// run validates every row. When a part's tables outgrow the limit in the first round, it
// starts again with more parts, as many as the bytes read so far suggest.
func (v *validator) run() error {
	// A graph without entities has nothing to look up: at 1M people the lookups of a first
	// load took 3-7 s of validation's 23-27 s, Neo4j's CPU taken from the parsing.
	has, err := v.sink.HasEntities(v.ctx)
	if err != nil {
		return fmt.Errorf("check the graph: %w", err)
	}
	v.emptyGraph = !has
	for {
		v.rejected = newRejections(len(v.inputs), v.opts.MaxErrors)
		v.phaseLines = make([][3]lineSet, len(v.inputs))
		v.phaseRows = [3]int{}
		v.rep.Rows = 0
		err := v.rounds()
		if !errors.Is(err, errTooBig) {
			v.rep.Partitions = v.parts
			return err
		}
		more := v.parts * 2
		if read := v.readBytes.Load(); v.total > 0 && read > 0 {
			// read bytes filled one part's tables; a part of the whole then holds about
			// read/total of what this part would have held.
			more = max(more, int(float64(v.parts)*float64(v.total)/float64(read)*1.25)+1)
		}
		v.parts = more
	}
}

func (v *validator) rounds() error {
	for round := 0; ; round++ {
		v.cascade = false
		v.redirect = map[string]string{}
		v.rep.Redirected = v.rep.Redirected[:0]
		v.known, v.inGraph = v.known[:0], 0
		v.extMatches = nil
		for i := 0; i < v.parts; i++ {
			v.readBytes.Store(0)
			if err := v.part(round, i); err != nil {
				return err
			}
		}
		if err := v.resolveExternalMatches(); err != nil {
			return err
		}
		if !v.cascade {
			slices.Sort(v.known)
			return nil
		}
	}
}

func (v *validator) reject(at lineKey, e RowError, defines bool) {
	if v.rejected.add(at, e) {
		v.cascade = v.cascade || defines
	}
}

func (v *validator) name(at lineKey) string { return v.inputs[at.file].Name }

// isKnown says whether id was found in the graph, or may have been (a shared hash).
func (v *validator) isKnown(id string) bool {
	_, found := slices.BinarySearch(v.known, keyOf(id).Uint64())
	return found
}

// rereadValid reads the inputs again and calls fn for each parsed row not rejected so far.
func (v *validator) rereadValid(fn func(name string, at lineKey, line int, p *format.Parsed)) error {
	for fi, in := range v.inputs {
		err := scan(v.ctx, in, nil, func(r scannedRow) {
			at := where(fi, r.line)
			if r.p == nil || r.parseErr != nil || r.decodeErr != nil {
				return
			}
			if !v.rejected.has(at) {
				fn(in.Name, at, r.line, r.p)
			}
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func badLabel(r format.Ref, label string) string {
	return fmt.Sprintf("%s is a %s; expected %s", r.ID, label, joinKeys(r.Labels))
}

func joinKeys(m map[string]bool) string { return withArticle(strings.Join(format.Keys(m), " or ")) }

// withArticle puts "a" or "an" before a label ("an Organization").
func withArticle(s string) string {
	if s != "" && strings.ContainsRune("AEIOU", rune(s[0])) {
		return "an " + s
	}
	return "a " + s
}

package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/hashkey"
)

// Pass one, validation, in parts and rounds.
//
// Its memory is the tables it keeps: every id the files define (about 64 bytes an id), the
// hash of every link (8 bytes), the references to ids not yet defined, the external ids, and
// the ids found in the graph. So that this memory is bounded, the ids (and links and external
// ids) are split by their hash into parts, and when the tables of the whole input would pass
// Options.MemoryLimit, each part is validated in a reading of its own: n parts, n readings,
// each with about 1/n of the tables. An id, every reference to it, and its definitions fall
// in one part, so every check is made within a part.
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

// part is the state of one part's reading.
type part struct {
	i, n    int
	defined map[idKey]definition
	// pending holds the ids referred to before they were defined (or never defined in the
	// files): once each, whatever the number of references.
	pending map[idKey]pendingID
	links   hashChunks
	ext     map[cryo.ExternalID]extRow
	lookup  *lookups
	bytes   int64 // the estimated size of the tables
}

// pendingID is an id referred to before any row defined it, and the labels every such
// reference accepts (a bit per labelNames entry).
type pendingID struct {
	id     string
	accept uint16
}

// acceptMask is the labels a reference accepts, a bit each (nil labels: any).
func acceptMask(labels map[string]bool) uint16 {
	if labels == nil {
		return 1<<len(labelNames) - 1
	}
	var m uint16
	for i, l := range labelNames {
		if labels[l] {
			m |= 1 << i
		}
	}
	return m
}

// accepts says whether every reference to p takes label.
func (p pendingID) accepts(label string) bool {
	i := slices.Index(labelNames, label)
	return i >= 0 && p.accept&(1<<i) != 0
}

// The estimated bytes a table entry takes, Go's map slack included (heap profiles at 1M
// people, docs/benchmarks.md): they decide when to split pass one into parts.
const (
	bytesPerID    = 64
	bytesPerLink  = 8
	bytesPerRef   = 80 // an id referred to before its definition, plus the id's length
	bytesPerExt   = 112
	bytesPerFound = 48 // an id found in the graph
)

// owns says whether the id with key k is in part p (its key is what the tables hold anyway,
// so it is hashed once).
func (p *part) owns(k idKey) bool { return p.n == 1 || k.Mod(p.n) == p.i }
func (p *part) ownsLink(h uint64) bool {
	return p.n == 1 || int(h%uint64(p.n)) == p.i
}
func (p *part) ownsExt(x cryo.ExternalID) bool {
	return p.n == 1 || hashkey.Of(x.Label+"\x00"+x.Prop+"\x00"+x.Value).Mod(p.n) == p.i
}

func badLabel(r Ref, label string) string {
	return fmt.Sprintf("%s is a %s; expected %s", r.ID, label, joinKeys(r.Labels))
}

// lookups asks the graph about ids in batches of lookupBatch on a goroutine of its own, so
// the round trips overlap with reading the files. It keeps, per id found, its key and kind (a
// reload of 1M people finds every id: as strings they took about 500 MB), and the strings
// only of the ids a merge moved.
type lookups struct {
	batch  []string
	queue  chan []string
	done   chan struct{}
	found  map[idKey]uint8 // the id's label, an index in labels
	labels []string        // the labels met, interned
	moved  map[string]string
	count  atomic.Int64 // len(found), read while the lookups run
	off    bool         // the graph is empty: nothing to look up
	err    error
	once   sync.Once
}

const lookupBatch = 5000

func newLookups(ctx context.Context, sink Sink, enabled bool) *lookups {
	l := &lookups{queue: make(chan []string, 4), done: make(chan struct{}), found: map[idKey]uint8{}, moved: map[string]string{}, off: !enabled}
	go func() {
		defer close(l.done)
		for ids := range l.queue {
			if l.err != nil {
				continue
			}
			found, err := sink.Lookup(ctx, ids)
			if err != nil {
				l.err = err
				continue
			}
			for id, g := range found {
				i := slices.Index(l.labels, g.Label)
				if i < 0 {
					i = len(l.labels)
					l.labels = append(l.labels, g.Label)
				}
				l.found[keyOf(id)] = uint8(i)
				if g.Target != "" && g.Target != id {
					l.moved[id] = g.Target
				}
			}
			l.count.Store(int64(len(l.found)))
		}
	}()
	return l
}

func (l *lookups) add(id string) {
	if l.off {
		return
	}
	l.batch = append(l.batch, id)
	if len(l.batch) == lookupBatch {
		l.queue <- l.batch
		l.batch = nil
	}
}

// wait sends what is left and waits for every answer; it may be called again (the second call
// only waits). Then found, labels and moved may be read.
func (l *lookups) wait() error {
	l.once.Do(func() {
		if len(l.batch) > 0 {
			l.queue <- l.batch
		}
		close(l.queue)
	})
	<-l.done
	return l.err
}

// label is the label in the graph of the id with key k, if the graph has it.
func (l *lookups) label(k idKey) (string, bool) {
	i, ok := l.found[k]
	if !ok {
		return "", false
	}
	return l.labels[i], true
}

// errTooBig stops a reading whose tables outgrew the memory limit.
var errTooBig = errors.New("pass one's tables outgrew the memory limit")

func newValidator(ctx context.Context, sink Sink, inputs []Input, opts Options, rep *Report) *validator {
	v := &validator{ctx: ctx, sink: sink, opts: opts, rep: rep, parts: max(opts.Partitions, 1)}
	known := true
	for _, in := range inputs {
		open := in.Open
		v.total += in.Size
		known = known && in.Size > 0
		v.inputs = append(v.inputs, Input{Name: in.Name, Size: in.Size, Open: func() (io.ReadCloser, error) {
			rc, err := open()
			if err != nil {
				return nil, err
			}
			return &countingReader{rc, &v.readBytes}, nil
		}})
	}
	if !known {
		v.total = 0 // one size unknown: the total is unknown
	}
	return v
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

// part reads every input once and checks what part i holds: its ids' definitions, the
// references to them, its links and its external ids.
func (v *validator) part(round, i int) error {
	first := round == 0 && i == 0
	limit := v.opts.MemoryLimit
	if round > 0 || v.eager != nil {
		limit = 0 // the parts are known to fit; a load that writes as it reads cannot restart
	}
	ctx, cancel := context.WithCancel(v.ctx)
	defer cancel()
	p := &part{i: i, n: v.parts, defined: map[idKey]definition{}, pending: map[idKey]pendingID{}, ext: map[cryo.ExternalID]extRow{}, lookup: newLookups(ctx, v.sink, !v.emptyGraph)}
	defer p.lookup.wait()
	tooBig := false
	grow := func(n int64) {
		p.bytes += n
		if limit > 0 && p.bytes+p.lookup.count.Load()*bytesPerFound > limit && !tooBig {
			tooBig = true
			cancel()
		}
	}
	phase, seen, total := "validate", 0, v.lines
	if v.parts > 1 || round > 0 {
		phase = fmt.Sprintf("validate (round %d, part %d of %d)", round+1, i+1, v.parts)
	}
	if total == 0 {
		total = -1 // unknown until a reading ends
	}
	for fi, in := range v.inputs {
		err := scan(ctx, in, nil, func(r scannedRow) {
			line, m, row := r.line, r.m, r.p
			at := where(fi, line)
			if row == nil && r.decodeErr == nil && r.parseErr == nil {
				return // the header row
			}
			if seen++; v.opts.Progress != nil && seen%4096 == 0 {
				v.opts.Progress(phase, seen, total)
			}
			if first {
				switch {
				case r.decodeErr != nil:
					v.reject(at, RowError{File: in.Name, Line: line, Reason: r.decodeErr.Error()}, false)
					return
				case r.parseErr != nil:
					var fe fieldErr
					id, _ := m["id"].(string)
					if errors.As(r.parseErr, &fe) {
						v.reject(at, RowError{File: in.Name, Line: line, ID: id, Field: fe.field, Reason: fe.reason}, false)
					} else {
						v.reject(at, RowError{File: in.Name, Line: line, ID: id, Reason: r.parseErr.Error()}, false)
					}
					return
				}
				v.rep.Rows++
				for ph := range phaseNames {
					switch {
					case !row.has(ph):
					case v.eager != nil: // written now: no line to remember for a writing phase
						if v.eager.failed() == nil {
							v.eager.add(v.ctx, ph, row) // not ctx: its batches outlive this reading
						}
					default:
						v.phaseLines[fi][ph].add(line)
						v.phaseRows[ph]++
					}
				}
			}
			if row == nil || r.decodeErr != nil || r.parseErr != nil {
				return
			}
			if v.rejected.has(at) {
				return
			}
			// A row rejected here defined nothing yet in this part; with one part, nothing at
			// all, so the rows after it already see it undefined.
			defines := v.parts > 1 && len(row.Nodes) > 0
			for _, n := range row.Nodes {
				k := keyOf(n.ID)
				if !p.owns(k) {
					continue
				}
				if d, dup := p.defined[k]; dup {
					v.reject(at, RowError{File: in.Name, Line: line, ID: n.ID, Field: "id",
						Reason: fmt.Sprintf("id is defined twice: first at %s:%d", v.name(d.at), int(d.at.line))}, defines)
					return
				}
			}
			for _, n := range row.Nodes {
				for _, x := range externalIDs(n) {
					if !p.ownsExt(x) {
						continue
					}
					if other, dup := p.ext[x]; dup && other.id != n.ID {
						v.reject(at, RowError{File: in.Name, Line: line, ID: n.ID, Field: x.Prop,
							Reason: fmt.Sprintf("%s %s is also given to %s: one entity, one id", x.Prop, x.Value, other.id)}, defines)
						return
					}
				}
			}
			type forwardRef struct {
				Ref
				k idKey
			}
			var forward []forwardRef
			for _, r := range row.Refs {
				k := keyOf(r.ID)
				if !p.owns(k) {
					continue
				}
				d, ok := p.defined[k]
				if !ok {
					forward = append(forward, forwardRef{r, k})
				} else if r.Labels != nil && !r.Labels[d.Label()] {
					v.reject(at, RowError{File: in.Name, Line: line, Field: r.Field, Reason: badLabel(r, d.Label())}, defines)
					return
				}
			}
			for _, r := range forward {
				k := r.k
				pid, had := p.pending[k]
				if !had {
					pid = pendingID{id: r.ID, accept: 1<<len(labelNames) - 1}
					grow(bytesPerRef + int64(len(r.ID)))
				}
				pid.accept &= acceptMask(r.Labels)
				p.pending[k] = pid
			}
			for _, n := range row.Nodes {
				if k := keyOf(n.ID); p.owns(k) {
					p.defined[k] = define(n.Label, at)
					p.lookup.add(n.ID)
					grow(bytesPerID)
				}
				for _, x := range externalIDs(n) {
					if p.ownsExt(x) {
						p.ext[x] = extRow{n.ID, define(n.Label, at)}
						grow(bytesPerExt + int64(len(x.Value)+len(n.ID)))
					}
				}
			}
			for _, l := range row.Links {
				if h := linkHash(l); p.ownsLink(h) {
					p.links.add(h)
					grow(bytesPerLink)
				}
			}
		})
		if tooBig {
			return errTooBig
		}
		if err != nil {
			return err
		}
	}
	v.lines = seen
	if v.opts.Progress != nil {
		v.opts.Progress(phase, seen, seen)
	}
	return v.check(p)
}

// check makes the checks of part p that need all of its rows: links given twice, references
// to ids defined later or in the graph, ids whose kind the graph already knows otherwise, and
// external ids the graph already gives to another entity.
func (v *validator) check(p *part) error {
	// A link given twice: the later rows are rejected. Only when the sorted hashes hold a
	// duplicate are the files read again, to find the rows and say where the first one is.
	if dups := p.links.duplicates(); len(dups) > 0 {
		first := map[uint64]lineKey{}
		err := v.rereadValid(func(name string, at lineKey, line int, row *Parsed) {
			for _, l := range row.Links {
				h := linkHash(l)
				if !dups[h] {
					continue
				}
				if d, seen := first[h]; seen && d != at { // twice in one row is one link
					v.reject(at, RowError{File: name, Line: line, Field: "to",
						Reason: fmt.Sprintf("the same %s link from %s to %s is already at %s:%d (give one a distinct key)", l.Rel, l.From, l.To, v.name(d), int(d.line))},
						len(row.Nodes) > 0)
					return
				}
				first[h] = at
			}
		})
		if err != nil {
			return err
		}
	}
	p.links = hashChunks{}

	// The ids referred to before any row defined them, and never defined after, must be in
	// the graph.
	for k, pid := range p.pending {
		if _, def := p.defined[k]; !def {
			p.lookup.add(pid.id)
		}
	}
	if err := p.lookup.wait(); err != nil {
		return fmt.Errorf("check references: %w", err)
	}
	for k := range p.lookup.found {
		v.known = append(v.known, k.Uint64())
	}
	v.inGraph += len(p.lookup.found)
	for id, to := range p.lookup.moved {
		v.redirect[id] = to
		v.rep.redirected(id, to, "merged into "+to)
	}

	// External ids are merge keys: a row whose ORCID, ROR or Wikidata id an entity in the graph
	// already holds is that entity.
	extKeys := slices.Collect(maps.Keys(p.ext))
	sort.Slice(extKeys, func(i, j int) bool { return extKeys[i].Prop+extKeys[i].Value < extKeys[j].Prop+extKeys[j].Value })
	for i := 0; i < len(extKeys) && !v.emptyGraph; i += 5000 {
		owners, err := v.sink.ExternalOwners(v.ctx, extKeys[i:min(i+5000, len(extKeys))])
		if err != nil {
			return fmt.Errorf("check external ids: %w", err)
		}
		for x, owner := range owners {
			row := p.ext[x]
			if owner != row.id && v.redirect[row.id] != owner {
				v.extMatches = append(v.extMatches, extMatch{x, row, owner})
			}
		}
	}
	p.ext = nil

	// A defined id the graph knows must keep its kind. The rows are read again to name the
	// ids (the table has no strings) only when some id does not.
	clashes := map[lineKey]string{} // the defining row -> the label in the graph
	for k := range p.lookup.found {
		label, _ := p.lookup.label(k)
		if d, def := p.defined[k]; def && label != "" && label != d.Label() {
			clashes[d.at] = label
		}
	}
	if len(clashes) > 0 {
		err := v.rereadValid(func(name string, at lineKey, line int, row *Parsed) {
			label, ok := clashes[at]
			if !ok {
				return
			}
			for _, n := range row.Nodes {
				k := keyOf(n.ID)
				if got, _ := p.lookup.label(k); p.owns(k) && got == label && n.Label != label {
					v.reject(at, RowError{File: name, Line: line, ID: n.ID, Field: "id",
						Reason: fmt.Sprintf("id already names %s in the graph, not %s", withArticle(label), withArticle(n.Label))}, true)
					return
				}
			}
		})
		if err != nil {
			return err
		}
	}
	// A reference to an id defined after it, or not at all: the id must be defined by a row
	// not rejected, or be in the graph, and be of a kind the field takes. Each id is checked
	// once; only when some id fails are the files read again, to reject each row that refers
	// to it (those that referred to it after its definition too: the row that defined it was
	// rejected since, or their own check already rejected them).
	resolve := func(k idKey) (string, bool) {
		if d, in := p.defined[k]; in {
			if !v.rejected.has(d.at) {
				return d.Label(), true
			}
		}
		return p.lookup.label(k)
	}
	failed := map[idKey]bool{}
	for k, pid := range p.pending {
		if label, ok := resolve(k); !ok || !pid.accepts(label) {
			failed[k] = true
		}
	}
	p.pending = nil
	if len(failed) == 0 {
		return nil
	}
	return v.rereadValid(func(name string, at lineKey, line int, row *Parsed) {
		for _, r := range row.Refs {
			k := keyOf(r.ID)
			if !p.owns(k) || !failed[k] {
				continue
			}
			switch label, ok := resolve(k); {
			case !ok:
				v.reject(at, RowError{File: name, Line: line, Field: r.Field,
					Reason: fmt.Sprintf("%s is not defined in the files (or its row was rejected) nor in the graph", r.ID)}, len(row.Nodes) > 0)
				return
			case r.Labels != nil && !r.Labels[label]:
				v.reject(at, RowError{File: name, Line: line, Field: r.Field, Reason: badLabel(r, label)}, len(row.Nodes) > 0)
				return
			}
		}
	})
}

// resolveExternalMatches settles the rows whose external id the graph gives to another
// entity: the row is that entity (its id is redirected to it), unless the files define that
// entity too, which is an error. Finding the owners' rows takes a reading of the files; loads
// where no external id is already in the graph under another id never make it.
func (v *validator) resolveExternalMatches() error {
	if len(v.extMatches) == 0 {
		return nil
	}
	owners := map[string]lineKey{}
	for _, m := range v.extMatches {
		owners[m.owner] = lineKey{-1, 0}
	}
	err := v.rereadValid(func(_ string, at lineKey, _ int, row *Parsed) {
		for _, n := range row.Nodes {
			if d, want := owners[n.ID]; want && d.file < 0 {
				owners[n.ID] = at
			}
		}
	})
	if err != nil {
		return err
	}
	for _, m := range v.extMatches {
		at := m.row.def.at
		if v.rejected.has(at) {
			continue
		}
		if d := owners[m.owner]; d.file >= 0 {
			v.reject(at, RowError{File: v.name(at), Line: int(at.line), ID: m.row.id, Field: m.x.Prop,
				Reason: fmt.Sprintf("%s %s belongs to %s, which %s:%d also defines: one entity, one row", m.x.Prop, m.x.Value, m.owner, v.name(d), int(d.line))}, true)
			continue
		}
		if _, done := v.redirect[m.row.id]; !done {
			v.redirect[m.row.id] = m.owner
			v.rep.redirected(m.row.id, m.owner, fmt.Sprintf("same %s %s", m.x.Prop, m.x.Value))
		}
	}
	v.extMatches = nil
	return nil
}

// rereadValid reads the inputs again and calls fn for each parsed row not rejected so far.
func (v *validator) rereadValid(fn func(name string, at lineKey, line int, p *Parsed)) error {
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

// isKnown says whether id was found in the graph, or may have been (a shared hash).
func (v *validator) isKnown(id string) bool {
	_, found := slices.BinarySearch(v.known, keyOf(id).Uint64())
	return found
}

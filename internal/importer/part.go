package importer

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"slices"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/format"
	"github.com/cryograph/cryograph/internal/hashkey"
)

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

// linkSeed seeds the link hashes: they are compared only within one process.
var linkSeed = maphash.MakeSeed()

// linkHash is a 64-bit hash of a link's identity: its type, ends and key.
func linkHash(l format.LinkOp) uint64 {
	var h maphash.Hash
	h.SetSeed(linkSeed)
	h.WriteString(l.Rel)
	h.WriteByte(0)
	h.WriteString(l.From)
	h.WriteByte(0)
	h.WriteString(l.To)
	h.WriteByte(0)
	h.WriteString(l.Key)
	return h.Sum64()
}

// partReading is one reading of every input for one part.
type partReading struct {
	v      *validator
	p      *part
	first  bool // the load's first reading: it counts the rows and rejects malformed ones
	limit  int64
	cancel context.CancelFunc
	tooBig bool
	phase  string
	seen   int
	total  int
	file   int // the input being read
	name   string
}

// part reads every input once and checks what part i holds: its ids' definitions, the
// references to them, its links and its external ids.
func (v *validator) part(round, i int) error {
	limit := v.opts.MemoryLimit
	if round > 0 || v.eager != nil {
		limit = 0 // the parts are known to fit; a load that writes as it reads cannot restart
	}
	ctx, cancel := context.WithCancel(v.ctx)
	defer cancel()
	p := &part{i: i, n: v.parts, defined: map[idKey]definition{}, pending: map[idKey]pendingID{}, ext: map[cryo.ExternalID]extRow{}, lookup: newLookups(ctx, v.sink, !v.emptyGraph)}
	defer p.lookup.wait()
	pr := &partReading{v: v, p: p, first: round == 0 && i == 0, limit: limit, cancel: cancel, phase: "validate", total: v.lines}
	if v.parts > 1 || round > 0 {
		pr.phase = fmt.Sprintf("validate (round %d, part %d of %d)", round+1, i+1, v.parts)
	}
	if pr.total == 0 {
		pr.total = -1 // unknown until a reading ends
	}
	for fi, in := range v.inputs {
		pr.file, pr.name = fi, in.Name
		err := scan(ctx, in, nil, pr.row)
		if pr.tooBig {
			return errTooBig
		}
		if err != nil {
			return err
		}
	}
	v.lines = pr.seen
	if v.opts.Progress != nil {
		v.opts.Progress(pr.phase, pr.seen, pr.seen)
	}
	return v.check(p)
}

// grow adds n bytes to the part's tables and stops the reading once they outgrow the limit.
func (pr *partReading) grow(n int64) {
	p := pr.p
	p.bytes += n
	if pr.limit > 0 && p.bytes+p.lookup.count.Load()*bytesPerFound > pr.limit && !pr.tooBig {
		pr.tooBig = true
		pr.cancel()
	}
}

// row checks one row against the part and records what the part keeps of it.
func (pr *partReading) row(r scannedRow) {
	row := r.p
	if row == nil && r.decodeErr == nil && r.parseErr == nil {
		return // the header row
	}
	v := pr.v
	if pr.seen++; v.opts.Progress != nil && pr.seen%4096 == 0 {
		v.opts.Progress(pr.phase, pr.seen, pr.total)
	}
	at := where(pr.file, r.line)
	if pr.first && !pr.firstSight(at, r) {
		return
	}
	if row == nil || r.decodeErr != nil || r.parseErr != nil {
		return
	}
	if v.rejected.has(at) {
		return
	}
	forward, ok := pr.check(at, r.line, row)
	if ok {
		pr.record(at, row, forward)
	}
}

// firstSight rejects a row that does not decode or parse, and counts the others and the
// phases they write in (or, with OnePass, writes them). It says whether the row is valid.
func (pr *partReading) firstSight(at lineKey, r scannedRow) bool {
	v := pr.v
	switch {
	case r.decodeErr != nil:
		re := RowError{File: pr.name, Line: r.line, Reason: r.decodeErr.Error()}
		var raw *format.RawError
		if errors.As(r.decodeErr, &raw) {
			re.Field = raw.Field
		}
		v.reject(at, re, false)
		return false
	case r.parseErr != nil:
		var fe format.FieldError
		id, _ := r.m["id"].(string)
		if errors.As(r.parseErr, &fe) {
			v.reject(at, RowError{File: pr.name, Line: r.line, ID: id, Field: fe.Field, Reason: fe.Reason}, false)
		} else {
			v.reject(at, RowError{File: pr.name, Line: r.line, ID: id, Reason: r.parseErr.Error()}, false)
		}
		return false
	}
	v.rep.Rows++
	for ph := range phaseNames {
		switch {
		case !hasPhase(r.p, ph):
		case v.eager != nil: // written now: no line to remember for a writing phase
			if v.eager.failed() == nil {
				v.eager.add(v.ctx, ph, r.p) // not the reading's ctx: its batches outlive it
			}
		default:
			v.phaseLines[pr.file][ph].add(r.line)
			v.phaseRows[ph]++
		}
	}
	return true
}

// forwardRef is a reference to an id the part has not seen defined (yet).
type forwardRef struct {
	format.Ref
	k idKey
}

// check rejects a row that defines an id or an external id a row before it defined, or
// refers to an id defined as a kind the field does not take. It returns the row's references
// to ids not defined yet, and whether the row passed.
func (pr *partReading) check(at lineKey, line int, row *format.Parsed) ([]forwardRef, bool) {
	v, p := pr.v, pr.p
	// A row rejected here defined nothing yet in this part; with one part, nothing at
	// all, so the rows after it already see it undefined.
	defines := v.parts > 1 && len(row.Nodes) > 0
	for _, n := range row.Nodes {
		k := keyOf(n.ID)
		if !p.owns(k) {
			continue
		}
		if d, dup := p.defined[k]; dup {
			v.reject(at, RowError{File: pr.name, Line: line, ID: n.ID, Field: "id",
				Reason: fmt.Sprintf("id is defined twice: first at %s:%d", v.name(d.at), int(d.at.line))}, defines)
			return nil, false
		}
	}
	for _, n := range row.Nodes {
		for _, x := range format.ExternalIDs(n) {
			if !p.ownsExt(x) {
				continue
			}
			if other, dup := p.ext[x]; dup && other.id != n.ID {
				v.reject(at, RowError{File: pr.name, Line: line, ID: n.ID, Field: x.Prop,
					Reason: fmt.Sprintf("%s %s is also given to %s: one entity, one id", x.Prop, x.Value, other.id)}, defines)
				return nil, false
			}
		}
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
			v.reject(at, RowError{File: pr.name, Line: line, Field: r.Field, Reason: badLabel(r, d.Label())}, defines)
			return nil, false
		}
	}
	return forward, true
}

// record keeps what the part needs of a row that passed: its references to ids not defined
// yet, its definitions, external ids and links.
func (pr *partReading) record(at lineKey, row *format.Parsed, forward []forwardRef) {
	p := pr.p
	if row.Merge != nil {
		pr.v.sawMerge = true
	}
	for _, r := range forward {
		k := r.k
		pid, had := p.pending[k]
		if !had {
			pid = pendingID{id: r.ID, accept: 1<<len(labelNames) - 1}
			pr.grow(bytesPerRef + int64(len(r.ID)))
		}
		pid.accept &= acceptMask(r.Labels)
		p.pending[k] = pid
	}
	for _, n := range row.Nodes {
		if k := keyOf(n.ID); p.owns(k) {
			p.defined[k] = define(n.Label, at)
			p.lookup.add(n.ID)
			pr.grow(bytesPerID)
		}
		for _, x := range format.ExternalIDs(n) {
			if p.ownsExt(x) {
				p.ext[x] = extRow{n.ID, define(n.Label, at)}
				pr.grow(bytesPerExt + int64(len(x.Value)+len(n.ID)))
			}
		}
	}
	for _, l := range row.Links {
		if h := linkHash(l); p.ownsLink(h) {
			p.links.add(h)
			pr.grow(bytesPerLink)
		}
	}
}

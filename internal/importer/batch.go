package importer

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/format"
)

// The writing phases of pass two, in order.
const (
	phaseSources = iota
	phaseNodes
	phaseLinks
)

var phaseNames = []string{"sources", "nodes", "relationships"}

// apply is pass two: it writes the rows validation kept, phase by phase, reading each input
// again for the lines each phase needs. The load began at start.
func (v *validator) apply(start time.Time) error {
	// Ids in the graph before the load: the others are created without an upsert's checks.
	targets := make(map[string]bool, len(v.redirect))
	for _, t := range v.redirect {
		targets[t] = true
	}
	inGraph := func(id string) bool {
		return targets[id] || v.isKnown(id)
	}
	for phase := range phaseNames {
		if err := v.applyPhase(phase, inGraph, start); err != nil {
			return err
		}
	}
	return nil
}

// phaseRun is one writing phase's reading of one input.
type phaseRun struct {
	v       *validator
	b       *batcher
	phase   int
	file    int
	scanned *int
	total   int
}

func (v *validator) applyPhase(phase int, inGraph func(string) bool, start time.Time) error {
	total := v.phaseRows[phase]
	phaseStart := time.Now()
	b := &batcher{sink: v.sink, size: v.opts.BatchSize, rep: v.rep, phase: phaseNames[phase], inGraph: inGraph}
	b.startWriters(v.opts.Writers)
	scanned := 0
	for fi, in := range v.inputs {
		if v.phaseLines[fi][phase] == nil {
			continue // no rows for this phase
		}
		run := &phaseRun{v: v, b: b, phase: phase, file: fi, scanned: &scanned, total: total}
		if err := scan(v.ctx, in, v.phaseLines[fi][phase], run.row); err != nil {
			_ = b.wait(v.ctx)
			return err
		}
		if b.failed() != nil {
			break
		}
	}
	if err := b.wait(v.ctx); err != nil {
		v.rep.finish(start)
		return fmt.Errorf("apply batch %d (earlier batches are committed; re-running the load is safe): %w", v.rep.Batches+1, err)
	}
	if v.opts.Progress != nil {
		v.opts.Progress(phaseNames[phase], total, total)
	}
	v.rep.Phases = append(v.rep.Phases, Phase{phaseNames[phase], time.Since(phaseStart).Milliseconds()})
	return nil
}

// row queues one row's operations of the phase, unless it was rejected.
func (run *phaseRun) row(r scannedRow) {
	p := r.p
	if p == nil || r.parseErr != nil || run.b.failed() != nil {
		return
	}
	if run.v.rejected.has(where(run.file, r.line)) {
		return
	}
	redirect(p, run.v.redirect)
	*run.scanned++
	if run.b.add(run.v.ctx, run.phase, p) && run.v.opts.Progress != nil {
		run.v.opts.Progress(phaseNames[run.phase], *run.scanned, run.total)
	}
}

// redirect rewrites ids that live under another id in the graph. A redirected node row is
// not written: the entity it names keeps its own properties (an explicit merge already took
// the absorbed names as aliases), while the row's relationships move to that entity.
func redirect(p *format.Parsed, to map[string]string) {
	if len(to) == 0 {
		return
	}
	move := func(id string) string {
		if t, ok := to[id]; ok {
			return t
		}
		return id
	}
	kept := p.Nodes[:0]
	for _, n := range p.Nodes {
		if _, moved := to[n.ID]; !moved {
			kept = append(kept, n)
		}
	}
	p.Nodes = kept
	for i := range p.Links {
		l := &p.Links[i]
		// The key records the redirected id, so the link never lands on one the target already
		// had, and an explicit merge's moved links (suffixed the same way) are found again.
		if _, ok := to[l.From]; ok {
			l.Key += "|" + l.From
		}
		if _, ok := to[l.To]; ok {
			l.Key += "|" + l.To
		}
		l.From, l.To = move(l.From), move(l.To)
	}
}

// hasPhase says whether the row has something to write in a phase.
func hasPhase(p *format.Parsed, phase int) bool {
	switch phase {
	case phaseSources, phaseNodes:
		for _, n := range p.Nodes {
			if (n.Label == "Source") == (phase == phaseSources) {
				return true
			}
		}
		return false
	default:
		return len(p.Links) > 0
	}
}

// batcher collects the operations of one phase and writes them a batch at a time.
type batcher struct {
	sink    Sink
	size    int
	rep     *Report
	phase   string
	inGraph func(id string) bool
	nodes   []cryo.NodeUpsert
	links   []cryo.LinkUpsert

	mu   sync.Mutex // guards err and rep while writers run
	err  error
	jobs chan func()
	wg   sync.WaitGroup
}

// startWriters runs n goroutines (at least one) that write batches while the next ones are
// read and parsed; with n > 1 batches are also written concurrently. At most n batches wait,
// so memory stays bounded by the batch size.
func (b *batcher) startWriters(n int) {
	n = max(n, 1)
	b.jobs = make(chan func(), n)
	for i := 0; i < n; i++ {
		b.wg.Add(1)
		go b.writer()
	}
}

// writer runs queued jobs until the queue closes.
func (b *batcher) writer() {
	defer b.wg.Done()
	for job := range b.jobs {
		job()
	}
}

// wait flushes what is queued, lets the writers finish and returns the first error.
func (b *batcher) wait(ctx context.Context) error {
	b.flush(ctx)
	close(b.jobs)
	b.wg.Wait()
	return b.failed()
}

func (b *batcher) failed() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.err
}

// add queues p's operations of this phase and reports whether that flushed a batch.
func (b *batcher) add(ctx context.Context, phase int, p *format.Parsed) bool {
	switch phase {
	case phaseSources, phaseNodes:
		b.addNodes(phase, p)
	case phaseLinks:
		b.addLinks(p)
	}
	if len(b.nodes)+len(b.links) >= b.size {
		b.flush(ctx)
		return true
	}
	return false
}

func (b *batcher) addNodes(phase int, p *format.Parsed) {
	for _, n := range p.Nodes {
		if (n.Label == "Source") != (phase == phaseSources) {
			continue
		}
		name, _ := n.Props["name"].(string)
		aliases, _ := n.Props["aliases"].([]string)
		// The relationships the row itself defines (parties, topics, parents, sourced
		// aliases): any others of those kinds are stale and go.
		derived := make([]string, 0, len(p.Links))
		for _, l := range p.Links {
			other := l.To
			if l.To == n.ID {
				other = l.From
			}
			derived = append(derived, l.Rel+"|"+other+"|"+l.Key)
		}
		sources := append([]string(nil), n.Sources...)
		sort.Strings(sources) // the graph keeps no order of sources; neither may the hash
		b.nodes = append(b.nodes, cryo.NodeUpsert{ID: n.ID, Label: n.Label, Props: n.Props, Sources: n.Sources,
			Hash: format.Hash(n.Label, n.Props, sources), NameKeys: cryo.EntityNameKeys(n.Label, name, aliases), Derived: derived,
			New: !b.inGraph(n.ID)})
	}
}

func (b *batcher) addLinks(p *format.Parsed) {
	for _, l := range p.Links {
		b.links = append(b.links, cryo.LinkUpsert{Rel: l.Rel, From: l.From, To: l.To, Key: l.Key, Props: l.Props,
			Hash: format.Hash(l.Rel, l.Props), New: !b.inGraph(l.From) || !b.inGraph(l.To)})
	}
}

// flush hands the queued operations to a writer (or writes them now) as one transaction each
// for nodes and for relationships.
func (b *batcher) flush(ctx context.Context) {
	nodes, links := b.nodes, b.links
	b.nodes, b.links = nil, nil
	if len(nodes) == 0 && len(links) == 0 {
		return
	}
	b.jobs <- func() { b.write(ctx, nodes, links) }
}

// write writes one batch: its nodes, then (if they were written) its relationships.
func (b *batcher) write(ctx context.Context, nodes []cryo.NodeUpsert, links []cryo.LinkUpsert) {
	if b.failed() != nil {
		return
	}
	if len(nodes) > 0 {
		start := time.Now()
		c, err := b.sink.UpsertNodes(ctx, nodes)
		if !b.record(len(nodes), start, c, err, b.rep.Nodes) {
			return
		}
	}
	if len(links) > 0 {
		start := time.Now()
		c, err := b.sink.UpsertLinks(ctx, links)
		b.record(len(links), start, c, err, b.rep.Links)
	}
}

// record adds a written transaction's counts to the report, or keeps its error; it says
// whether the transaction succeeded.
func (b *batcher) record(n int, start time.Time, c map[string]cryo.UpsertCounts, err error, into map[string]*cryo.UpsertCounts) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err != nil {
		if b.err == nil {
			b.err = err
		}
		return false
	}
	addCounts(into, c)
	b.rep.Batches++
	b.rep.batchStat(b.phase, n, time.Since(start))
	return true
}

func addCounts(into map[string]*cryo.UpsertCounts, by map[string]cryo.UpsertCounts) {
	for k, c := range by {
		if into[k] == nil {
			into[k] = &cryo.UpsertCounts{}
		}
		into[k].Add(c)
	}
}

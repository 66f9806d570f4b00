package store

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
)

// AuditWriter records audit entries in batches: Audit queues an entry and returns, and one
// goroutine writes them, up to 500 in one transaction, each batch 20 ms after its first entry
// (at once when someone flushes).
//
// Each Cypher console run is audited, and one write transaction per run cost Neo4j more than
// the run itself: at 16 clients `serve` answered 673-877 console runs a second against 3,800
// for the same query through the driver (docs/benchmarks.md). Batched, the cost is shared.
//
// The price: an entry is in memory until its batch commits (about 20 ms), so a crash can
// lose the last ones; Close, called on shutdown, writes them. AuditLog writes the queue
// before it reads, so a caller sees its own records. A batch that fails is logged with its
// size, as a failed single record was; the requests' answers do not change.
type AuditWriter struct {
	st     *Store
	log    *slog.Logger
	queue  chan auditItem
	mu     sync.RWMutex // guards closed against Audit's send
	done   chan struct{}
	closed bool
}

// auditItem is an entry, or (flushed != nil) a request to report once what came before it
// is written.
type auditItem struct {
	entry   cryo.AuditEntry
	flushed chan error
}

// auditBatchMax bounds the entries written in one transaction.
const auditBatchMax = 500

// ErrAuditClosed is returned by Audit after Close.
var ErrAuditClosed = errors.New("the audit writer is closed")

// NewAuditWriter starts the writer; Close stops it.
func NewAuditWriter(st *Store, log *slog.Logger) *AuditWriter {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	w := &AuditWriter{st: st, log: log, queue: make(chan auditItem, 4*auditBatchMax), done: make(chan struct{})}
	go w.run()
	return w
}

// Audit queues e. It waits while the queue is full (the database is slower than the
// requests), until ctx ends.
func (w *AuditWriter) Audit(ctx context.Context, e cryo.AuditEntry) error {
	return w.send(ctx, auditItem{entry: e})
}

func (w *AuditWriter) send(ctx context.Context, it auditItem) error {
	w.mu.RLock()
	defer w.mu.RUnlock()
	if w.closed {
		return ErrAuditClosed
	}
	select {
	case w.queue <- it:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Flush waits until every entry queued before it is written; it returns the error of the
// last batch if that failed.
func (w *AuditWriter) Flush(ctx context.Context) error {
	ch := make(chan error, 1)
	if err := w.send(ctx, auditItem{flushed: ch}); err != nil {
		return err
	}
	select {
	case err := <-ch:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// AuditLog writes the queued entries, then lists the records, newest first.
func (w *AuditWriter) AuditLog(ctx context.Context, page cryo.Page) ([]cryo.AuditEntry, error) {
	if err := w.Flush(ctx); err != nil && !errors.Is(err, ErrAuditClosed) {
		w.log.Error("audit records lost", "err", err)
	}
	return w.st.AuditLog(ctx, page)
}

// Close writes what is queued and stops the writer. Audit fails afterwards.
func (w *AuditWriter) Close(ctx context.Context) error {
	w.mu.Lock()
	if !w.closed {
		w.closed = true
		close(w.queue)
	}
	w.mu.Unlock()
	select {
	case <-w.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (w *AuditWriter) run() {
	defer close(w.done)
	batch := make([]cryo.AuditEntry, 0, auditBatchMax)
	var waiting []chan error
	for it := range w.queue {
		batch, waiting = w.take(batch[:0], waiting[:0], it)
		// Wait a little for more entries (a console run at one client takes about a
		// millisecond, so a batch gathers several), unless someone waits for this one.
		linger := time.NewTimer(auditLinger)
	gather:
		for len(batch) < auditBatchMax && len(waiting) == 0 {
			select {
			case more, ok := <-w.queue:
				if !ok {
					break gather
				}
				batch, waiting = w.take(batch, waiting, more)
			case <-linger.C:
				break gather
			}
		}
		linger.Stop()
		var err error
		if len(batch) > 0 {
			// Not the request's context: its client may be gone, the record is still owed.
			ctx, cancel := context.WithTimeout(context.Background(), auditWriteTimeout)
			err = w.st.AuditBatch(ctx, batch)
			cancel()
			if err != nil {
				w.log.Error("audit records lost", "records", len(batch), "err", err)
			}
		}
		for _, ch := range waiting {
			ch <- err
		}
	}
}

func (w *AuditWriter) take(batch []cryo.AuditEntry, waiting []chan error, it auditItem) ([]cryo.AuditEntry, []chan error) {
	if it.flushed != nil {
		return batch, append(waiting, it.flushed)
	}
	return append(batch, it.entry), waiting
}

// auditLinger is how long a batch waits for more entries after its first.
const auditLinger = 20 * time.Millisecond

// auditWriteTimeout bounds one batch's write.
const auditWriteTimeout = 10 * time.Second

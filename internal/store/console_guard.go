package store

// The console's guard: a bound on the console queries that run at once, and a pause while a
// query Neo4j could not stop is still running there.

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cryograph/cryograph/internal/analyst"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// DefaultConsoleConcurrency is how many console queries run at once unless
// SetConsoleConcurrency says otherwise: on a small machine, four heavy ones at once drove
// Neo4j out of heap (issue 25), and each is capped at db.memory.transaction.max.
const DefaultConsoleConcurrency = 2

// consoleWait is how long a run waits for a free slot before it is refused as busy.
const consoleWait = 250 * time.Millisecond

// lingerCheckEvery is how often the console looks for lingering transactions even when none
// is suspected (another process, or one from before a restart, may have left one).
const lingerCheckEvery = 30 * time.Second

type consoleGuard struct {
	slots     chan struct{}
	suspected atomic.Bool
	mu        sync.Mutex
	checkedAt time.Time
}

func newConsoleGuard(n int) *consoleGuard {
	if n < 1 {
		n = DefaultConsoleConcurrency
	}
	return &consoleGuard{slots: make(chan struct{}, n)}
}

// SetConsoleConcurrency bounds the console queries (and saved-query runs) that run at once;
// past it a run is refused with analyst.CodeBusy. Call it before serving.
func (s *Store) SetConsoleConcurrency(n int) { s.console = newConsoleGuard(n) }

// ConsoleConcurrency is the bound SetConsoleConcurrency set.
func (s *Store) ConsoleConcurrency() int { return cap(s.console.slots) }

func (g *consoleGuard) acquire() (release func(), err error) {
	t := time.NewTimer(consoleWait)
	defer t.Stop()
	select {
	case g.slots <- struct{}{}:
		return func() { <-g.slots }, nil
	case <-t.C:
		return nil, &analyst.Error{Code: analyst.CodeBusy,
			Message: fmt.Sprintf("%d console queries are running, as many as this server allows at once; retry in a moment", cap(g.slots))}
	}
}

func (g *consoleGuard) suspect() { g.suspected.Store(true) }

// lingeringQuery finds the console's transactions that Neo4j has terminated but that still
// run: queries that never look at the termination flag.
const lingeringQuery = `SHOW TRANSACTIONS YIELD transactionId, status, metaData, elapsedTime
WHERE metaData.kind = 'analyst-cypher' AND status STARTS WITH 'Terminated'
RETURN transactionId, status, elapsedTime.seconds AS seconds`

// checkLingering refuses a run (analyst.CodeStuck) while a console transaction that Neo4j
// terminated still runs there, taking CPU and heap. It asks Neo4j when one is suspected (the
// store gave up on a query past its timeout) and every lingerCheckEvery otherwise.
func (s *Store) checkLingering(ctx context.Context) error {
	g := s.console
	g.mu.Lock()
	due := g.suspected.Load() || time.Since(g.checkedAt) > lingerCheckEvery
	g.mu.Unlock()
	if !due {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	res, err := neo4j.ExecuteQuery(ctx, s.driver, lingeringQuery, nil, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		// Not knowing is no reason to refuse: the run itself meets what is wrong.
		return nil
	}
	g.mu.Lock()
	g.checkedAt = time.Now()
	g.mu.Unlock()
	if len(res.Records) == 0 {
		g.suspected.Store(false)
		return nil
	}
	id, _ := res.Records[0].Get("transactionId")
	secs, _ := res.Records[0].Get("seconds")
	g.suspected.Store(true)
	return &analyst.Error{Code: analyst.CodeStuck, Message: fmt.Sprintf(
		"the console is paused: an earlier query (transaction %v, running for %v s) ran past its timeout and Neo4j "+
			"has terminated it, but it has not stopped yet (queries such as reduce() over a long list do not look at "+
			"Neo4j's termination flag); new queries run once it has stopped, or once Neo4j is restarted", id, secs)}
}

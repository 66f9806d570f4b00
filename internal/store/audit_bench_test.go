package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// BenchmarkAuditBatch times writing console runs' audit records to the graph at NEO4J_URI,
// in batches of the sizes the audit writer forms (about 60 in its 20 ms at 3,000 runs a
// second; at most 500), so that the part of a console run's cost that is its record can be
// told (docs/benchmarks.md, tenth session). Each batch is one write transaction, as
// AuditWriter commits it; the time per record is Neo4j's work, the writes being sequential.
// The records it wrote are deleted afterwards. Skipped without NEO4J_URI.
//
//	NEO4J_URI=bolt://127.0.0.1:7689 NEO4J_PASSWORD=... go test -run '^$' -bench AuditBatch ./internal/store/
func BenchmarkAuditBatch(b *testing.B) {
	st := benchStore(b, "set NEO4J_URI")
	ctx := context.Background()
	who := fmt.Sprintf("benchmark-%d", time.Now().UnixNano())
	defer func() {
		if _, err := neo4j.ExecuteQuery(ctx, st.driver, "MATCH (e:AuditEvent {who: $who}) DELETE e", map[string]any{"who": who},
			neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(st.database), neo4j.ExecuteQueryWithWritersRouting()); err != nil {
			b.Errorf("delete the benchmark's audit records (who %q): %v", who, err)
		}
	}()
	for _, size := range []int{60, 500} {
		b.Run(fmt.Sprintf("batch=%d", size), func(b *testing.B) {
			batch := make([]cryo.AuditEntry, size)
			for i := range batch {
				batch[i] = cryo.AuditEntry{At: time.Now().UTC(), Who: who, TokenID: "0123456789abcdef", Action: "cypher",
					What: "MATCH (p:Person {id: $id})-[:AFFILIATED_WITH]->(o) RETURN p.name, o.name", Millis: 1, Rows: 1, Outcome: "ok"}
			}
			b.ResetTimer()
			for b.Loop() {
				if err := st.AuditBatch(ctx, batch); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*size), "ns/record")
		})
	}
}

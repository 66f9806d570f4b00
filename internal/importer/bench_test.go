package importer_test

import (
	"context"
	"os"
	"testing"

	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/neo4jtest"
)

// BenchmarkLoadDemo loads the demo dataset into an empty graph (first load: all creations)
// and reports rows per second. Run: make bench-load (see docs/benchmarks.md).
func BenchmarkLoadDemo(b *testing.B) {
	st := neo4jtest.Store(b)
	ctx := context.Background()
	rows := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		neo4jtest.Reset(b, st)
		in := neo4jtest.DemoInputs(b)
		b.StartTimer()
		rep, err := importer.Load(ctx, st, in, importer.Options{})
		if err != nil {
			b.Fatal(err)
		}
		rows += rep.Rows
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkReloadDemo re-imports the demo dataset over itself (every row unchanged).
func BenchmarkReloadDemo(b *testing.B) {
	st := neo4jtest.Store(b)
	neo4jtest.LoadDemo(b, st)
	ctx := context.Background()
	rows := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rep, err := importer.Load(ctx, st, neo4jtest.DemoInputs(b), importer.Options{})
		if err != nil {
			b.Fatal(err)
		}
		rows += rep.Rows
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkLoadFile loads the file named by CRYOGRAPH_BENCH_FILE (such as a generated
// dataset) into an empty graph, for profiling the loader with -cpuprofile; skipped without it.
// Run: CRYOGRAPH_BENCH_FILE=syn-100000.jsonl go test -run '^$' -bench LoadFile -benchtime 1x -cpuprofile cpu.out ./internal/importer/
func BenchmarkLoadFile(b *testing.B) {
	file := os.Getenv("CRYOGRAPH_BENCH_FILE")
	if file == "" {
		b.Skip("CRYOGRAPH_BENCH_FILE is not set")
	}
	st := neo4jtest.Store(b)
	ctx := context.Background()
	rows := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if err := st.EmptyGraph(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		rep, err := importer.Load(ctx, st, []importer.Input{importer.File(file)}, importer.Options{BatchSize: 5000})
		if err != nil {
			b.Fatal(err)
		}
		rows += rep.Rows
		b.Logf("phases %v", rep.Phases)
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

package openalex_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
)

// TestWriteSyntheticWorks writes $OPENALEX_SYNTHETIC_WORKS synthetic works in OpenAlex's
// format (made-up names and ids, "Synthetic" in every name) to $OPENALEX_SYNTHETIC_FILE, for
// measuring the ingest (docs/openalex.md, "Speed"); it is skipped without them.
//
//	OPENALEX_SYNTHETIC_WORKS=100000 OPENALEX_SYNTHETIC_FILE=/tmp/works.jsonl go test -run TestWriteSyntheticWorks ./internal/ingest/openalex/
func TestWriteSyntheticWorks(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("OPENALEX_SYNTHETIC_WORKS"))
	path := os.Getenv("OPENALEX_SYNTHETIC_FILE")
	if n <= 0 || path == "" {
		t.Skip("set OPENALEX_SYNTHETIC_WORKS and OPENALEX_SYNTHETIC_FILE")
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	authors, insts := max(n*3/10, 10), max(n/50, 5)
	for i := range n {
		var aus []map[string]any
		for j := range 1 + rng.IntN(8) {
			a := rng.IntN(authors)
			in := a % insts
			orcid := any(nil)
			if a%3 == 0 {
				orcid = fmt.Sprintf("https://orcid.org/0000-0009-%04d-%03d%d", a/1000%10000, a%1000, a%10)
			}
			aus = append(aus, map[string]any{
				"author_position": "middle",
				"author":          map[string]any{"id": fmt.Sprintf("https://openalex.org/A9%09d", a), "display_name": fmt.Sprintf("Synthetic Author %d", a), "orcid": orcid},
				"institutions": []any{map[string]any{"id": fmt.Sprintf("https://openalex.org/I9%07d", in), "display_name": fmt.Sprintf("Synthetic Institute %d", in),
					"ror": nil, "country_code": "DE", "type": "education"}},
				"is_corresponding": j == 0, "raw_affiliation_strings": []string{fmt.Sprintf("Synthetic Institute %d, Examplecity", in)},
			})
		}
		work := map[string]any{
			"id": fmt.Sprintf("https://openalex.org/W9%09d", i), "doi": fmt.Sprintf("https://doi.org/10.5555/synthetic.%d", i),
			"title": fmt.Sprintf("Synthetic work %d on cryopreservation", i), "publication_year": 2000 + rng.IntN(25),
			"type": "article", "cited_by_count": rng.IntN(200), "is_retracted": false, "authorships": aus,
			"primary_location": map[string]any{"source": map[string]any{"display_name": "Synthetic Journal"}},
			"topics":           []any{map[string]any{"id": fmt.Sprintf("https://openalex.org/T9%04d", rng.IntN(50)), "display_name": "Synthetic topic", "score": 0.9}},
			"keywords":         []any{map[string]any{"id": "https://openalex.org/keywords/vitrification", "display_name": "Vitrification", "score": rng.Float64()}},
		}
		b, _ := json.Marshal(work)
		_, _ = w.Write(append(b, '\n'))
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
}

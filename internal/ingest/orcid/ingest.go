package orcid

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
)

// Options tune an ingest.
type Options struct {
	// Retrieved is the date the records were retrieved (YYYY-MM-DD); default today.
	Retrieved string
	// Importer is handed to importer.LoadAndRefresh (dry run, batch size, memory...).
	Importer importer.Options
	// TempDir holds the import-format rows while they are loaded (default os.TempDir()).
	TempDir string
}

// Result is what an ingest did.
type Result struct {
	// Records is the number of records read.
	Records int `json:"records"`
	// Curated is the number of records whose ORCID another person (a curated one) already
	// held: that person keeps its name and facts, and gets the links.
	Curated int `json:"curated"`
	// Affiliations and Works are the AFFILIATED_WITH and AUTHORED links written; Matched the
	// works that landed on a publication the graph (or an earlier record) held by DOI.
	Affiliations int `json:"affiliations"`
	Works        int `json:"works"`
	Matched      int `json:"matched"`
	// Skipped counts what was not mapped (an organization without a disambiguated id, a work
	// without a title); Examples shows the first 20 with reasons.
	Skipped  int      `json:"skipped"`
	Examples []string `json:"skippedExamples,omitempty"`
	// Report is the load's report (importer.Report), nil if nothing was loaded.
	Report *importer.Report `json:"report"`
}

func (r *Result) skip(orcid, what, why string) {
	r.Skipped++
	if len(r.Examples) < 20 {
		r.Examples = append(r.Examples, fmt.Sprintf("%s %s: %s", orcid, what, why))
	}
}

// Ingest reads ORCID records from the inputs in two streaming passes and loads them through
// importer.LoadAndRefresh. The first pass checks every record's shape (a bad one stops the
// ingest before anything is written, naming its input, index and ORCID) and notes the ORCIDs,
// organization ids and DOIs it names; the graph is asked once which nodes hold them. The
// second pass writes the rows to a temporary file, which is loaded.
func Ingest(ctx context.Context, sink importer.RefreshingSink, inputs []Input, opts Options) (*Result, error) {
	res := &Result{}
	if opts.Retrieved == "" {
		opts.Retrieved = time.Now().UTC().Format("2006-01-02")
	}
	refs, err := scan(ctx, inputs, res)
	if err != nil || res.Records == 0 {
		return res, err
	}
	g, err := refs.lookup(ctx, sink)
	if err != nil {
		return res, err
	}
	tmp, err := os.CreateTemp(opts.TempDir, "cryograph-orcid-*.jsonl")
	if err != nil {
		return res, fmt.Errorf("orcid: rows file: %w", err)
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	if err := writeRows(ctx, tmp, inputs, g, opts.Retrieved, res); err != nil {
		return res, err
	}
	name := "orcid rows"
	if len(inputs) == 1 {
		name = inputs[0].Name + " (as import rows)"
	}
	file := importer.File(tmp.Name())
	file.Name = name
	res.Report, err = importer.LoadAndRefresh(ctx, sink, []importer.Input{file}, opts.Importer)
	return res, err
}

// scan is the first pass: every record's shape, one record per ORCID, the keys to look up.
func scan(ctx context.Context, inputs []Input, res *Result) (*refs, error) {
	refs := newRefs()
	seen := map[string]string{}
	for _, in := range inputs {
		err := Each(ctx, in, func(i int, rec *Record) error {
			res.Records++
			if where, dup := seen[rec.ORCID]; dup {
				return &ShapeError{Input: in.Name, Index: i, ORCID: rec.ORCID, Reason: "the same ORCID as " + where}
			}
			seen[rec.ORCID] = fmt.Sprintf("%s record %d", in.Name, i)
			refs.add(rec)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return refs, nil
}

// writeRows is the second pass: the rows of every record, as JSON Lines.
func writeRows(ctx context.Context, out io.Writer, inputs []Input, g *graph, retrieved string, res *Result) error {
	w := bufio.NewWriterSize(out, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(map[string]any{"format": "cryograph", "version": 1})
	for _, in := range inputs {
		err := Each(ctx, in, func(_ int, rec *Record) error {
			for _, row := range g.rows(rec, retrieved, res) {
				if err := enc.Encode(row); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("orcid: rows file: %w", err)
	}
	return nil
}

// refs are the merge keys the records name, asked of the graph before rows are written.
type refs struct {
	orcids, rors, nodes, dois map[string]bool
}

func newRefs() *refs {
	return &refs{orcids: map[string]bool{}, rors: map[string]bool{}, nodes: map[string]bool{}, dois: map[string]bool{}}
}

func (r *refs) add(rec *Record) {
	r.orcids[rec.ORCID] = true
	for _, a := range rec.Affiliations {
		rorID, node, why := orgRef(a.Org)
		if why != "" {
			continue
		}
		if rorID != "" {
			r.rors[rorID] = true
		}
		r.nodes[node] = true
	}
	for _, w := range rec.Works {
		for _, d := range w.DOIs {
			r.dois[d] = true
		}
	}
}

// lookup asks the graph, 5,000 keys at a time, which persons hold the ORCIDs, organizations
// the ROR ids and publications the DOIs (bare or as URLs), and which organization ids exist.
// A graph without entities is not asked.
func (r *refs) lookup(ctx context.Context, sink importer.Sink) (*graph, error) {
	g := &graph{persons: map[string]string{}, rors: map[string]string{}, nodes: map[string]bool{},
		dois: map[string]string{}, wrote: map[string]bool{}, pubOf: map[string]string{}}
	has, err := sink.HasEntities(ctx)
	if err != nil || !has {
		return g, err
	}
	var batch []cryo.ExternalID
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		got, err := sink.ExternalOwners(ctx, batch)
		if err != nil {
			return fmt.Errorf("orcid: look up ORCIDs, ROR ids and DOIs in the graph: %w", err)
		}
		for x, id := range got {
			switch x.Prop {
			case "orcid":
				g.persons[BareORCID(x.Value)] = id
			case "ror":
				g.rors[ShortROR(x.Value)] = id
			case "doi":
				g.dois[NormalizeDOI(x.Value)] = id
			}
		}
		batch = batch[:0]
		return nil
	}
	add := func(xs ...cryo.ExternalID) error {
		batch = append(batch, xs...)
		if len(batch) >= 5000 {
			return flush()
		}
		return nil
	}
	for o := range r.orcids {
		if err := add(cryo.ExternalID{Label: "Person", Prop: "orcid", Value: o},
			cryo.ExternalID{Label: "Person", Prop: "orcid", Value: "https://orcid.org/" + o}); err != nil {
			return nil, err
		}
	}
	for id := range r.rors {
		if err := add(cryo.ExternalID{Label: "Organization", Prop: "ror", Value: id},
			cryo.ExternalID{Label: "Organization", Prop: "ror", Value: "https://ror.org/" + id}); err != nil {
			return nil, err
		}
	}
	for d := range r.dois {
		if err := add(cryo.ExternalID{Label: "Publication", Prop: "doi", Value: d}); err != nil {
			return nil, err
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(r.nodes))
	for id := range r.nodes {
		ids = append(ids, id)
	}
	for len(ids) > 0 {
		n := min(len(ids), 5000)
		got, err := sink.Lookup(ctx, ids[:n])
		if err != nil {
			return nil, fmt.Errorf("orcid: look up organizations in the graph: %w", err)
		}
		for id := range got {
			g.nodes[id] = true
		}
		ids = ids[n:]
	}
	return g, nil
}

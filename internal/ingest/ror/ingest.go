package ror

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
)

// Filter selects records; the zero Filter takes them all.
type Filter struct {
	// IDs are ROR ids (with or without https://ror.org/).
	IDs []string
	// Country is an ISO 3166 alpha-2 code: records located there.
	Country string
	// RelatedTo is a ROR id: that record plus its hierarchy (parents and children,
	// transitively) as far as the input holds it.
	RelatedTo string
}

// Options tune an ingest.
type Options struct {
	Filter Filter
	// Retrieved is the date the input was retrieved (YYYY-MM-DD); default today.
	Retrieved string
	// Importer is handed to importer.LoadAndRefresh (dry run, batch size, memory...).
	Importer importer.Options
	// Progress, if set, is called every 10,000 records of each pass with the pass (1 or 2)
	// and the records read.
	Progress func(pass, records int)
	// TempDir holds the import-format rows while they are loaded (default os.TempDir()).
	TempDir string
}

// Result is what an ingest did.
type Result struct {
	// Records is the number of records read (first pass), Selected the number mapped.
	Records  int `json:"records"`
	Selected int `json:"selected"`
	// Curated is the number of selected records whose ROR id a curated organization already
	// held: their values went to its registry record, not to its properties.
	Curated int `json:"curated"`
	// Report is the load's report (importer.Report), nil if nothing was loaded.
	Report *importer.Report `json:"report"`
}

// entry is what the first pass keeps of a selected (or, with RelatedTo, any) record.
type entry struct {
	hier []string // parent and child ROR ids, only with RelatedTo
	rels []string // every related ROR id
}

// Ingest reads ROR records from the inputs in two streaming passes and loads the selected
// ones through importer.LoadAndRefresh. The first pass checks every record's shape (a bad
// one stops the ingest before anything is written, with its input, index and id), selects
// records and notes the ROR ids they refer to; the graph is then asked which organizations
// hold those ids. The second pass writes the rows to a temporary file, which is loaded.
func Ingest(ctx context.Context, sink importer.RefreshingSink, inputs []Input, opts Options) (*Result, error) {
	res := &Result{}
	if opts.Retrieved == "" {
		opts.Retrieved = time.Now().UTC().Format("2006-01-02")
	}
	want := map[string]bool{}
	for _, id := range opts.Filter.IDs {
		want[ShortID(id)] = true
	}
	country := strings.ToUpper(opts.Filter.Country)
	root := ShortID(opts.Filter.RelatedTo)
	pick := func(rec *Record) bool {
		if len(want) > 0 && !want[rec.ShortID()] {
			return false
		}
		if country != "" && (len(rec.Locations) == 0 || !strings.EqualFold(rec.Locations[0].GeonamesDetails.CountryCode, country)) {
			return false
		}
		return true
	}

	// Pass one: shapes, selection, references.
	entries := map[string]*entry{}
	seen := map[string]int{}
	for _, in := range inputs {
		err := Each(ctx, in, func(i int, rec *Record) error {
			res.Records++
			if opts.Progress != nil && res.Records%10000 == 0 {
				opts.Progress(1, res.Records)
			}
			id := rec.ShortID()
			if j, dup := seen[id]; dup {
				return &ShapeError{Input: in.Name, Index: i, ID: rec.ID, Reason: fmt.Sprintf("the same ROR id as record %d", j)}
			}
			seen[id] = i
			if root == "" && !pick(rec) {
				return nil
			}
			e := &entry{}
			for _, r := range rec.Relationships {
				o := ShortID(r.ID)
				e.rels = append(e.rels, o)
				if root != "" && (r.Type == "parent" || r.Type == "child") {
					e.hier = append(e.hier, o)
				}
			}
			entries[id] = e
			return nil
		})
		if err != nil {
			return res, err
		}
	}
	seen = nil
	if root != "" {
		if entries[root] == nil {
			return res, cryo.Invalid("related_to", "ROR id %s is not among the selected records of the input", root)
		}
		keep := map[string]*entry{root: entries[root]}
		queue := []string{root}
		for len(queue) > 0 {
			id := queue[0]
			queue = queue[1:]
			for _, o := range entries[id].hier {
				if _, done := keep[o]; !done && entries[o] != nil {
					keep[o] = entries[o]
					queue = append(queue, o)
				}
			}
		}
		entries = keep
	}
	res.Selected = len(entries)
	if res.Selected == 0 {
		return res, nil
	}

	// Which organizations hold these ROR ids (the records' own, and those they refer to)?
	owners, err := lookupOwners(ctx, sink, entries)
	if err != nil {
		return res, err
	}
	nodeOf := func(id string) string {
		if o, ok := owners[id]; ok {
			return o
		}
		if entries[id] != nil {
			return OrgID(id)
		}
		return ""
	}

	// Pass two: rows.
	tmp, err := os.CreateTemp(opts.TempDir, "cryograph-ror-*.jsonl")
	if err != nil {
		return res, fmt.Errorf("ror: rows file: %w", err)
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	w := bufio.NewWriterSize(tmp, 1<<20)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(map[string]any{"format": "cryograph", "version": 1})
	read := 0
	for _, in := range inputs {
		err := Each(ctx, in, func(i int, rec *Record) error {
			read++
			if opts.Progress != nil && read%10000 == 0 {
				opts.Progress(2, read)
			}
			id := rec.ShortID()
			if entries[id] == nil {
				return nil
			}
			node := nodeOf(id)
			curated := node != OrgID(id)
			if curated {
				res.Curated++
			}
			owns := func(rel, other string) bool {
				in := entries[other] != nil
				switch rel {
				case "child", "predecessor":
					return !in
				case "related":
					return !in || id < other
				}
				return true
			}
			for _, row := range rowsOf(rec, in, opts.Retrieved, node, curated, nodeOf, owns) {
				if err := enc.Encode(row); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return res, err
		}
	}
	if err := w.Flush(); err != nil {
		return res, fmt.Errorf("ror: rows file: %w", err)
	}
	name := "ror rows"
	if len(inputs) == 1 {
		name = inputs[0].Name + " (as import rows)"
	}
	file := importer.File(tmp.Name())
	file.Name = name
	res.Report, err = importer.LoadAndRefresh(ctx, sink, []importer.Input{file}, opts.Importer)
	return res, err
}

// lookupOwners asks the graph which organizations hold the ROR ids of the selected records
// and of those they refer to, 5,000 at a time; the `ror` field may hold the bare id or the
// URL. A graph without entities is not asked.
func lookupOwners(ctx context.Context, sink importer.Sink, entries map[string]*entry) (map[string]string, error) {
	owners := map[string]string{}
	has, err := sink.HasEntities(ctx)
	if err != nil || !has {
		return owners, err
	}
	var batch []cryo.ExternalID
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		got, err := sink.ExternalOwners(ctx, batch)
		if err != nil {
			return fmt.Errorf("ror: look up ROR ids in the graph: %w", err)
		}
		for x, id := range got {
			owners[ShortID(x.Value)] = id
		}
		batch = batch[:0]
		return nil
	}
	asked := map[string]bool{}
	add := func(id string) error {
		if asked[id] {
			return nil
		}
		asked[id] = true
		batch = append(batch, cryo.ExternalID{Label: "Organization", Prop: "ror", Value: id},
			cryo.ExternalID{Label: "Organization", Prop: "ror", Value: "https://ror.org/" + id})
		if len(batch) >= 5000 {
			return flush()
		}
		return nil
	}
	for id, e := range entries {
		if err := add(id); err != nil {
			return nil, err
		}
		for _, o := range e.rels {
			if err := add(o); err != nil {
				return nil, err
			}
		}
	}
	return owners, flush()
}

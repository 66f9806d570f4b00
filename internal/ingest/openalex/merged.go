package openalex

// Works merged upstream: OpenAlex merges duplicate works and lists the merged ids in its
// snapshot (merged_ids/works/*.csv.gz: merge_date,id,merge_into_id). A work the graph holds
// by a merged id is marked, never deleted: its publication row, as the graph holds it, is
// loaded again with superseded_by set, so the facts that cite it stay and the change is a
// changeset like any other load.

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/export"
	"github.com/cryograph/cryograph/internal/importer"
)

// MergedResult is what MarkMerged did.
type MergedResult struct {
	// Merged is the number of merged work ids read; Held those the graph holds.
	Merged int `json:"merged"`
	Held   int `json:"held"`
	// Report is the load's report (importer.Report), nil when nothing was loaded.
	Report *importer.Report `json:"report"`
}

// MarkMerged marks the publications the graph holds by a merged OpenAlex work id with
// superseded_by, the id they were merged into. g reads their rows as the graph holds them.
func MarkMerged(ctx context.Context, sink importer.RefreshingSink, g export.Graph, paths []string, opts Options) (*MergedResult, error) {
	into := map[string]string{}
	for _, p := range paths {
		if err := readMerged(p, into); err != nil {
			return nil, err
		}
	}
	res := &MergedResult{Merged: len(into)}
	owners, err := mergedOwners(ctx, sink, into)
	if err != nil {
		return res, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for w, id := range owners {
		row, err := heldPublicationRow(ctx, g, id)
		if err != nil {
			return res, err
		}
		res.Held++
		row["superseded_by"] = into[w]
		if err := enc.Encode(row); err != nil {
			return res, fmt.Errorf("merged works: %w", err)
		}
	}
	if res.Held == 0 {
		return res, nil
	}
	opts.Importer.Change = opts.Importer.Change.Complete(fmt.Sprintf("mark %d works merged upstream by OpenAlex", res.Held))
	res.Report, err = importer.LoadAndRefresh(ctx, sink, []importer.Input{importer.Bytes("openalex-merged-works.jsonl", buf.Bytes())}, opts.Importer)
	return res, err
}

// readMerged reads one merged-ids file (CSV, gzipped or not) into into: merged id -> id.
func readMerged(path string, into map[string]string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	br := bufio.NewReader(f)
	var r io.Reader = br
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return fmt.Errorf("%s: %w", filepath.Base(path), err)
		}
		defer gz.Close()
		r = gz
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	idCol, intoCol := -1, -1
	for line := 1; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: line %d: %w (is it OpenAlex's merged_ids CSV, merge_date,id,merge_into_id?)", path, line, err)
		}
		if line == 1 {
			for i, h := range rec {
				switch strings.TrimSpace(h) {
				case "id":
					idCol = i
				case "merge_into_id":
					intoCol = i
				}
			}
			if idCol < 0 || intoCol < 0 {
				return fmt.Errorf("%s: the header %q has no id and merge_into_id columns (OpenAlex's merged_ids CSV: merge_date,id,merge_into_id)", path, strings.Join(rec, ","))
			}
			continue
		}
		if len(rec) <= max(idCol, intoCol) {
			return fmt.Errorf("%s: line %d has %d fields, fewer than the header", path, line, len(rec))
		}
		id, to := workID(rec[idCol]), workID(rec[intoCol])
		if id == "" || to == "" {
			return fmt.Errorf("%s: line %d: %q or %q is not an OpenAlex work id (W and digits)", path, line, rec[idCol], rec[intoCol])
		}
		into[id] = to
	}
}

// workID is the bare OpenAlex work id of s (W123, w123, https://openalex.org/W123), or "".
func workID(s string) string {
	id, ok := cryo.ParseIdentifier(s)
	if !ok && !strings.HasPrefix(strings.ToUpper(strings.TrimSpace(s)), "W") {
		id, ok = cryo.ParseIdentifier("W" + strings.TrimSpace(s)) // the CSV may give the digits only
	}
	if !ok || id.Scheme != "openalex" || id.Value[0] != 'W' {
		return ""
	}
	return id.Value
}

// mergedOwners finds which publications the graph holds by the merged ids: id -> entity id.
func mergedOwners(ctx context.Context, sink importer.Sink, into map[string]string) (map[string]string, error) {
	out := map[string]string{}
	batch := make([]cryo.ExternalID, 0, 5000)
	flush := func() error {
		got, err := sink.ExternalOwners(ctx, batch)
		if err != nil {
			return err
		}
		for x, id := range got {
			out[x.Value] = id
		}
		batch = batch[:0]
		return nil
	}
	for w := range into {
		batch = append(batch, cryo.ExternalID{Label: "Publication", Prop: "openalex", Value: w})
		if len(batch) == cap(batch) {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if len(batch) > 0 {
		if err := flush(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// heldPublicationRow is the import row of publication id as the graph holds it.
func heldPublicationRow(ctx context.Context, g export.Graph, id string) (map[string]any, error) {
	rows, err := export.RowsOf(ctx, g, id, false)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", id, err)
	}
	if rows.Row["type"] != "publication" {
		return nil, fmt.Errorf("read %s: it is a %v, not a publication", id, rows.Row["type"])
	}
	return rows.Row, nil
}

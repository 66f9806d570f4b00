package importer

// Edits from the web's forms: a few import-format rows and the source they rest on, loaded
// through the same validation and write path as a file (LoadAndRefresh), so a form gets the
// loader's own error messages, on the field they concern.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strings"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
)

// MaxEditRows bounds the rows of one edit: a form sends one entity and its links.
const MaxEditRows = 200

// Edit is one form's change: why, on what evidence, and the rows.
type Edit struct {
	// Comment says why; it is required.
	Comment string `json:"comment"`
	// Source is the evidence: an existing source's id, or a new source by its URL, title,
	// date and an optional quote.
	Source *EditSource `json:"source"`
	// Rows are import-format rows (docs/import-format.md). Every row rests on Source, added
	// to its "sources" when they do not list it.
	Rows []map[string]any `json:"rows"`
}

// EditSource names an existing source (ID) or describes a new one.
type EditSource struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Quote     string `json:"quote"`
}

// Input turns the edit into an import input: the new source's row first (when the edit
// describes one), then the rows, in order. RowOf maps an error's line back to its index in
// Rows (-1 for the source's row).
func (e *Edit) Input(now time.Time) (in Input, rowOf func(line int) int, err error) {
	e.Comment = strings.TrimSpace(e.Comment)
	if e.Comment == "" {
		return Input{}, nil, cryo.Invalid("comment", "say why: every change records its reason")
	}
	if len(e.Rows) == 0 {
		return Input{}, nil, cryo.Invalid("rows", "send at least one row")
	}
	if len(e.Rows) > MaxEditRows {
		return Input{}, nil, cryo.Invalid("rows", "an edit has at most %d rows; load bigger changes as a file", MaxEditRows)
	}
	sourceID, sourceRow, err := e.source(now)
	if err != nil {
		return Input{}, nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	first := 1
	if sourceRow != nil {
		if err := enc.Encode(sourceRow); err != nil {
			return Input{}, nil, cryo.Invalid("source", "the source cannot be written: %v", err)
		}
		first = 2
	}
	for i, r := range e.Rows {
		if r == nil {
			return Input{}, nil, cryo.Invalid("rows", "row %d is not an object", i)
		}
		switch r["type"] {
		case "merge":
			return Input{}, nil, cryo.Invalid("rows", "row %d: merges have their own endpoint (POST /api/v1/merges)", i)
		case nil:
			if _, header := r["format"]; header {
				return Input{}, nil, cryo.Invalid("rows", "row %d: send rows, not a file header", i)
			}
		}
		if r["type"] != "source" {
			r["sources"] = withSource(r["sources"], sourceID)
		}
		if err := enc.Encode(r); err != nil {
			return Input{}, nil, cryo.Invalid("rows", "row %d cannot be written: %v", i, err)
		}
	}
	data := buf.Bytes()
	in = Input{Name: "edit", Size: int64(len(data)), Open: func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data)), nil
	}}
	return in, func(line int) int { return line - first }, nil
}

// source checks the edit's evidence and returns its id, and the row of a new source.
func (e *Edit) source(now time.Time) (string, map[string]any, error) {
	s := e.Source
	if s == nil || (strings.TrimSpace(s.ID) == "" && strings.TrimSpace(s.URL) == "") {
		return "", nil, cryo.Invalid("source", "every change needs a source: the id of an existing one, or a URL with its title and date")
	}
	if id := strings.TrimSpace(s.ID); id != "" {
		return id, nil, nil
	}
	url := strings.TrimSpace(s.URL)
	if strings.TrimSpace(s.Title) == "" {
		return "", nil, cryo.Invalid("source.title", "give the source's title, as the page shows it")
	}
	sum := sha256.Sum256([]byte(url))
	id := "src:web-" + hex.EncodeToString(sum[:6])
	row := map[string]any{"type": "source", "id": id, "url": url, "title": strings.TrimSpace(s.Title),
		"retrieved": now.UTC().Format("2006-01-02")}
	if p := strings.TrimSpace(s.Published); p != "" {
		row["published"] = p
	}
	if q := strings.TrimSpace(s.Quote); q != "" {
		row["quote"] = q
	}
	return id, row, nil
}

// withSource adds id to a row's "sources" unless they list it; a value that is not a list is
// left for the loader to reject on its field.
func withSource(v any, id string) any {
	switch list := v.(type) {
	case nil:
		return []any{id}
	case []any:
		for _, s := range list {
			if s == id {
				return list
			}
		}
		return append(list, id)
	}
	return v
}

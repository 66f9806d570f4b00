package format

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	gojson "github.com/goccy/go-json"
)

// DecodeLine decodes one line of JSON Lines into the map Parse reads (numbers kept exact, as
// encoding/json's json.Number). It uses goccy/go-json, a drop-in decoder about twice as fast
// as encoding/json on these rows, which matters when a load reads millions of them.
//
// Before decoding, the raw line is checked for what a decoder lets through (checkJSONLine):
// invalid UTF-8, NUL, control characters, lone surrogates and duplicate keys. When the line is
// not valid JSON, encoding/json says why: its messages name what it found and where, where
// goccy/go-json's can cite a character that is not in the line ('\x00' past its end).
func DecodeLine(b []byte) (map[string]any, error) {
	if err := checkJSONLine(b); err != nil {
		return nil, err
	}
	dec := gojson.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		// goccy/go-json refuses some valid lines (a number out of float64's range) with its
		// own internals in the message; encoding/json decides, and names the fault.
		return decodeStd(b)
	}
	if dec.More() {
		return nil, errors.New("more than one JSON value on the line")
	}
	if m == nil {
		return nil, errors.New("not a JSON object")
	}
	return m, nil
}

// decodeStd is DecodeLine with encoding/json, for the lines goccy/go-json refuses.
func decodeStd(b []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	err := dec.Decode(&m)
	if err == nil && dec.More() {
		return nil, errors.New("more than one JSON value on the line")
	}
	if err == nil && m != nil {
		return m, nil
	}
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return nil, fmt.Errorf("not a JSON object: %s (at character %d)", strings.TrimPrefix(se.Error(), "json: "), max(se.Offset, 1))
	case errors.As(err, &te):
		return nil, fmt.Errorf("not a JSON object: the line holds a JSON %s", te.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, errors.New("not a JSON object: the line ends before the object does")
	case err != nil:
		return nil, fmt.Errorf("not a JSON object: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	return nil, errors.New("not a JSON object")
}

// CSV rows are the JSON rows of the format, flattened for spreadsheets: the header names the
// fields (a "type" column is required), list fields hold values separated by ";", booleans are
// true/false (also yes/no, 1/0), and a partnership's parties are "id=role; id=role". Empty
// cells are absent fields. Sourced aliases ({name, sources, note}) need JSON Lines.
var (
	csvLists    = set("aliases", "sources", "topics", "parents", "also_seen_in", "openalex_topics", "raw_affiliations", "works")
	csvBools    = set("uncertain", "synthetic", "retracted", "corresponding")
	csvNumbers  = set("lat", "lon", "amount", "position", "year", "cited_by", "score")
	csvBoolWord = map[string]bool{"true": true, "yes": true, "1": true, "false": false, "no": false, "0": false}
)

// IsCSV tells whether a file name is that of a CSV input (else it is JSON Lines).
func IsCSV(name string) bool { return strings.HasSuffix(strings.ToLower(name), ".csv") }

// ScanCSV streams the CSV input called name, calling fn with each data row as the JSON row it
// stands for, or with why the row cannot be one.
func ScanCSV(name string, r io.Reader, fn func(line int, m map[string]any, err error)) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // report ragged rows ourselves, with their line
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil
	}
	var perr *csv.ParseError
	if errors.As(err, &perr) {
		// The file's fault, not the reader's: a row error of line 1, like any other.
		fn(perr.StartLine, nil, fmt.Errorf("the header: %w", csvSyntaxError(perr)))
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s header: %w", name, err)
	}
	for i, h := range header {
		header[i] = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
	}
	if err := checkCells(nil, header); err != nil {
		fn(1, nil, fmt.Errorf("the header: %w", err))
		return nil
	}
	hasType := false
	for _, h := range header {
		hasType = hasType || h == "type"
	}
	if !hasType {
		fn(1, nil, errors.New(`the header has no "type" column`))
		return nil
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			// FieldPos must not be asked here: after an error there is no record, and it panics.
			fn(perr.StartLine, nil, csvSyntaxError(perr))
			if errors.Is(perr.Err, csv.ErrQuote) && perr.Line > perr.StartLine {
				// An unterminated quote swallowed the rest of the input: nothing follows.
				return nil
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		if err := checkCells(header, rec); err != nil {
			fn(line, nil, err)
			continue
		}
		if len(rec) != len(header) {
			fn(line, nil, fmt.Errorf("has %d cells, the header has %d", len(rec), len(header)))
			continue
		}
		m, err := csvRow(header, rec)
		fn(line, m, err)
	}
}

// csvSyntaxError says why a CSV row cannot be read, in a spreadsheet user's words.
func csvSyntaxError(perr *csv.ParseError) error {
	switch {
	case errors.Is(perr.Err, csv.ErrQuote) && perr.Line > perr.StartLine:
		return fmt.Errorf("not valid CSV: a quoted cell that starts on line %d is never closed (a \" is missing), so the rest of the file cannot be read", perr.StartLine)
	case errors.Is(perr.Err, csv.ErrQuote):
		return fmt.Errorf("not valid CSV: extra or missing \" in a quoted cell (column %d)", perr.Column)
	case errors.Is(perr.Err, csv.ErrBareQuote):
		return fmt.Errorf("not valid CSV: a \" inside a cell that is not quoted (column %d); quote the cell and double the \"", perr.Column)
	}
	return fmt.Errorf("not valid CSV: %v", perr.Err)
}

// checkCells reports the first cell with invalid UTF-8, NUL or a control character.
func checkCells(header, rec []string) error {
	for i, v := range rec {
		if err := CheckText(v); err != nil {
			re := err.(*RawError)
			if i < len(header) {
				re.Field = header[i]
			} else {
				re.Field = fmt.Sprintf("column %d", i+1)
			}
			return re
		}
	}
	return nil
}

func csvRow(header, rec []string) (map[string]any, error) {
	m := map[string]any{}
	empty := true
	for i, h := range header {
		v := strings.TrimSpace(rec[i])
		if v == "" {
			continue
		}
		empty = false
		m[h] = csvValue(h, v)
	}
	if empty {
		return nil, errors.New("the row is empty")
	}
	return m, nil
}

// csvValue is the JSON value of the non-empty cell v in column h.
func csvValue(h, v string) any {
	switch {
	case csvLists[h]:
		var items []any
		for _, p := range strings.Split(v, ";") {
			if p = strings.TrimSpace(p); p != "" {
				items = append(items, p)
			}
		}
		return items
	case csvBools[h]:
		b, ok := csvBoolWord[strings.ToLower(v)]
		if !ok {
			return v // Parse reports "must be true or false" with the field
		}
		return b
	case csvNumbers[h]:
		return json.Number(v) // Parse checks it is a number in range
	case h == "parties":
		var parties []any
		for _, p := range strings.Split(v, ";") {
			if p = strings.TrimSpace(p); p == "" {
				continue
			}
			id, role, _ := strings.Cut(p, "=")
			party := map[string]any{"id": strings.TrimSpace(id)}
			if role = strings.TrimSpace(role); role != "" {
				party["role"] = role
			}
			parties = append(parties, party)
		}
		return parties
	default:
		return v
	}
}

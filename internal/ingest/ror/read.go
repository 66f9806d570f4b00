package ror

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Input is one ROR input: a record, an array of records, or a dump (its .zip or JSON file).
type Input struct {
	Name string
	// Open returns a fresh reader over the JSON; it is called once per pass.
	Open func() (io.ReadCloser, error)
	// Version and Date are the dump's release ("v1.55", "2024-10-31") when its name says so.
	Version, Date string
}

// File makes an Input of a path: a .zip dump (its *_schema_v2.json entry is read, streamed
// from the archive) or a JSON file.
func File(path string) Input {
	in := Input{Name: path}
	in.Version, in.Date = release(filepath.Base(path))
	if strings.HasSuffix(strings.ToLower(path), ".zip") {
		in.Open = func() (io.ReadCloser, error) { return openZip(path) }
	} else {
		in.Open = func() (io.ReadCloser, error) { return os.Open(path) }
	}
	return in
}

// Bytes makes an Input of JSON held in memory, such as an HTTP request body.
func Bytes(name string, data []byte) Input {
	in := Input{Name: name, Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}
	in.Version, in.Date = release(name)
	return in
}

// FS makes one Input of each *.json file at the top of fsys, in name order (the records
// shipped in data/ror, say).
func FS(fsys fs.FS) ([]Input, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	out := make([]Input, 0, len(names))
	for _, name := range names {
		in := Input{Name: name, Open: func() (io.ReadCloser, error) { return fsys.Open(name) }}
		in.Version, in.Date = release(name)
		out = append(out, in)
	}
	return out, nil
}

var releaseRE = regexp.MustCompile(`(v\d+(?:\.\d+)*)-(\d{4}-\d{2}-\d{2})`)

// release reads a dump's version and date from its name: v1.55-2024-10-31-ror-data_schema_v2.json.
func release(name string) (version, date string) {
	if m := releaseRE.FindStringSubmatch(name); m != nil {
		return m[1], m[2]
	}
	return "", ""
}

// zipEntry is one entry of an open archive; closing it closes the archive.
type zipEntry struct {
	io.ReadCloser
	zr *zip.ReadCloser
}

func (z zipEntry) Close() error {
	err := z.ReadCloser.Close()
	if cerr := z.zr.Close(); err == nil {
		err = cerr
	}
	return err
}

// openZip opens the schema v2 JSON of a ROR dump archive: the entry named *_schema_v2.json,
// or else the only .json entry.
func openZip(path string) (io.ReadCloser, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable zip archive (truncated?): %w", path, err)
	}
	var pick *zip.File
	var jsons []*zip.File
	for _, f := range zr.File {
		name := strings.ToLower(f.Name)
		if strings.HasSuffix(name, "_schema_v2.json") {
			pick = f
			break
		}
		if strings.HasSuffix(name, ".json") {
			jsons = append(jsons, f)
		}
	}
	if pick == nil && len(jsons) == 1 {
		pick = jsons[0]
	}
	if pick == nil {
		zr.Close()
		return nil, fmt.Errorf("%s: no *_schema_v2.json file in the archive", path)
	}
	rc, err := pick.Open()
	if err != nil {
		zr.Close()
		return nil, fmt.Errorf("%s: %s: %w", path, pick.Name, err)
	}
	return zipEntry{rc, zr}, nil
}

// Each streams the records of an input, in order, to fn with their index (from 0). The JSON
// is a record (an object) or an array of records; it is decoded one record at a time, so
// memory does not grow with the input. A record that is not ROR v2 stops it with a
// *ShapeError; so does JSON that is not well formed, naming the record it broke in.
func Each(ctx context.Context, in Input, fn func(i int, rec *Record) error) error {
	rc, err := in.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 1<<20)
	first, err := firstByte(br)
	if err != nil {
		return &ShapeError{Input: in.Name, Index: 0, Reason: "empty input: expected a ROR record or an array of records"}
	}
	dec := json.NewDecoder(br)
	bad := func(i int, err error) error {
		var ue *json.UnmarshalTypeError
		if errors.As(err, &ue) {
			return &ShapeError{Input: in.Name, Index: i, Reason: fmt.Sprintf("field %q has the wrong type (%s): not a ROR schema v2 record", ue.Field, ue.Value)}
		}
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return &ShapeError{Input: in.Name, Index: i, Reason: "the input ends inside this record (truncated?)"}
		}
		return &ShapeError{Input: in.Name, Index: i, Reason: "not valid JSON: " + err.Error()}
	}
	one := func(i int) error {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return bad(i, err)
		}
		var rec Record
		if err := json.Unmarshal(raw, &rec); err != nil {
			// A v1 record has other shapes (links as strings...): name it as v1 if it is one.
			var v1 struct {
				ID   string          `json:"id"`
				Name json.RawMessage `json:"name"`
			}
			_ = json.Unmarshal(raw, &v1)
			if v1.ID != "" || len(v1.Name) > 0 {
				rec = Record{ID: v1.ID, V1: v1.Name}
				if why := rec.check(); why != "" && len(v1.Name) > 0 {
					return &ShapeError{Input: in.Name, Index: i, ID: v1.ID, Reason: why}
				}
			}
			err := bad(i, err).(*ShapeError)
			err.ID = v1.ID
			return err
		}
		if why := rec.check(); why != "" {
			return &ShapeError{Input: in.Name, Index: i, ID: rec.ID, Reason: why}
		}
		return fn(i, &rec)
	}
	switch first {
	case '{':
		return one(0)
	case '[':
		if _, err := dec.Token(); err != nil {
			return bad(0, err)
		}
		i := 0
		for dec.More() {
			if i%1024 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			if err := one(i); err != nil {
				return err
			}
			i++
		}
		if _, err := dec.Token(); err != nil {
			return bad(i, err)
		}
		return nil
	default:
		return &ShapeError{Input: in.Name, Index: 0, Reason: fmt.Sprintf("not JSON: expected a ROR record ({...}) or an array of records ([...]), found %q", first)}
	}
}

// firstByte peeks at the first byte that is not white space (nor a UTF-8 byte order mark).
func firstByte(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.ReadByte()
		if err != nil {
			return 0, err
		}
		switch b {
		case ' ', '\t', '\r', '\n':
			continue
		case 0xEF: // byte order mark
			_, _ = br.Discard(2)
			continue
		}
		return b, br.UnreadByte()
	}
}

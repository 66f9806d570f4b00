package orcid

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Input is one ORCID input: a file holding a record (JSON or XML), a JSON array of records,
// or a .tar.gz of records (the public data file).
type Input struct {
	Name string
	// Open returns a fresh reader over the input; it is called once per pass.
	Open func() (io.ReadCloser, error)
	// Tar says the input is a gzipped tar of record files.
	Tar bool
}

// File makes an Input of a path to a file.
func File(path string) Input {
	lower := strings.ToLower(path)
	return Input{Name: path, Open: func() (io.ReadCloser, error) { return os.Open(path) },
		Tar: strings.HasSuffix(lower, ".tar.gz") || strings.HasSuffix(lower, ".tgz")}
}

// Bytes makes an Input of a record held in memory (an HTTP upload, an API response).
func Bytes(name string, data []byte) Input {
	return Input{Name: name, Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil },
		Tar: len(data) > 2 && data[0] == 0x1f && data[1] == 0x8b}
}

// Paths makes Inputs of files and directories: a directory gives each *.json, *.xml and
// *.tar.gz file under it, in name order.
func Paths(paths []string) ([]Input, error) {
	var out []Input
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !fi.IsDir() {
			out = append(out, File(p))
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && recordFile(path) {
				found = append(found, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		for _, f := range found {
			out = append(out, File(f))
		}
	}
	return out, nil
}

func recordFile(name string) bool {
	l := strings.ToLower(name)
	return strings.HasSuffix(l, ".json") || strings.HasSuffix(l, ".xml") || strings.HasSuffix(l, ".tar.gz") || strings.HasSuffix(l, ".tgz")
}

// Each streams the records of an input, in order, to fn with their index (from 0). A record
// that cannot be read stops it with a *ShapeError naming the input, the record and its ORCID.
func Each(ctx context.Context, in Input, fn func(i int, rec *Record) error) error {
	rc, err := in.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	if !in.Tar {
		_, err := eachIn(ctx, in.Name, rc, 0, fn)
		return err
	}
	gz, err := gzip.NewReader(rc)
	if err != nil {
		return &ShapeError{Input: in.Name, Reason: "not a gzipped tar archive: " + err.Error()}
	}
	tr := tar.NewReader(gz)
	i := 0
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return &ShapeError{Input: in.Name, Index: i, Reason: "the archive is cut short or damaged (truncated?): " + err.Error()}
		}
		if h.Typeflag != tar.TypeReg || !recordFile(h.Name) || strings.HasPrefix(filepath.Base(h.Name), "._") {
			continue
		}
		if i, err = eachIn(ctx, in.Name+":"+h.Name, tr, i, fn); err != nil {
			return err
		}
	}
}

// eachIn reads the records of one file (a JSON record, a JSON array or an XML record),
// numbering them from first; it returns the next index.
func eachIn(ctx context.Context, name string, r io.Reader, first int, fn func(int, *Record) error) (int, error) {
	if err := ctx.Err(); err != nil {
		return first, err
	}
	br := bufio.NewReaderSize(r, 1<<16)
	b, err := firstByte(br)
	if err != nil {
		return first, &ShapeError{Input: name, Index: first, Reason: "empty input: expected an ORCID record (JSON or XML)"}
	}
	switch b {
	case '<':
		rec, why, err := fromXML(br)
		return first + 1, checked(name, first, rec, why, badXML(err), fn)
	case '{', '[':
		return eachJSON(ctx, name, br, b, first, fn)
	}
	return first, &ShapeError{Input: name, Index: first, Reason: fmt.Sprintf("not JSON nor XML: expected an ORCID record, found %q", b)}
}

func eachJSON(ctx context.Context, name string, br *bufio.Reader, b byte, first int, fn func(int, *Record) error) (int, error) {
	dec := json.NewDecoder(br)
	one := func(i int) error {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return &ShapeError{Input: name, Index: i, Reason: badJSON(err)}
		}
		rec, why, err := fromJSON(raw)
		if err != nil {
			err = errors.New(badJSON(err))
		}
		return checked(name, i, rec, why, err, fn)
	}
	if b == '{' {
		return first + 1, one(first)
	}
	if _, err := dec.Token(); err != nil {
		return first, &ShapeError{Input: name, Index: first, Reason: badJSON(err)}
	}
	i := first
	for dec.More() {
		if (i-first)%256 == 0 && ctx.Err() != nil {
			return i, ctx.Err()
		}
		if err := one(i); err != nil {
			return i, err
		}
		i++
	}
	if _, err := dec.Token(); err != nil {
		return i, &ShapeError{Input: name, Index: i, Reason: badJSON(err)}
	}
	return i, nil
}

// checked turns a parse error or a refusal into a *ShapeError, else hands the record on.
func checked(name string, i int, rec *Record, why string, err error, fn func(int, *Record) error) error {
	id := ""
	if rec != nil {
		id = rec.ORCID
	}
	switch {
	case err != nil:
		return &ShapeError{Input: name, Index: i, ORCID: id, Reason: err.Error()}
	case why != "":
		return &ShapeError{Input: name, Index: i, ORCID: id, Reason: why}
	}
	if why := rec.check(); why != "" {
		return &ShapeError{Input: name, Index: i, ORCID: id, Reason: why}
	}
	return fn(i, rec)
}

func badJSON(err error) string {
	var ue *json.UnmarshalTypeError
	switch {
	case errors.As(err, &ue):
		return fmt.Sprintf("field %q has the wrong type (%s): not an ORCID API v3.0 record", ue.Field, ue.Value)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return "the input ends inside this record (truncated?)"
	}
	return "not valid JSON: " + err.Error()
}

func badXML(err error) error {
	if err == nil {
		return nil
	}
	var se *xml.SyntaxError
	if errors.Is(err, io.ErrUnexpectedEOF) || (errors.As(err, &se) && strings.Contains(se.Msg, "unexpected EOF")) {
		return errors.New("the input ends inside this record (truncated?)")
	}
	return errors.New("not well-formed XML: " + err.Error())
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
		case 0xEF:
			_, _ = br.Discard(2)
			continue
		}
		return b, br.UnreadByte()
	}
}

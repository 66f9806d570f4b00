package openalex

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Input is one OpenAlex input: a snapshot part (JSON Lines, gzipped or not), a single record,
// an API page ({"meta":..., "results":[...]}) or a JSON array of records.
type Input struct {
	Name string
	// Open returns a fresh reader over the input; it is called once per pass. A gzip stream
	// is recognised by its first bytes, whatever the name.
	Open func() (io.ReadCloser, error)
}

// File makes an Input of a path.
func File(path string) Input {
	return Input{Name: path, Open: func() (io.ReadCloser, error) { return os.Open(path) }}
}

// Bytes makes an Input of data held in memory.
func Bytes(name string, data []byte) Input {
	return Input{Name: name, Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}
}

// Pos is where a record is: its line (from 1; 0 inside a JSON array) and, inside an API page
// or an array, its index among the results (from 0; -1 otherwise).
type Pos struct {
	Line  int
	Index int
}

// maxLine bounds one line of JSON Lines (a work with a long abstract and many authors is a
// few hundred kilobytes).
const maxLine = 64 << 20

// Each streams the records of an input to fn, in order, with where each is. Memory holds one
// line (or one API page) at a time. JSON that is not well formed, and an input that ends
// inside a record (a gzip part cut short), stop it with a *ShapeError naming the line.
// A record whose fields have the wrong types is passed to bad, which may skip it.
func Each(ctx context.Context, in Input, fn func(Pos, *Record) error, bad func(Pos, string, string) error) error {
	rc, err := in.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	br := bufio.NewReaderSize(rc, 1<<20)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return &ShapeError{Input: in.Name, Line: 1, Reason: "not a readable gzip stream: " + err.Error()}
		}
		defer gz.Close()
		br = bufio.NewReaderSize(gz, 1<<20)
	}
	r := &reader{in: in, fn: fn, bad: bad}
	first, err := firstByte(br)
	if err != nil {
		if errors.Is(err, io.EOF) {
			return &ShapeError{Input: in.Name, Line: 1, Reason: "empty input: expected OpenAlex records (JSON Lines), a record, an API page or an array"}
		}
		return r.cut(1, err)
	}
	switch first {
	case '[':
		return r.array(ctx, json.NewDecoder(br))
	case '{':
	default:
		return &ShapeError{Input: in.Name, Line: 1, Reason: fmt.Sprintf("not JSON: expected an OpenAlex record ({...}), an API page or JSON Lines, found %q", first)}
	}
	line, err := readLine(br)
	if err != nil && !errors.Is(err, io.EOF) {
		return r.cut(1, err)
	}
	if !json.Valid(bytes.TrimSpace(line)) {
		// One value over several lines: a record or an API page as a browser saves it.
		return r.document(json.NewDecoder(io.MultiReader(bytes.NewReader(line), br)))
	}
	for n := 1; ; n++ {
		if n%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if t := bytes.TrimSpace(line); len(t) > 0 {
			if !json.Valid(t) {
				reason := "not valid JSON"
				if errors.Is(err, io.EOF) {
					reason = "the input ends inside this record (truncated?)"
				}
				return &ShapeError{Input: in.Name, Line: n, ID: peekID(t), Reason: reason}
			}
			if err := r.value(n, t); err != nil {
				return err
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if line, err = readLine(br); err != nil && !errors.Is(err, io.EOF) {
			return r.cut(n+1, err)
		}
	}
}

type reader struct {
	in  Input
	fn  func(Pos, *Record) error
	bad func(Pos, string, string) error
}

func (r *reader) cut(line int, err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) {
		return &ShapeError{Input: r.in.Name, Line: line, Reason: "the input ends inside this line (a gzip part cut short?): " + err.Error()}
	}
	if errors.Is(err, bufio.ErrTooLong) {
		return &ShapeError{Input: r.in.Name, Line: line, Reason: fmt.Sprintf("a line longer than %d MiB", maxLine>>20)}
	}
	return fmt.Errorf("%s: line %d: %w", r.in.Name, line, err)
}

// value handles one JSON value: an API page (its results, in order) or a record.
func (r *reader) value(line int, raw []byte) error {
	var page struct {
		Results *[]json.RawMessage `json:"results"`
	}
	if bytes.Contains(raw, []byte(`"results"`)) && json.Unmarshal(raw, &page) == nil && page.Results != nil {
		for i, res := range *page.Results {
			if err := r.record(Pos{line, i}, res); err != nil {
				return err
			}
		}
		return nil
	}
	return r.record(Pos{line, -1}, raw)
}

func (r *reader) record(pos Pos, raw []byte) error {
	rec, err := decodeRecord(raw)
	if err != nil {
		var ue *json.UnmarshalTypeError
		reason := err.Error()
		if errors.As(err, &ue) {
			reason = fmt.Sprintf("field %q has the wrong type (%s): not an OpenAlex record", ue.Field, ue.Value)
		}
		if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("[")) || !bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) {
			reason = "not an OpenAlex record (a JSON object)"
		}
		return r.bad(pos, peekID(raw), reason)
	}
	return r.fn(pos, rec)
}

// document reads values spread over lines (line numbers are not known inside them: 1).
func (r *reader) document(dec *json.Decoder) error {
	for {
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return r.jsonErr(0, err)
		}
		if err := r.value(1, raw); err != nil {
			return err
		}
	}
}

// array reads a JSON array of records or pages, one element at a time.
func (r *reader) array(ctx context.Context, dec *json.Decoder) error {
	if _, err := dec.Token(); err != nil {
		return r.jsonErr(0, err)
	}
	for i := 0; dec.More(); i++ {
		if i%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return r.jsonErr(i, err)
		}
		if err := r.record(Pos{0, i}, raw); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return r.jsonErr(-1, err)
	}
	return nil
}

func (r *reader) jsonErr(index int, err error) error {
	where := ""
	if index >= 0 {
		where = fmt.Sprintf("record %d: ", index)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return &ShapeError{Input: r.in.Name, Line: 1, Reason: where + "the input ends inside a record (truncated?)"}
	}
	return &ShapeError{Input: r.in.Name, Line: 1, Reason: where + "not valid JSON: " + err.Error()}
}

func readLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	for {
		chunk, err := br.ReadSlice('\n')
		buf = append(buf, chunk...)
		if len(buf) > maxLine {
			return nil, bufio.ErrTooLong
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return buf, err
		}
	}
}

func firstByte(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.ReadByte()
		if err != nil {
			return 0, err
		}
		if b == 0xEF { // a UTF-8 byte order mark
			_, _ = br.Discard(2)
			continue
		}
		if !strings.ContainsRune(" \t\r\n", rune(b)) {
			return b, br.UnreadByte()
		}
	}
}

// peekID finds the "id" of a record that cannot be decoded, to name it.
func peekID(raw []byte) string {
	i := bytes.Index(raw, []byte(`"id":`))
	if i < 0 {
		return ""
	}
	rest := bytes.TrimLeft(raw[i+5:], " ")
	if len(rest) == 0 || rest[0] != '"' {
		return ""
	}
	if j := bytes.IndexByte(rest[1:], '"'); j > 0 && j < 200 {
		return ShortID(string(rest[1 : j+1]))
	}
	return ""
}

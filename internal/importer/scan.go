package importer

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/cryograph/cryograph/internal/format"
)

// lineKey is where a row is: its input and line (32 bits each: the first pass keeps one per
// id and per link, so their size is the loader's memory).
type lineKey struct {
	file int32
	line int32
}

func where(file, line int) lineKey { return lineKey{int32(file), int32(line)} }

// lineSet is a set of line numbers, a bit each: which lines of an input a phase needs.
type lineSet []uint64

func (s *lineSet) add(line int) {
	for len(*s) <= line/64 {
		*s = append(*s, 0)
	}
	(*s)[line/64] |= 1 << (line % 64)
}

func (s lineSet) has(line int) bool {
	return line/64 < len(s) && s[line/64]&(1<<(line%64)) != 0
}

// scannedRow is one non-blank row of an input: its line, the decoded object, and either the
// parsed row or why it could not be decoded (decodeErr) or parsed (parseErr). p is nil for the
// header row.
type scannedRow struct {
	line      int
	m         map[string]any
	p         *format.Parsed
	decodeErr error
	parseErr  error
}

// parseRow parses one decoded row.
func parseRow(line int, m map[string]any, decodeErr error) scannedRow {
	if decodeErr != nil {
		return scannedRow{line: line, decodeErr: decodeErr}
	}
	p, err := format.Parse(line, m)
	return scannedRow{line: line, m: m, p: p, parseErr: err}
}

// scanChunk is how many lines a worker decodes and parses at a time.
const scanChunk = 256

// scan streams an input, decoding and parsing its rows on several goroutines (JSON Lines) and
// calling fn for each row in line order. With only set, it skips the other lines before
// decoding them and stops after the last. It stops early, with ctx's error, once ctx is done
// (Ctrl-C during a long validation).
func scan(ctx context.Context, in Input, only lineSet, fn func(r scannedRow)) error {
	rc, err := in.Open()
	if err != nil {
		return fmt.Errorf("open %s: %w", in.Name, err)
	}
	defer rc.Close()
	if format.IsCSV(in.Name) {
		err := format.ScanCSV(in.Name, rc, func(line int, m map[string]any, err error) {
			if skipLine(only, line) || ctx.Err() != nil {
				return
			}
			fn(parseRow(line, m, err))
		})
		if err == nil {
			err = ctx.Err()
		}
		return err
	}
	s := &jsonlScan{ctx: ctx, name: in.Name, only: only, workers: min(runtime.GOMAXPROCS(0), 4)}
	return s.run(rc, fn)
}

// skipLine says whether a scan limited to the lines only (nil: all) passes over line.
func skipLine(only lineSet, line int) bool { return only != nil && !only.has(line) }

// pastLines says whether a scan limited to only is past its last line.
func pastLines(only lineSet, line int) bool { return only != nil && line >= len(only)*64 }

// jsonlScan is the scan of one JSON Lines input: a reader cuts it into chunks of lines,
// workers decode and parse them, and the rows come out in line order.
type jsonlScan struct {
	ctx     context.Context
	name    string
	only    lineSet
	workers int
	work    chan func()
	order   chan chan []scannedRow
	chunk   []rawLine
	readErr error
}

type rawLine struct {
	line int
	b    []byte
}

func (s *jsonlScan) run(r io.Reader, fn func(r scannedRow)) error {
	s.work = make(chan func(), s.workers)
	s.order = make(chan chan []scannedRow, 2*s.workers)
	var wg sync.WaitGroup
	for i := 0; i < s.workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range s.work {
				job()
			}
		}()
	}
	go s.read(r)
	for out := range s.order {
		for _, r := range <-out {
			fn(r)
		}
	}
	wg.Wait()
	return s.readErr
}

// read cuts the input into chunks and queues them; it closes the queues when done.
func (s *jsonlScan) read(r io.Reader) {
	defer close(s.order)
	defer close(s.work)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	line := 0
	s.chunk = make([]rawLine, 0, scanChunk)
	for sc.Scan() {
		line++
		if pastLines(s.only, line) {
			break
		}
		if line%scanChunk == 0 && s.ctx.Err() != nil {
			s.readErr = s.ctx.Err()
			break
		}
		if skipLine(s.only, line) {
			continue
		}
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) // a BOM from a spreadsheet export
		}
		s.chunk = append(s.chunk, rawLine{line, append([]byte(nil), b...)})
		if len(s.chunk) == scanChunk {
			s.send()
		}
	}
	if err := sc.Err(); err != nil && s.readErr == nil {
		s.readErr = fmt.Errorf("read %s line %d: %w", s.name, line+1, err)
	}
	if len(s.chunk) > 0 {
		s.send()
	}
}

// send hands the chunk to a worker. Each chunk's result channel is queued in order before a
// worker takes the chunk, so the rows come out in line order, however the workers interleave.
func (s *jsonlScan) send() {
	lines := s.chunk
	s.chunk = make([]rawLine, 0, scanChunk)
	out := make(chan []scannedRow, 1)
	s.order <- out
	s.work <- func() { out <- parseLines(lines) }
}

// parseLines decodes and parses a chunk of lines.
func parseLines(lines []rawLine) []scannedRow {
	rows := make([]scannedRow, len(lines))
	for i, l := range lines {
		m, err := format.DecodeLine(l.b)
		rows[i] = parseRow(l.line, m, err)
	}
	return rows
}

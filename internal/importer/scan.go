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
	line    int
	b       []byte
	tooLong bool // longer than MaxLineBytes: skipped unread, reported as the row's error
}

// MaxLineBytes bounds one line of JSON Lines. A longer line is no row of this format (the
// longest real ones are a few kB); it is reported as that row's error and read past without
// being held in memory.
const MaxLineBytes = 4 << 20

// errLineTooLong is the row error of a line longer than MaxLineBytes.
var errLineTooLong = fmt.Errorf("the line is longer than %d MiB, far more than any row of the format: is this a JSON Lines file?", MaxLineBytes>>20)

// lineReader reads lines of at most max bytes; longer ones are skipped to their end.
type lineReader struct {
	br  *bufio.Reader
	max int
	buf []byte
}

func newLineReader(r io.Reader, max int) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, 64*1024), max: max}
}

// next returns the next line without its end of line, or long when it was longer than max
// (then the line is not returned). The slice is valid until the next call.
func (l *lineReader) next() (line []byte, long bool, err error) {
	l.buf = l.buf[:0]
	for {
		frag, err := l.br.ReadSlice('\n')
		if !long {
			if len(l.buf)+len(frag) > l.max+2 { // + "\r\n"
				long, l.buf = true, l.buf[:0]
			} else {
				l.buf = append(l.buf, frag...)
			}
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && (len(l.buf) > 0 || long):
			return bytes.TrimRight(l.buf, "\r\n"), long, nil
		case err != nil:
			return nil, false, err
		}
		return bytes.TrimRight(l.buf, "\r\n"), long, nil
	}
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
	lr := newLineReader(r, MaxLineBytes)
	line := 0
	s.chunk = make([]rawLine, 0, scanChunk)
	for {
		raw, long, err := lr.next()
		if err != nil {
			if err != io.EOF && s.readErr == nil {
				s.readErr = fmt.Errorf("read %s line %d: %w", s.name, line+1, err)
			}
			break
		}
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
		if long {
			s.chunk = append(s.chunk, rawLine{line: line, tooLong: true})
		} else {
			b := bytes.TrimSpace(raw)
			if len(b) == 0 {
				continue
			}
			if line == 1 {
				b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) // a BOM from a spreadsheet export
			}
			s.chunk = append(s.chunk, rawLine{line, append([]byte(nil), b...), false})
		}
		if len(s.chunk) == scanChunk {
			s.send()
		}
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
		if l.tooLong {
			rows[i] = scannedRow{line: l.line, decodeErr: errLineTooLong}
			continue
		}
		m, err := format.DecodeLine(l.b)
		rows[i] = parseRow(l.line, m, err)
	}
	return rows
}

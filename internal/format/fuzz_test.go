package format_test

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cryograph/cryograph/internal/format"
)

// The parsers' fuzz targets. `go test` runs them on their seed corpora (testdata/fuzz/...,
// and the f.Add seeds), so make test checks every crash ever found; fuzz on with, e.g.,
//
//	go test -run '^$' -fuzz FuzzDecodeLine -fuzztime 60s ./internal/format/
//
// What must hold whatever the input: no panic, and a row that decodes holds no text that the
// raw checks refuse (invalid UTF-8, NUL, control characters), so nothing of the kind reaches
// the graph.

// checkValue fails when a decoded value holds text the raw checks refuse.
func checkValue(t *testing.T, v any) {
	switch v := v.(type) {
	case string:
		if !utf8.ValidString(v) || strings.ContainsRune(v, 0) || strings.ContainsRune(v, utf8.RuneError) && !strings.Contains(v, "\uFFFD") {
			t.Fatalf("decoded text %q should have been refused", v)
		}
	case map[string]any:
		for k, x := range v {
			checkValue(t, k)
			checkValue(t, x)
		}
	case []any:
		for _, x := range v {
			checkValue(t, x)
		}
	}
}

func FuzzDecodeLine(f *testing.F) {
	for _, s := range []string{
		`{"type":"person","id":"person:a","name":"A","sources":["src:a"]}`,
		`{"format":"cryograph","version":1}`,
		`{"type":"organization","id":"org:x","name":"X","kind":"lab","lat":1e999,"lon":2}`,
		`{"a":"\ud83d\ude00","b":[{"c":"\u00e9"}]}`,
		`{"a":"x\ud800"}`, `{"a":1,"a":2}`, `{"a":`, "{\"a\":\"\xff\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := format.DecodeLine(b)
		if err != nil {
			if strings.Contains(err.Error(), `'\x00'`) && !bytes.Contains(b, []byte{0}) {
				t.Fatalf("the error cites a NUL that is not in the line: %v", err)
			}
			return
		}
		if !utf8.Valid(b) {
			t.Fatalf("invalid UTF-8 was accepted: %q", b)
		}
		checkValue(t, m)
		_, _ = format.Parse(2, m) // must not panic
	})
}

func FuzzScanCSV(f *testing.F) {
	for _, s := range []string{
		"type,id,name\norganization,org:x,X\n",
		"type,id,name,aliases,lat\nperson,person:a,\"A, B\",x; y,1.5\n",
		"type,id,name\n\"organization,org:x,X\n",
		"type,id,name\norganization,org:x,X\"Y\n",
		"type,id\n\xff,\x00\n",
		"\ufefftype,id,parties\npartnership,p:x,a=b; c\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		last := 0
		err := format.ScanCSV("fuzz.csv", bytes.NewReader(b), func(line int, m map[string]any, err error) {
			if line < 1 || line < last {
				t.Fatalf("row line %d after %d", line, last)
			}
			last = line
			if err == nil {
				checkValue(t, m)
				_, _ = format.Parse(line, m)
			}
		})
		_ = err // a read error of the reader itself; bytes.Reader has none past EOF
	})
}

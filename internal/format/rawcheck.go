package format

// Checks of raw input bytes, before any decoder sees them: decoders quietly turn invalid UTF-8
// and lone surrogates into U+FFFD, keep NUL and control characters, and let the last of two
// equal keys win. An import must not store any of that without a word, so each is a row error
// naming the field (the key, when there is one) and the character's position.

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// RawError is a fault in a row's raw text: Field is the JSON key (or CSV column) it is in,
// when known; Pos is its 1-based character position in the line or cell.
type RawError struct {
	Field string
	Pos   int
	Msg   string
}

func (e *RawError) Error() string {
	var b strings.Builder
	b.WriteString(e.Msg)
	if e.Field != "" {
		fmt.Fprintf(&b, " in field %q", e.Field)
	}
	if e.Pos > 0 {
		fmt.Fprintf(&b, " at character %d", e.Pos)
	}
	return b.String()
}

// describeControl names a control character the way a reader can find it in the file.
func describeControl(c byte) string {
	if c == 0 {
		return "a NUL character (0x00)"
	}
	return fmt.Sprintf("a control character (0x%02X)", c)
}

// CheckText reports the first fault of a CSV cell or other plain text: invalid UTF-8, NUL,
// or a control character other than tab, carriage return and line feed.
func CheckText(s string) error {
	if !utf8.ValidString(s) {
		return &RawError{Pos: firstInvalidUTF8(s) + 1, Msg: "invalid UTF-8"}
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
			return &RawError{Pos: utf8.RuneCountInString(s[:i]) + 1, Msg: describeControl(c)}
		}
	}
	return nil
}

func firstInvalidUTF8(s string) int {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			return utf8.RuneCountInString(s[:i])
		}
		i += n
	}
	return 0
}

// jsonFrame is one open object or array of checkJSONLine.
type jsonFrame struct {
	object    bool
	expectKey bool
	keys      []string // an object's keys so far; rows have a dozen, so a slice beats a map
	lastKey   string   // the key whose value is being read
}

// checkJSONLine reports the first fault of a line's raw text that a JSON decoder would pass
// over: invalid UTF-8, a raw control character, an escaped NUL (\u0000), a lone surrogate
// escape (\ud800 without its pair), and a key given twice in one object. It does not check
// the syntax otherwise: the decoder does, after it.
func checkJSONLine(b []byte) error {
	if !utf8.Valid(b) {
		return &RawError{Pos: firstInvalidUTF8(string(b)) + 1, Msg: "invalid UTF-8"}
	}
	var stack []jsonFrame
	field := func() string {
		for i := len(stack) - 1; i >= 0; i-- {
			if stack[i].object && stack[i].lastKey != "" {
				return stack[i].lastKey
			}
		}
		return ""
	}
	pos := func(i int) int { return utf8.RuneCount(b[:i]) + 1 }
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '{':
			stack = append(stack, jsonFrame{object: true, expectKey: true})
		case c == '[':
			stack = append(stack, jsonFrame{})
		case c == '}' || c == ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case c == ':':
			if n := len(stack); n > 0 {
				stack[n-1].expectKey = false
			}
		case c == ',':
			if n := len(stack); n > 0 && stack[n-1].object {
				stack[n-1].expectKey = true
			}
		case c == '"':
			end, s, err := readJSONString(b, i)
			if err != nil {
				err.Field = field()
				return err
			}
			if n := len(stack); n > 0 && stack[n-1].object && stack[n-1].expectKey {
				top := &stack[n-1]
				for _, k := range top.keys {
					if k == s {
						return &RawError{Field: s, Pos: pos(i), Msg: "the key is given twice"}
					}
				}
				top.keys = append(top.keys, s)
				top.lastKey = s
				top.expectKey = false
			}
			i = end
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f:
			return &RawError{Field: field(), Pos: pos(i), Msg: describeControl(c)}
		}
	}
	return nil
}

// readJSONString reads the string whose opening quote is at b[start]; it returns the index
// of its closing quote (len(b) when unterminated: the decoder reports that) and its value.
// Errors carry the position but not the field.
func readJSONString(b []byte, start int) (int, string, *RawError) {
	var sb strings.Builder
	pos := func(i int) int { return utf8.RuneCount(b[:i]) + 1 }
	for i := start + 1; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '"':
			return i, sb.String(), nil
		case c < 0x20 || c == 0x7f:
			return 0, "", &RawError{Pos: pos(i), Msg: describeControl(c) + " inside a string"}
		case c == '\\' && i+1 < len(b):
			i++
			if b[i] != 'u' {
				sb.WriteByte('\\')
				sb.WriteByte(b[i])
				continue
			}
			r, ok := hex4(b, i+1)
			if !ok {
				continue // malformed: the decoder says so
			}
			switch {
			case r == 0:
				return 0, "", &RawError{Pos: pos(i - 1), Msg: `a NUL character (\u0000)`}
			case r >= 0xd800 && r < 0xdc00:
				lo, ok := rune(0), false
				if i+6 < len(b) && b[i+5] == '\\' && b[i+6] == 'u' {
					lo, ok = hex4(b, i+7)
				}
				if !ok || lo < 0xdc00 || lo > 0xdfff {
					return 0, "", &RawError{Pos: pos(i - 1), Msg: fmt.Sprintf(`a lone surrogate (\u%04x) that is no character`, r)}
				}
				sb.WriteRune(0x10000 + (r-0xd800)<<10 + (lo - 0xdc00))
				i += 10
			case r >= 0xdc00 && r <= 0xdfff:
				return 0, "", &RawError{Pos: pos(i - 1), Msg: fmt.Sprintf(`a lone surrogate (\u%04x) that is no character`, r)}
			default:
				sb.WriteRune(r)
				i += 4
			}
		default:
			sb.WriteByte(c)
		}
	}
	return len(b), sb.String(), nil
}

func hex4(b []byte, at int) (rune, bool) {
	if at+4 > len(b) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(b[at:at+4]), 16, 32)
	return rune(n), err == nil
}

package format

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Object is a JSON object whose keys keep their order, such as an exported row.
type Object []Field

// Field is one key of an Object and its value.
type Field struct {
	Key   string
	Value any
}

// EncodeRow writes a row as one line of compact JSON, its keys in order, without escaping <,
// > and & (Parse reads either way; unescaped is easier to read and diff).
func EncodeRow(o Object) ([]byte, error) { return appendJSON(nil, o, false) }

// appendJSON is the one JSON encoder of the format. It appends v as encoding/json writes it,
// with SetEscapeHTML(escapeHTML): map keys sorted, no spaces, nil slices and maps as null; an
// Object keeps its keys' order. It writes the types a parsed or exported row holds itself
// (about three times faster than Marshal, which a load calls for every row) and hands any
// other value, floats included, to encoding/json, whose error it returns.
// TestHashBytesAreEncodingJSONs and FuzzAppendJSONIsEncodingJSON hold it to Marshal's bytes.
func appendJSON(b []byte, v any, escapeHTML bool) ([]byte, error) {
	var err error
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendJSONString(b, x, escapeHTML), nil
	case bool:
		return strconv.AppendBool(b, x), nil
	case int:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(b, x, 10), nil
	case []string:
		if x == nil {
			return append(b, "null"...), nil
		}
		b = append(b, '[')
		for i, s := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, s, escapeHTML)
		}
		return append(b, ']'), nil
	case []any:
		return appendList(b, x, escapeHTML)
	case []Object:
		return appendList(b, x, escapeHTML)
	case map[string]any:
		return appendMap(b, x, escapeHTML)
	case Object:
		b = append(b, '{')
		for i, f := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, f.Key, escapeHTML)
			b = append(b, ':')
			if b, err = appendJSON(b, f.Value, escapeHTML); err != nil {
				return b, err
			}
		}
		return append(b, '}'), nil
	default: // json.Number (validated by encoding/json), floats and anything else
		return appendOther(b, x, escapeHTML)
	}
}

func appendList[T any](b []byte, list []T, escapeHTML bool) ([]byte, error) {
	if list == nil {
		return append(b, "null"...), nil
	}
	var err error
	b = append(b, '[')
	for i, e := range list {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = appendJSON(b, e, escapeHTML); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}

func appendMap(b []byte, m map[string]any, escapeHTML bool) ([]byte, error) {
	if m == nil {
		return append(b, "null"...), nil
	}
	var buf [16]string
	keys := buf[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var err error
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k, escapeHTML)
		b = append(b, ':')
		if b, err = appendJSON(b, m[k], escapeHTML); err != nil {
			return b, err
		}
	}
	return append(b, '}'), nil
}

// appendOther hands v to encoding/json: Marshal, or an Encoder when HTML is not escaped.
func appendOther(b []byte, v any, escapeHTML bool) ([]byte, error) {
	if escapeHTML {
		m, err := json.Marshal(v)
		if err != nil {
			return b, err
		}
		return append(b, m...), nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return b, err
	}
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...), nil
}

const hexDigits = "0123456789abcdef"

// appendJSONString is encoding/json's appendString.
func appendJSONString(b []byte, s string, escapeHTML bool) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && (!escapeHTML || c != '<' && c != '>' && c != '&') {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			b = appendEscapedByte(b, c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendEscapedByte writes the escape of an ASCII byte JSON may not hold as it is.
func appendEscapedByte(b []byte, c byte) []byte {
	switch c {
	case '\\', '"':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	default:
		return append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
	}
}

package cryo

import (
	"sort"
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Name keys make spelling variants of one name meet: case, spacing, punctuation, diacritics,
// honorifics, word order (for people), and Chinese characters, simplified or traditional,
// which are read as toneless pinyin. Keys only propose candidates; two entities are never
// merged because their keys meet.

var honorifics = map[string]bool{
	"prof": true, "professor": true, "dr": true, "mr": true, "mrs": true, "ms": true,
	"academician": true, "sir": true, "phd": true, "md": true,
}

var pinyinArgs = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Style = pinyin.Normal // no tones
	a.Fallback = func(r rune, a pinyin.Args) []string { return nil }
	return a
}()

var stripMarks = transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// NameTokens splits a name into lower-case ASCII-folded tokens, Han characters becoming their
// pinyin syllables and honorifics dropped.
func NameTokens(name string) []string {
	folded, _, err := transform.String(stripMarks, name)
	if err != nil {
		folded = name
	}
	var tokens []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			t := cur.String()
			if !honorifics[t] {
				tokens = append(tokens, t)
			}
			cur.Reset()
		}
	}
	for _, r := range folded {
		switch {
		case unicode.Is(unicode.Han, r):
			flush()
			if py := pinyin.SinglePinyin(r, pinyinArgs); len(py) > 0 {
				tokens = append(tokens, py[0])
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’': // O'Brien, Xi'an
		default:
			flush()
		}
	}
	flush()
	return tokens
}

// PersonNameKeys returns the keys of a person's name: every rotation of its tokens, joined
// without spaces, so "Zhao Gang", "Gang Zhao", "ZHAO Gang", "Zhao-Gang" and 赵刚/趙剛 share a key.
func PersonNameKeys(name string) []string {
	t := NameTokens(name)
	if len(t) == 0 {
		return nil
	}
	keys := make([]string, 0, len(t))
	for i := range t {
		keys = append(keys, strings.Join(append(append([]string{}, t[i:]...), t[:i]...), ""))
	}
	return dedupe(keys)
}

var orgStopWords = map[string]bool{"the": true, "of": true, "for": true, "and": true, "at": true, "de": true}

// OrgNameKey is the key of an organisation's or topic's name: its tokens in order, without
// filler words, joined. Word order matters for institutions ("Shanghai Institute of Technology"
// is not "Technology Institute of Shanghai").
func OrgNameKey(name string) string {
	var kept []string
	for _, t := range NameTokens(name) {
		if !orgStopWords[t] {
			kept = append(kept, t)
		}
	}
	return strings.Join(kept, "")
}

// NameKeys returns the keys of every name of an entity of the given label.
func NameKeys(label string, names ...string) []string {
	var keys []string
	for _, n := range names {
		switch label {
		case "Person":
			keys = append(keys, PersonNameKeys(n)...)
		default:
			if k := OrgNameKey(n); k != "" {
				keys = append(keys, k)
			}
		}
	}
	return dedupe(keys)
}

func dedupe(keys []string) []string {
	sort.Strings(keys)
	out := keys[:0]
	for i, k := range keys {
		if k != "" && (i == 0 || k != keys[i-1]) {
			out = append(out, k)
		}
	}
	return out
}

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

// PersonNameKey returns the key of a person's name: its tokens joined without spaces, turned
// to the least of its rotations, so that every word order meets: "Zhao Gang", "Gang Zhao",
// "ZHAO Gang", "Zhao-Gang" and 赵刚/趙剛 all have the key "angzhaog", and 刘宝林 (liu bao lin)
// meets "Baolin Liu". Until the eighth session every rotation at a token boundary was a key of
// its own (two or three per name); one key per name meets the same names, and also, rarely,
// two strings that are rotations of each other at a point inside a token, which only adds a
// candidate. It is "" when the name has no tokens.
func PersonNameKey(name string) string {
	r := []rune(strings.Join(NameTokens(name), ""))
	i := leastRotation(r)
	return string(r[i:]) + string(r[:i])
}

// leastRotation returns the i for which r[i:]+r[:i] is the least rotation of r (the first
// such i when several are equal). Names are short, so comparing every rotation in place is
// cheap and allocates nothing; code points compare as their UTF-8 strings do.
func leastRotation(r []rune) int {
	n, best := len(r), 0
	for i := 1; i < n; i++ {
		for k := 0; k < n; k++ {
			a, b := r[(i+k)%n], r[(best+k)%n]
			if a != b {
				if a < b {
					best = i
				}
				break
			}
		}
	}
	return best
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
			if k := PersonNameKey(n); k != "" {
				keys = append(keys, k)
			}
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

package cryo

// Pinyin syllables and initials: how a written word of a name splits into the parts that
// initials and hyphenated or spaced Chinese given names are compared by.

import (
	"strings"
	"sync"
	"unicode"

	"github.com/mozillazg/go-pinyin"
	"golang.org/x/text/transform"
)

var pinyinSyllables struct {
	once sync.Once
	set  map[string]bool
}

// isSyllable tells whether s is a toneless pinyin syllable (from go-pinyin's dictionary, so
// the list is not ours to keep).
func isSyllable(s string) bool {
	pinyinSyllables.once.Do(func() {
		set := map[string]bool{}
		for _, v := range pinyin.PinyinDict {
			for _, p := range strings.Split(v, ",") {
				f, _, err := transform.String(stripMarks, p)
				if err == nil && strings.ContainsAny(f, "aeiouv") {
					set[f] = true
				}
			}
		}
		pinyinSyllables.set = set
	})
	return pinyinSyllables.set[s]
}

// Syllables splits a lower-case word into the fewest pinyin syllables, or returns nil when it
// is not pinyin ("xiaoming" -> xiao ming, "dayong" -> da yong, "adam" -> nil).
func Syllables(w string) []string {
	n := len(w)
	if n == 0 || n > 24 {
		return nil
	}
	best := make([][]string, n+1)
	ok := make([]bool, n+1)
	ok[0] = true
	for i := 1; i <= n; i++ {
		for j := max(0, i-6); j < i; j++ {
			if ok[j] && isSyllable(w[j:i]) && (!ok[i] || len(best[j])+1 < len(best[i])) {
				ok[i] = true
				best[i] = append(append([]string{}, best[j]...), w[j:i])
			}
		}
	}
	if !ok[n] {
		return nil
	}
	return best[n]
}

func lettersOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func isUpperWord(s string) bool {
	has := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			has = true
		}
	}
	return has
}

// initialsOf returns the letters of a word written as initials ("J.", "J.C.", "X.-M.", "B.P."),
// or nil.
func initialsOf(w string) []string {
	if !strings.ContainsAny(w, ".") && len([]rune(lettersOf(w))) != 1 {
		return nil
	}
	var out []string
	for _, g := range strings.FieldsFunc(w, func(r rune) bool { return r == '.' || r == '-' || r == '‐' }) {
		l := lettersOf(g)
		if len([]rune(l)) != 1 {
			return nil
		}
		out = append(out, l)
	}
	return out
}

// capsInitials reads an upper-case cluster of two or three letters as initials ("JC" in
// "Smith JC", "XM" in "He XM") unless it is a pinyin syllable written in capitals, as
// Chinese surnames often are ("XU Yi", "GAO Dayong"); at the end of a name after a word not
// in capitals, even a syllable is read as initials ("Wang AI").
func capsInitials(words []rawWord, i int) []string {
	w := words[i]
	if !isUpperWord(w.text) || len(w.letter) < 2 || len(w.letter) > 3 || strings.ContainsAny(w.text, "-'") {
		return nil
	}
	allCaps := true
	for _, o := range words {
		if !isUpperWord(o.text) {
			allCaps = false
		}
	}
	if allCaps {
		return nil
	}
	if isSyllable(w.letter) && !(i == len(words)-1 && i > 0 && !isUpperWord(words[i-1].text)) {
		return nil
	}
	return strings.Split(w.letter, "")
}

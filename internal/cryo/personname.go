package cryo

// Names as bibliographies write them: "Smith, J. C.", "Smith JC", "J. C. Smith", "X.-M. He",
// "Beethoven, L. van", "Prof. Bill Smith, PhD". A name is read into one or more readings
// (surname and given names); two names match when a reading of each has the same surname and
// their given names agree, fully or by the weaker rules below. Name keys (names.go) find the
// same name up to case, script and word order; these rules find the abbreviated and
// re-ordered forms keys cannot. Like keys, they only propose candidates.

import (
	"strings"
	"unicode"

	"github.com/mozillazg/go-pinyin"
	"golang.org/x/text/transform"
)

// Match rules, strongest first. A candidate carries the strongest rule that matched it, and
// a weaker rule never ranks above a stronger one of another entity.
const (
	// MatchIdentifier is not a name rule: the search text was an identifier (a ROR id, an
	// ORCID, a Wikidata item) that the entity holds, which ranks above every name.
	MatchIdentifier = "identifier"
	MatchExact      = "exact"    // the name is the entity's name or one of its aliases
	MatchVariant    = "variant"  // the same name key: case, accents, punctuation, word order, Chinese script
	MatchFull       = "full"     // every name part, "Last, First", particles and honorifics aside
	MatchNickname   = "nickname" // a given name by the nickname table (Bill for William)
	MatchMiddle     = "middle"   // a middle name or initial dropped or added
	MatchInitials   = "initials" // given names as initials ("J. C. Smith", "Smith JC", "X.-M. He")
	MatchSurname    = "surname"  // the surname alone
	// For organizations.
	MatchReordered = "reordered" // the same words in another order ("X University" / "University of X")
	MatchAcronym   = "acronym"   // the initials of its words ("USST")
)

// matchTier orders the rules; ranks compare tiers first.
var matchTier = map[string]int{
	MatchExact: 100, MatchVariant: 90, MatchFull: 85, MatchReordered: 80, MatchNickname: 70,
	MatchMiddle: 60, MatchAcronym: 55, MatchInitials: 50, MatchSurname: 20,
}

// MatchTier is the strength of a rule, higher is stronger, 0 for an unknown rule.
func MatchTier(rule string) int { return matchTier[rule] }

// honorifics are dropped wherever they stand; "Jr." and the like too (they tell apart
// relatives, which the rest of the record does better than a name match can).
var personHonorifics = map[string]bool{
	"prof": true, "professor": true, "dr": true, "doctor": true, "mr": true, "mrs": true, "ms": true,
	"miss": true, "mx": true, "sir": true, "dame": true, "academician": true, "phd": true, "md": true,
	"dphil": true, "msc": true, "bsc": true, "mba": true, "frs": true, "facs": true, "emeritus": true,
	"jr": true, "sr": true, "ii": true, "iii": true, "iv": true,
}

// hanHonorifics are suffixes of names written in characters (华泽钊先生: Mr. Hua Zezhao).
var hanHonorifics = []string{"先生", "女士", "教授", "博士", "院士", "老师", "同志"}

// particles belong to a surname but are left out when surnames are compared, since sources
// keep or drop them ("Ludwig van Beethoven" / "Beethoven, L. van" / "Beethoven").
var particles = map[string]bool{
	"van": true, "von": true, "der": true, "den": true, "de": true, "del": true, "della": true,
	"da": true, "di": true, "du": true, "le": true, "la": true, "ter": true, "ten": true,
	"dos": true, "das": true, "zu": true, "y": true,
}

// hanCompoundSurnames are the two-character surnames (the others have one character).
var hanCompoundSurnames = map[string]bool{
	"欧阳": true, "歐陽": true, "司马": true, "司馬": true, "诸葛": true, "諸葛": true, "上官": true,
	"司徒": true, "东方": true, "東方": true, "皇甫": true, "夏侯": true, "慕容": true, "令狐": true,
	"公孙": true, "公孫": true, "尉迟": true, "尉遲": true, "长孙": true, "長孫": true,
}

// nameUnit is one given name: a word ("john", "xiaoming" with its syllables) or an initial.
type nameUnit struct {
	text    string
	initial bool
	parts   []string // a word's hyphen parts or pinyin syllables, when it has several
}

// reading is one way of reading a name: which part is the surname.
type reading struct {
	surname string // lower-case, particles left out, words joined
	given   []nameUnit
	conf    int // 2: the form says so (comma, initials, characters); 1: a guess
}

// rawWord is a word of the name as written (accents folded).
type rawWord struct {
	text   string // as written, punctuation kept
	letter string // lower-case letters only
}

// hanReading reads a name written in characters: the surname first, the given name after.
func hanReading(s string) (reading, bool) {
	for _, h := range hanHonorifics {
		s = strings.TrimSuffix(s, h)
	}
	r := []rune(s)
	if len(r) < 2 || len(r) > 5 {
		return reading{}, false
	}
	for _, c := range r {
		if !unicode.Is(unicode.Han, c) {
			return reading{}, false
		}
	}
	n := 1
	if len(r) > 2 && hanCompoundSurnames[string(r[:2])] {
		n = 2
	}
	syl := func(rs []rune) []string {
		var out []string
		for _, c := range rs {
			if py := pinyin.SinglePinyin(c, pinyinArgs); len(py) > 0 {
				out = append(out, py[0])
			}
		}
		return out
	}
	sur, given := syl(r[:n]), syl(r[n:])
	if len(sur) != n || len(given) != len(r)-n {
		return reading{}, false
	}
	u := nameUnit{text: strings.Join(given, "")}
	if len(given) > 1 {
		u.parts = given
	}
	return reading{surname: strings.Join(sur, ""), given: []nameUnit{u}, conf: 2}, true
}

// dropBracketed removes nicknames written inside a name, as in `Xiaoming "Shawn" He` or
// "Zhiquan (Andy) Shu": the name without them is the one that matches records.
func dropBracketed(s string) string {
	var b strings.Builder
	depth, quote := 0, false
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
		case (r == ')' || r == ']') && depth > 0:
			depth--
		case r == '"' || r == '“' || r == '”':
			quote = !quote
		case depth == 0 && !quote:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// personReadings reads a person's name every way its form allows.
func personReadings(name string) []reading {
	name = strings.TrimSpace(name)
	if r, ok := hanReading(strings.ReplaceAll(name, " ", "")); ok {
		return []reading{r}
	}
	folded, _, err := transform.String(stripMarks, dropBracketed(name))
	if err != nil {
		folded = name
	}
	// Han characters mixed with letters: read them as pinyin words.
	if strings.IndexFunc(folded, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0 {
		folded = strings.Join(NameTokens(folded), " ")
	}
	// Parts between commas; a part made only of honorifics or suffixes (", PhD", ", Jr.") is
	// not the "First" of "Last, First".
	var parts [][]rawWord
	for _, p := range strings.Split(folded, ",") {
		var words []rawWord
		for _, w := range strings.Fields(p) {
			w = strings.Trim(w, ";:")
			l := lettersOf(w)
			if l == "" || personHonorifics[l] {
				continue
			}
			words = append(words, rawWord{text: w, letter: l})
		}
		if len(words) > 0 {
			parts = append(parts, words)
		}
	}
	switch len(parts) {
	case 0:
		return nil
	case 1:
		return plainReadings(parts[0])
	default:
		// "Last, First": the surname before the comma, particles wherever they are.
		var all []rawWord
		for _, p := range parts[:2] {
			all = append(all, p...)
		}
		isIni := initialFlags(all)
		sur, _ := surnameOf(parts[0])
		given, _ := givenOf(parts[1], isIni[len(parts[0]):])
		if sur == "" {
			return nil
		}
		return []reading{{surname: sur, given: given, conf: 2}}
	}
}

// surnameOf joins the words of a surname without its particles.
func surnameOf(words []rawWord) (string, bool) {
	var b strings.Builder
	for i, w := range words {
		if particles[w.letter] && i < len(words)-1 {
			continue
		}
		if len(initialsOf(w.text)) > 0 {
			return "", false
		}
		b.WriteString(w.letter)
	}
	return b.String(), b.Len() > 0
}

// givenOf reads given names: words, initials, hyphenated or run-together Chinese given
// names, particles left out ("L. van" after a comma).
func givenOf(words []rawWord, isIni []bool) ([]nameUnit, bool) {
	var out []nameUnit
	onlyInitials := true
	for i, w := range words {
		if particles[w.letter] && strings.ToLower(w.text) == w.text {
			continue
		}
		if isIni[i] {
			ini := initialsOf(w.text)
			if ini == nil {
				ini = strings.Split(w.letter, "")
			}
			for _, l := range ini {
				out = append(out, nameUnit{text: l, initial: true})
			}
			continue
		}
		onlyInitials = false
		u := nameUnit{text: w.letter}
		if hy := strings.FieldsFunc(w.text, func(r rune) bool { return r == '-' || r == '‐' }); len(hy) > 1 {
			for _, h := range hy {
				u.parts = append(u.parts, lettersOf(h))
			}
		} else if s := Syllables(w.letter); len(s) > 1 {
			u.parts = s
		}
		out = append(out, u)
	}
	return out, onlyInitials
}

// initialFlags tells which words of a name are initials.
func initialFlags(words []rawWord) []bool {
	isIni := make([]bool, len(words))
	for i, w := range words {
		isIni[i] = initialsOf(w.text) != nil || capsInitials(words, i) != nil
	}
	return isIni
}

// plainReadings reads a name without a comma: initials at one end tell which end the surname
// is at; otherwise the last word is the surname, and for a name of pinyin words the first
// may be (Chinese order), both readings kept.
func plainReadings(words []rawWord) []reading {
	isIni := initialFlags(words)
	// Strip particles into the surname's side: they are never given names in plain order.
	var core []rawWord
	var coreIni []bool
	for i, w := range words {
		if particles[w.letter] && i > 0 && i < len(words)-1 && (strings.ToLower(w.text) == w.text || len(words) > 2) {
			continue
		}
		core, coreIni = append(core, w), append(coreIni, isIni[i])
	}
	if len(core) == 1 {
		if coreIni[0] {
			return nil
		}
		return []reading{{surname: core[0].letter, conf: 2}}
	}
	last := len(core) - 1
	// "Smith JC", "Sandomirsky B.P.", "Smith J. C.": words, then initials.
	if coreIni[last] && !coreIni[0] {
		k := 0
		for k < len(core) && !coreIni[k] {
			k++
		}
		sur, ok := surnameOf(core[:k])
		given, _ := givenOf(core[k:], coreIni[k:])
		if !ok {
			return nil
		}
		return []reading{{surname: sur, given: given, conf: 2}}
	}
	if coreIni[last] {
		return nil // initials only
	}
	given, _ := givenOf(core[:last], coreIni[:last])
	out := []reading{{surname: core[last].letter, given: given, conf: 1}}
	if coreIni[0] {
		out[0].conf = 2 // "J. C. Smith"
		return out
	}
	// Chinese order: every word pinyin, two or three words.
	if len(core) <= 3 {
		syl := make([]int, len(core))
		for i, w := range core {
			if isSyllable(w.letter) {
				syl[i] = 1
			} else if s := Syllables(w.letter); len(s) > 1 {
				syl[i] = len(s)
			} else {
				return out
			}
		}
		eg, _ := givenOf(core[1:], coreIni[1:])
		east := reading{surname: core[0].letter, given: eg, conf: 1}
		// A surname is one syllable: a name of one one-syllable word and one longer word has
		// its surname in the short one.
		if len(core) == 2 {
			switch {
			case syl[0] == 1 && syl[1] > 1:
				east.conf, out[0].conf = 2, 0
			case syl[0] > 1 && syl[1] == 1:
				out[0].conf = 2
				east.conf = 0
			}
		}
		if east.conf > 0 {
			out = append(out, east)
		}
		if out[0].conf == 0 {
			out = out[1:]
		}
	}
	return out
}

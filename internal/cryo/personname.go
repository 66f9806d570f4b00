package cryo

// Names as bibliographies write them: "Smith, J. C.", "Smith JC", "J. C. Smith", "X.-M. He",
// "Beethoven, L. van", "Prof. Bill Smith, PhD". A name is read into one or more readings
// (surname and given names); two names match when a reading of each has the same surname and
// their given names agree, fully or by the weaker rules below. Name keys (names.go) find the
// same name up to case, script and word order; these rules find the abbreviated and
// re-ordered forms keys cannot. Like keys, they only propose candidates.

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/mozillazg/go-pinyin"
	"golang.org/x/text/transform"
)

// Match rules, strongest first. A candidate carries the strongest rule that matched it, and
// a weaker rule never ranks above a stronger one of another entity.
const (
	MatchExact    = "exact"    // the name is the entity's name or one of its aliases
	MatchVariant  = "variant"  // the same name key: case, accents, punctuation, word order, Chinese script
	MatchFull     = "full"     // every name part, "Last, First", particles and honorifics aside
	MatchNickname = "nickname" // a given name by the nickname table (Bill for William)
	MatchMiddle   = "middle"   // a middle name or initial dropped or added
	MatchInitials = "initials" // given names as initials ("J. C. Smith", "Smith JC", "X.-M. He")
	MatchSurname  = "surname"  // the surname alone
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

// givenMatch is how two lists of given names agree.
type givenMatch struct {
	ok                                     bool
	initials, nickname, dropped, added, hy bool
	matched                                int
}

func (g givenMatch) rule() string {
	switch {
	case g.initials:
		return MatchInitials
	case g.dropped || g.added:
		return MatchMiddle
	case g.nickname:
		return MatchNickname
	}
	return MatchFull
}

// score is the alignment's rank within its rule: the rule's tier, then how many names agreed.
func (g givenMatch) score() int { return matchTier[g.rule()]*10 + g.matched }

// better chooses between alignments of the same names: fewer names skipped, then more
// agreeing, then fewer agreeing only by initials or nickname.
func (g givenMatch) better(o givenMatch) bool {
	cost := func(m givenMatch) int {
		c := -10 * m.matched
		for _, f := range []struct {
			on bool
			w  int
		}{{m.dropped, 15}, {m.added, 15}, {m.initials, 3}, {m.nickname, 1}} {
			if f.on {
				c += f.w
			}
		}
		return c
	}
	return cost(g) < cost(o)
}

// matchGiven aligns the query's given names q with an entity's e, in order. first says q[0]
// is the query's first given name, which must be matched (not skipped as an added initial).
func matchGiven(q, e []nameUnit, added, first bool) givenMatch {
	if len(q) == 0 {
		return givenMatch{ok: true, dropped: len(e) > 0} // the names the query leaves out
	}
	best := givenMatch{}
	then := func(qi, ei int, f func(*givenMatch)) {
		g := matchGiven(q[qi:], e[ei:], added, first && qi == 0)
		if !g.ok {
			return
		}
		f(&g)
		if !best.ok || g.better(best) {
			best = g
		}
	}
	a := q[0]
	if len(e) > 0 {
		b := e[0]
		matched := func(g *givenMatch) { g.matched++ }
		byInitials := func(g *givenMatch) { g.matched++; g.initials = true }
		switch {
		case !a.initial && !b.initial:
			if a.text == b.text {
				then(1, 1, matched)
			} else if Nicknames(a.text, b.text) {
				then(1, 1, func(g *givenMatch) { g.matched++; g.nickname = true })
			}
			// "Xiao Ming" against "Xiaoming", and the other way round.
			for k, cat := 1, a.text; k < len(q) && !q[k].initial; k++ {
				if cat += q[k].text; cat == b.text {
					then(k+1, 1, matched)
				}
			}
			for k, cat := 1, b.text; k < len(e) && !e[k].initial; k++ {
				if cat += e[k].text; cat == a.text {
					then(1, k+1, matched)
				}
			}
		case a.initial && !b.initial:
			if strings.HasPrefix(b.text, a.text) {
				then(1, 1, byInitials)
			}
			// "X.-M." or "XM" against "Xiaoming" (xiao ming).
			if n := len(b.parts); n > 1 && len(q) >= n && initialsFit(q[:n], b.parts) {
				then(n, 1, byInitials)
			}
		case !a.initial && b.initial:
			if strings.HasPrefix(a.text, b.text) {
				then(1, 1, byInitials)
			}
			if n := len(a.parts); n > 1 && len(e) >= n && initialsFit(e[:n], a.parts) {
				then(1, n, byInitials)
			}
		default:
			if a.text == b.text {
				then(1, 1, matched)
			}
		}
		// A given name the query leaves out: a middle name, or a first name when the person
		// goes by the middle one ("Sushil Rao" for Joseph Sushil Rao).
		then(0, 1, func(g *givenMatch) { g.dropped = true })
	}
	// A middle initial the query adds (once, never its first given name).
	if a.initial && !added && !first {
		if g := matchGiven(q[1:], e, true, false); g.ok {
			g.added = true
			if !best.ok || g.better(best) {
				best = g
			}
		}
	}
	return best
}

// initialsFit tells whether initials are the first letters of a word's parts, in order.
func initialsFit(ini []nameUnit, parts []string) bool {
	for k, p := range parts {
		if !ini[k].initial || !strings.HasPrefix(p, ini[k].text) {
			return false
		}
	}
	return true
}

// NameMatch says how a name matched one of an entity's names.
type NameMatch struct {
	Rule string
	// Rank orders candidates: the rule's tier first, then how much of the name agreed and
	// how sure the reading of each name was.
	Rank int
	// Name is the entity's name or alias that matched.
	Name string
	// Detail says which parts agreed, for the reason shown.
	Detail string
}

func describe(r reading) string {
	var g []string
	for _, u := range r.given {
		if u.initial {
			g = append(g, strings.ToUpper(u.text)+".")
		} else {
			g = append(g, u.text)
		}
	}
	if len(g) == 0 {
		return "surname " + r.surname
	}
	return fmt.Sprintf("surname %s, given %s", r.surname, strings.Join(g, " "))
}

// hanSurnames are the surnames an entity's names in characters give (张华 -> zhang): they
// tell which reading of its names in letters is right ("Zhang Hua", not "Hua Zhang").
func hanSurnames(names []string) map[string]bool {
	out := map[string]bool{}
	for _, n := range names {
		if r, ok := hanReading(strings.ReplaceAll(n, " ", "")); ok {
			out[r.surname] = true
		}
	}
	return out
}

// confirm raises the confidence of the readings whose surname the entity's names in
// characters confirm, and lowers the others.
func confirm(rs []reading, han map[string]bool) []reading {
	if len(han) == 0 {
		return rs
	}
	out := make([]reading, len(rs))
	for i, r := range rs {
		if han[r.surname] {
			r.conf++
		} else {
			r.conf = 0
		}
		out[i] = r
	}
	return out
}

// matchPerson matches two names of people; qHan and eHan are the surnames each one's
// entity's names in characters give (nil for a query).
func matchPerson(query, name string, qHan, eHan map[string]bool) (NameMatch, bool) {
	var best NameMatch
	found := false
	for _, qr := range confirm(personReadings(query), qHan) {
		for _, er := range confirm(personReadings(name), eHan) {
			// A reading the names in characters contradict is no reading.
			if qr.conf == 0 || er.conf == 0 || qr.surname == "" || qr.surname != er.surname {
				continue
			}
			var rule string
			score := 0
			if len(qr.given) == 0 {
				rule, score = MatchSurname, matchTier[MatchSurname]*10
			} else {
				g := matchGiven(qr.given, er.given, false, true)
				// A middle name left out and another added is a different middle name.
				if !g.ok || g.matched == 0 || g.dropped && g.added {
					continue
				}
				rule, score = g.rule(), g.score()
			}
			rank := score*10 + qr.conf + er.conf
			if !found || rank > best.Rank {
				found = true
				best = NameMatch{Rule: rule, Rank: rank, Name: name,
					Detail: fmt.Sprintf("%q read as %s; %q as %s", query, describe(qr), name, describe(er))}
			}
		}
	}
	return best, found
}

// orgWords are an organization's words without filler words.
func orgWords(name string) []string {
	var kept []string
	for _, t := range NameTokens(name) {
		if !orgStopWords[t] && t != "in" && t != "on" {
			kept = append(kept, t)
		}
	}
	return kept
}

// Acronym returns the initials of an organization's words ("University of Shanghai for
// Science and Technology" -> "usst"), "" for a name of one word.
func Acronym(name string) string {
	w := orgWords(name)
	if len(w) < 2 {
		return ""
	}
	var b strings.Builder
	for _, t := range w {
		b.WriteString(t[:1])
	}
	return b.String()
}

// matchOrg matches two names of organizations beyond their keys: the same words in another
// order, or an acronym of the words.
func matchOrg(query, name string) (NameMatch, bool) {
	qw, ew := orgWords(query), orgWords(name)
	if len(qw) == 0 || len(ew) == 0 {
		return NameMatch{}, false
	}
	if len(qw) > 1 && len(qw) == len(ew) {
		a, b := append([]string{}, qw...), append([]string{}, ew...)
		sort.Strings(a)
		sort.Strings(b)
		if strings.Join(a, " ") == strings.Join(b, " ") {
			return NameMatch{Rule: MatchReordered, Rank: matchTier[MatchReordered] * 100, Name: name,
				Detail: fmt.Sprintf("%q and %q have the same words in another order", query, name)}, true
		}
	}
	if len(qw) == 1 && len(qw[0]) >= 2 && qw[0] == Acronym(name) {
		return NameMatch{Rule: MatchAcronym, Rank: matchTier[MatchAcronym] * 100, Name: name,
			Detail: fmt.Sprintf("%q is the initials of %q", query, name)}, true
	}
	return NameMatch{}, false
}

// MatchNames tells how a name (a query or another entity's name) matches an entity of the
// given label ("Person" or "Organization") with these names, by the strongest rule beyond
// name keys; ok is false when no rule matches.
func MatchNames(label, query string, names []string) (NameMatch, bool) {
	var best NameMatch
	found := false
	var han map[string]bool
	if label == "Person" {
		han = hanSurnames(names)
	}
	for _, n := range names {
		var m NameMatch
		var ok bool
		if label == "Person" {
			m, ok = matchPerson(query, n, nil, han)
		} else {
			m, ok = matchOrg(query, n)
		}
		if ok && (!found || m.Rank > best.Rank) {
			best, found = m, true
		}
	}
	return best, found
}

// MatchEntities tells how two entities of the label may be one by their names (each
// entity's name and aliases), by the strongest rule either way; names in characters tell
// which reading of each one's names in letters is right.
func MatchEntities(label string, a, b []string) (NameMatch, bool) {
	if label != "Person" {
		best, found := NameMatch{}, false
		for _, n := range a {
			if m, ok := MatchNames(label, n, b); ok && (!found || m.Rank > best.Rank) {
				best, found = m, true
			}
		}
		for _, n := range b {
			if m, ok := MatchNames(label, n, a); ok && (!found || m.Rank > best.Rank) {
				best, found = m, true
			}
		}
		return best, found
	}
	hanA, hanB := hanSurnames(a), hanSurnames(b)
	best, found := NameMatch{}, false
	for _, x := range a {
		for _, y := range b {
			for _, m := range []func() (NameMatch, bool){
				func() (NameMatch, bool) { return matchPerson(x, y, hanA, hanB) },
				func() (NameMatch, bool) { return matchPerson(y, x, hanB, hanA) },
			} {
				if r, ok := m(); ok && (!found || r.Rank > best.Rank) {
					best, found = r, true
				}
			}
		}
	}
	return best, found
}

// PersonSurnames are the surnames a person's name may have, by each of its readings, for
// finding candidates ("Smith JC" -> smith; "Zhao Gang" -> gang, zhao).
func PersonSurnames(name string) []string {
	var out []string
	for _, r := range personReadings(name) {
		out = append(out, r.surname)
	}
	return dedupe(out)
}

// PersonNameParts is the most likely reading of a person's name: its surname and given
// names (initials as single letters), and, for each given name of several syllables or
// hyphen parts, those parts; its names in characters among aliases tell the surname. ok is
// false when the name has no surname.
func PersonNameParts(name string, aliases ...string) (surname string, given []string, parts [][]string, ok bool) {
	rs := confirm(personReadings(name), hanSurnames(aliases))
	if len(rs) == 0 {
		return "", nil, nil, false
	}
	best := rs[0]
	for _, r := range rs[1:] {
		if r.conf > best.conf {
			best = r
		}
	}
	for _, u := range best.given {
		given = append(given, u.text)
		parts = append(parts, u.parts)
	}
	return best.surname, given, parts, true
}

// IsHonorific tells whether a lower-case word is a title or suffix that names drop ("prof",
// "dr", "phd", "jr").
func IsHonorific(w string) bool { return personHonorifics[w] }

// CandidateWords are the words whose entities may match a name by the rules of MatchNames:
// a person's possible surnames, an organization's words. The store looks them up in its
// full-text index; acronyms ("USST") come back in Acronyms.
func CandidateWords(label, name string) []string {
	if label == "Person" {
		return PersonSurnames(name)
	}
	return dedupe(orgWords(name))
}

// AcronymLetters returns the letters of a name that may be an organization's acronym (one
// word of two to eight letters), or nil.
func AcronymLetters(name string) []string {
	w := orgWords(name)
	if len(w) != 1 || len(w[0]) < 2 || len(w[0]) > 8 {
		return nil
	}
	return strings.Split(w[0], "")
}

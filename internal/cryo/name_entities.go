package cryo

// Names of organizations (words, acronyms) and the exported entry points that match a
// query against an entity's names, or two entities against each other.

import (
	"fmt"
	"sort"
	"strings"
)

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

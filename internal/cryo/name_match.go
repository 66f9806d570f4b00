package cryo

// Matching one reading of a person's name against another: given names, initials,
// nicknames and dropped or added middle names, and the rule that says how they matched.

import (
	"fmt"
	"strings"
)

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

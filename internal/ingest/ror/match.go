package ror

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
)

// Matching proposes ROR ids for organizations of the graph that hold none, by their names and
// place. Only the graph's organizations are indexed (their name keys and acronyms: typically
// few); the ROR input is streamed once and each record is compared with the organizations one
// of its names meets. A proposal is only a proposal: nothing is written unless it is applied
// (Apply), and Apply takes only proposals at or above a score that are unambiguous.

// Scores: a name meeting decides most of it, the place confirms or contradicts it.
const (
	scoreDisplay    = 0.80 // the organization's name is ROR's display name or a label
	scoreAliasLabel = 0.70 // one of its aliases is ROR's display name or a label
	scoreRORAlias   = 0.60 // its name or an alias is one of ROR's aliases
	scoreAcronym    = 0.30 // only an acronym meets
	bonusMoreNames  = 0.05 // each further name that meets (at most two count)
	bonusCountry    = 0.10
	bonusCity       = 0.10
	malusCountry    = -0.40
	malusCity       = -0.05
	malusInactive   = -0.10
	malusWithdrawn  = -0.20
	// ambiguityMargin: a best candidate is unambiguous when the next one scores at least this
	// much less for the same organization.
	ambiguityMargin = 0.10
	// floorScore: weaker comparisons are not reported at all.
	floorScore = 0.30
)

// Proposal is a ROR record proposed for an organization that holds no ROR id.
type Proposal struct {
	Org     string   `json:"org"`
	OrgName string   `json:"orgName"`
	ROR     string   `json:"ror"`
	RORName string   `json:"rorName"`
	Status  string   `json:"status,omitempty"`
	Score   float64  `json:"score"`
	Reasons []string `json:"reasons"`
	// RunnerUp is the next best record for the organization, if any.
	RunnerUp *Alternative `json:"runnerUp,omitempty"`
	// Ambiguous: the runner-up scores within 0.1 of the best, or the same record is the best
	// of another organization too. An ambiguous proposal is never applied.
	Ambiguous bool   `json:"ambiguous"`
	Why       string `json:"ambiguity,omitempty"`
	// Applied is set by Apply when the id was written.
	Applied bool `json:"applied"`
}

// Alternative is a record that scored below the best.
type Alternative struct {
	ROR     string  `json:"ror"`
	RORName string  `json:"rorName"`
	Score   float64 `json:"score"`
}

// MatchResult is what a match found.
type MatchResult struct {
	Records       int        `json:"records"`
	Organizations int        `json:"organizations"` // without a ROR id, compared
	Proposals     []Proposal `json:"proposals"`
}

// candidate is an organization being matched, with what it is compared on.
type candidate struct {
	org  cryo.OrgNames
	keys map[string]string // name key -> the name it came from
	acr  map[string]bool   // acronyms among its names (upper case)
	best []scored          // the two best records so far
}

type scored struct {
	ror, name, status string
	score             float64
	reasons           []string
}

// MatchGraph is what a match reads of the graph.
type MatchGraph interface {
	OrganizationsWithoutROR(ctx context.Context) ([]cryo.OrgNames, error)
	ExternalOwners(ctx context.Context, ext []cryo.ExternalID) (map[cryo.ExternalID]string, error)
}

// Match streams the inputs once and proposes, for each organization of the graph that holds
// no ROR id, the ROR record that matches it best (with its score, reasons and runner-up), if
// any scores at least 0.3. A record whose id another organization already holds is proposed
// as ambiguous, never to be applied.
func Match(ctx context.Context, g MatchGraph, inputs []Input) (*MatchResult, error) {
	orgs, err := g.OrganizationsWithoutROR(ctx)
	if err != nil {
		return nil, fmt.Errorf("ror match: read the organizations without a ROR id: %w", err)
	}
	res := &MatchResult{Organizations: len(orgs)}
	byKey := map[string][]int{}
	byAcr := map[string][]int{}
	cands := make([]*candidate, len(orgs))
	for i, o := range orgs {
		c := &candidate{org: o, keys: map[string]string{}, acr: map[string]bool{}}
		for _, n := range append([]string{o.Name}, o.Aliases...) {
			if k := cryo.OrgNameKey(n); k != "" {
				if _, dup := c.keys[k]; !dup {
					c.keys[k] = n
					byKey[k] = append(byKey[k], i)
				}
			}
			if isAcronym(n) && !c.acr[strings.ToUpper(n)] {
				c.acr[strings.ToUpper(n)] = true
				byAcr[strings.ToUpper(n)] = append(byAcr[strings.ToUpper(n)], i)
			}
		}
		cands[i] = c
	}
	for _, in := range inputs {
		err := Each(ctx, in, func(_ int, rec *Record) error {
			res.Records++
			hit := map[int]bool{}
			for _, n := range rec.Names {
				if hasType(n.Types, "acronym") {
					for _, i := range byAcr[strings.ToUpper(n.Value)] {
						hit[i] = true
					}
					continue
				}
				for _, i := range byKey[cryo.OrgNameKey(n.Value)] {
					hit[i] = true
				}
			}
			for i := range hit {
				if s, ok := score(cands[i], rec); ok {
					cands[i].keep(s)
				}
			}
			return nil
		})
		if err != nil {
			return res, err
		}
	}
	bestOf := map[string][]string{} // ROR id -> organizations it is the best of
	for _, c := range cands {
		if len(c.best) > 0 {
			bestOf[c.best[0].ror] = append(bestOf[c.best[0].ror], c.org.ID)
		}
	}
	for _, c := range cands {
		if len(c.best) == 0 {
			continue
		}
		b := c.best[0]
		p := Proposal{Org: c.org.ID, OrgName: c.org.Name, ROR: b.ror, RORName: b.name, Status: b.status,
			Score: b.score, Reasons: b.reasons}
		if len(c.best) > 1 {
			r := c.best[1]
			p.RunnerUp = &Alternative{ROR: r.ror, RORName: r.name, Score: r.score}
			if b.score-r.score < ambiguityMargin {
				p.Ambiguous, p.Why = true, fmt.Sprintf("%s scores %.2f, within %.2f", r.ror, r.score, ambiguityMargin)
			}
		}
		if others := bestOf[b.ror]; len(others) > 1 {
			p.Ambiguous = true
			p.Why = strings.TrimPrefix(p.Why+"; ", "; ") + fmt.Sprintf("%s is also the best record of %s", b.ror, strings.Join(without(others, c.org.ID), ", "))
		}
		res.Proposals = append(res.Proposals, p)
	}
	if err := markHeld(ctx, g, res.Proposals); err != nil {
		return res, err
	}
	sort.Slice(res.Proposals, func(i, j int) bool {
		a, b := res.Proposals[i], res.Proposals[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.Org < b.Org
	})
	return res, nil
}

// markHeld marks as ambiguous the proposals whose ROR id an organization already holds.
func markHeld(ctx context.Context, g MatchGraph, ps []Proposal) error {
	if len(ps) == 0 {
		return nil
	}
	var ext []cryo.ExternalID
	for _, p := range ps {
		ext = append(ext, cryo.ExternalID{Label: "Organization", Prop: "ror", Value: p.ROR},
			cryo.ExternalID{Label: "Organization", Prop: "ror", Value: "https://ror.org/" + p.ROR})
	}
	owners, err := g.ExternalOwners(ctx, ext)
	if err != nil {
		return fmt.Errorf("ror match: look up ROR ids in the graph: %w", err)
	}
	held := map[string]string{}
	for x, id := range owners {
		held[ShortID(x.Value)] = id
	}
	for i := range ps {
		if o, ok := held[ps[i].ROR]; ok {
			ps[i].Ambiguous = true
			ps[i].Why = strings.TrimPrefix(ps[i].Why+"; ", "; ") + ps[i].ROR + " is already held by " + o
		}
	}
	return nil
}

// keep holds the two best records of a candidate (ties: the smaller ROR id first, so the
// result does not depend on the input's order).
func (c *candidate) keep(s scored) {
	c.best = append(c.best, s)
	sort.Slice(c.best, func(i, j int) bool {
		if c.best[i].score != c.best[j].score {
			return c.best[i].score > c.best[j].score
		}
		return c.best[i].ror < c.best[j].ror
	})
	if len(c.best) > 2 {
		c.best = c.best[:2]
	}
}

// score compares one record with one organization.
func score(c *candidate, rec *Record) (scored, bool) {
	display := rec.DisplayName()
	s := scored{ror: rec.ShortID(), name: display, status: rec.Status}
	base, extra := 0.0, 0
	type reason struct {
		v   float64
		why string
	}
	var nameReasons []reason
	orgKey := cryo.OrgNameKey(c.org.Name)
	for _, n := range rec.Names {
		lang := ""
		if n.Lang != nil && *n.Lang != "" {
			lang = " (" + *n.Lang + ")"
		}
		var v float64
		var why string
		switch {
		case hasType(n.Types, "acronym"):
			if c.acr[strings.ToUpper(n.Value)] {
				v, why = scoreAcronym, "acronym "+n.Value
			}
		default:
			k := cryo.OrgNameKey(n.Value)
			from, ok := c.keys[k]
			if !ok {
				continue
			}
			what := "ROR alias"
			if hasType(n.Types, "ror_display") {
				what = "ROR display name"
			} else if hasType(n.Types, "label") {
				what = "ROR label"
			}
			switch {
			case what != "ROR alias" && k == orgKey:
				v, why = scoreDisplay, "name equals "+what+lang
			case what != "ROR alias":
				v, why = scoreAliasLabel, fmt.Sprintf("alias %q equals %s%s", from, what, lang)
			default:
				v, why = scoreRORAlias, fmt.Sprintf("%q equals %s%s", from, what, lang)
			}
		}
		if v == 0 {
			continue
		}
		nameReasons = append(nameReasons, reason{v, why})
		if v > base {
			if base > 0 {
				extra++
			}
			base = v
		} else {
			extra++
		}
	}
	if base == 0 {
		return s, false
	}
	total := base + bonusMoreNames*float64(min(extra, 2))
	sort.SliceStable(nameReasons, func(i, j int) bool { return nameReasons[i].v > nameReasons[j].v }) // strongest first
	for _, r := range nameReasons {
		s.reasons = append(s.reasons, r.why)
	}
	if len(rec.Locations) > 0 {
		g := rec.Locations[0].GeonamesDetails
		switch {
		case c.org.Country == "" || g.CountryCode == "":
		case strings.EqualFold(c.org.Country, g.CountryCode):
			total += bonusCountry
			s.reasons = append(s.reasons, "same country "+strings.ToUpper(g.CountryCode))
		default:
			total += malusCountry
			s.reasons = append(s.reasons, fmt.Sprintf("different country (%s in the graph, %s in ROR)", c.org.Country, g.CountryCode))
		}
		switch {
		case c.org.City == "" || g.Name == "":
		case cryo.OrgNameKey(c.org.City) == cryo.OrgNameKey(g.Name):
			total += bonusCity
			s.reasons = append(s.reasons, "same city "+g.Name)
		default:
			total += malusCity
			s.reasons = append(s.reasons, fmt.Sprintf("different city (%s in the graph, %s in ROR)", c.org.City, g.Name))
		}
	}
	switch rec.Status {
	case "inactive":
		total += malusInactive
		s.reasons = append(s.reasons, "ROR record inactive")
	case "withdrawn":
		total += malusWithdrawn
		s.reasons = append(s.reasons, "ROR record withdrawn")
	}
	s.score = float64(int(min(1, max(0, total))*100+0.5)) / 100
	return s, s.score >= floorScore
}

// isAcronym: 2 to 10 letters or digits without spaces, at least two capitals and at least
// half capitals: "USTC", "TIPC", "SfC", not "Alcor".
func isAcronym(s string) bool {
	if len(s) < 2 || len(s) > 10 {
		return false
	}
	upper := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsDigit(r), unicode.IsLower(r):
		default:
			return false
		}
	}
	return upper >= 2 && upper*2 >= len(s)
}

func without(l []string, x string) []string {
	var out []string
	for _, s := range l {
		if s != x {
			out = append(out, s)
		}
	}
	return out
}

// Applicable tells whether Apply writes a proposal: unambiguous and at least minScore.
func (p Proposal) Applicable(minScore float64) bool { return !p.Ambiguous && p.Score >= minScore }

// MatchSink is what applying matches writes through: the loader's one write path for the
// source rows, and the one store method that writes a ROR id onto an organization without
// replacing its (curated) row.
type MatchSink interface {
	importer.RefreshingSink
	SetRORIDs(ctx context.Context, matches []cryo.RegistryIDMatch) ([]string, error)
}

// ApplyOptions tune Apply.
type ApplyOptions struct {
	// MinScore: proposals below it are not applied.
	MinScore float64
	// Retrieved is the date of the match (YYYY-MM-DD), the sources' "retrieved"; default today.
	Retrieved string
	// TempDir holds the source rows while they are loaded (default os.TempDir()).
	TempDir string
}

// MatchSourceID is the id of the source that records an applied match of a ROR id to an
// organization.
func MatchSourceID(rorID, org string) string { return "src:ror-match-" + ShortID(rorID) + "-" + org }

// Apply writes the ROR id of every unambiguous proposal at or above opts.MinScore onto its
// organization, and marks those proposals Applied. For each it first loads, through
// importer.LoadAndRefresh, a source row (https://ror.org/<id>) whose title says that this
// command matched it and whose note gives the score and reasons; then sets only the
// organization's `ror` and cites that source (SetRORIDs). It returns how many were written.
func Apply(ctx context.Context, sink MatchSink, res *MatchResult, opts ApplyOptions) (int, error) {
	if opts.Retrieved == "" {
		opts.Retrieved = time.Now().UTC().Format("2006-01-02")
	}
	var matches []cryo.RegistryIDMatch
	var rows bytes.Buffer
	enc := json.NewEncoder(&rows)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(map[string]any{"format": "cryograph", "version": 1})
	for _, p := range res.Proposals {
		if !p.Applicable(opts.MinScore) {
			continue
		}
		src := MatchSourceID(p.ROR, p.Org)
		row := map[string]any{"type": "source", "id": src, "url": "https://ror.org/" + p.ROR,
			"title":     fmt.Sprintf("ROR id %s (%s) matched to %s (%s) by cryograph ingest ror --match --apply", p.ROR, p.RORName, p.Org, p.OrgName),
			"publisher": "CryoGraph (ingest ror --match)", "retrieved": opts.Retrieved,
			"note": fmt.Sprintf("score %.2f: %s", p.Score, strings.Join(p.Reasons, "; "))}
		if Synthetic(p.ROR) {
			row["synthetic"] = true
		}
		if err := enc.Encode(row); err != nil {
			return 0, err
		}
		matches = append(matches, cryo.RegistryIDMatch{Org: p.Org, ROR: p.ROR, Source: src})
	}
	if len(matches) == 0 {
		return 0, nil
	}
	tmp, err := os.CreateTemp(opts.TempDir, "cryograph-ror-match-*.jsonl")
	if err != nil {
		return 0, fmt.Errorf("ror match: rows file: %w", err)
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	if _, err := tmp.Write(rows.Bytes()); err != nil {
		return 0, fmt.Errorf("ror match: rows file: %w", err)
	}
	file := importer.File(tmp.Name())
	file.Name = "ror match sources"
	if _, err := importer.LoadAndRefresh(ctx, sink, []importer.Input{file}, importer.Options{}); err != nil {
		return 0, fmt.Errorf("ror match: load the match sources: %w", err)
	}
	done, err := sink.SetRORIDs(ctx, matches)
	if err != nil {
		return 0, fmt.Errorf("ror match: write the ROR ids: %w", err)
	}
	applied := map[string]bool{}
	for _, id := range done {
		applied[id] = true
	}
	for i := range res.Proposals {
		p := &res.Proposals[i]
		p.Applied = applied[p.Org] && p.Applicable(opts.MinScore)
	}
	return len(done), nil
}

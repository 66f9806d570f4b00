package store_test

// The name-variant test set: for every person and organization of the demo data, the forms
// bibliographies write their names in, generated from the names (not a hand list), run
// through Resolve and Search; and the same people and organizations re-entered under new ids
// with such names, run through Duplicates. The goals are asserted, so a regression fails;
// `go test -run TestNameVariants -v` prints the tables that docs/model.md shows.

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/cryograph/cryograph/data"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/cryograph/cryograph/internal/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type demoEntity struct {
	id, kind, name, country string
	aliases                 []string
}

// demoEntities reads the people and organizations of data/demo; a person named in
// characters only is given the first alias written in letters.
func demoEntities(t *testing.T) []demoEntity {
	var out []demoEntity
	demo := data.Demo()
	files, err := fs.Glob(demo, "*.jsonl")
	require.NoError(t, err)
	for _, f := range files {
		b, err := fs.ReadFile(demo, f)
		require.NoError(t, err)
		sc := bufio.NewScanner(strings.NewReader(string(b)))
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			var row struct {
				Type, ID, Name, Country string
				Aliases                 []json.RawMessage
			}
			require.NoError(t, json.Unmarshal(sc.Bytes(), &row))
			if row.Type != "person" && row.Type != "organization" {
				continue
			}
			e := demoEntity{id: row.ID, kind: row.Type, name: row.Name, country: row.Country}
			for _, a := range row.Aliases {
				var s string
				var o struct{ Name string }
				if json.Unmarshal(a, &s) != nil {
					_ = json.Unmarshal(a, &o)
					s = o.Name
				}
				e.aliases = append(e.aliases, s)
				if !hasLatin(e.name) && hasLatin(s) {
					e.name = s
				}
			}
			out = append(out, e)
		}
	}
	return out
}

func hasLatin(s string) bool {
	for _, r := range s {
		if r < unicode.MaxLatin1 && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func title(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

type variant struct{ kind, text string }

// personVariants writes a person's name as bibliographies do, from its reading by
// cryo.PersonNameParts.
func personVariants(name string, aliases []string) []variant {
	sur, given, parts, ok := cryo.PersonNameParts(name, aliases...)
	if !ok || len(given) == 0 {
		return nil
	}
	S := title(sur)
	var full, dotted, compact []string
	for i, g := range given {
		full = append(full, title(g))
		if len(parts[i]) > 1 { // a Chinese given name of several syllables: X.-M.
			var d, c []string
			for _, p := range parts[i] {
				d = append(d, strings.ToUpper(p[:1])+".")
				c = append(c, strings.ToUpper(p[:1]))
			}
			dotted = append(dotted, strings.Join(d, "-"))
			compact = append(compact, strings.Join(c, ""))
		} else {
			dotted = append(dotted, strings.ToUpper(g[:1])+".")
			compact = append(compact, strings.ToUpper(g[:1]))
		}
	}
	first := strings.Join(full, " ")
	vs := []variant{
		{"last-first", S + ", " + first},
		{"word-order", S + " " + first},
		{"initials-dotted", strings.Join(dotted, " ") + " " + S},
		{"initials-after", S + " " + strings.Join(compact, "")},
		{"initials-comma", S + ", " + strings.ToUpper(given[0][:1]) + "."},
		{"initials-before", strings.Join(compact, "") + " " + S},
		{"honorific", "Prof. " + first + " " + S + ", PhD"},
		{"honorific", "Dr. " + S + ", " + first},
		{"honorific", first + " " + S + " Jr."},
		{"surname-only", S},
	}
	if len(given) > 1 {
		vs = append(vs, variant{"middle-dropped", title(given[0]) + " " + S})
	} else {
		vs = append(vs, variant{"middle-added", title(given[0]) + " Q. " + S})
	}
	if nn := cryo.NicknameForms(given[0]); len(nn) > 0 {
		vs = append(vs, variant{"nickname", title(nn[0]) + " " + strings.Join(full[1:], " ") + " " + S})
	}
	if len(parts[0]) > 1 {
		hy := make([]string, len(parts[0]))
		for i, p := range parts[0] {
			hy[i] = title(p)
		}
		vs = append(vs,
			variant{"chinese-given", strings.Join(hy, "-") + " " + S},
			variant{"chinese-given", S + " " + strings.Join(hy, "-")},
			variant{"chinese-given", strings.Join(hy, " ") + " " + S},
		)
	}
	for i := range vs {
		vs[i].text = strings.Join(strings.Fields(vs[i].text), " ")
	}
	return vs
}

// orgVariants writes an organization's name as sources do.
func orgVariants(name string) []variant {
	var vs []variant
	vs = append(vs, variant{"org-case", strings.ToLower(name)})
	if strings.HasPrefix(name, "The ") {
		vs = append(vs, variant{"org-the", strings.TrimPrefix(name, "The ")})
	} else {
		vs = append(vs, variant{"org-the", "The " + name})
	}
	if strings.Contains(name, " and ") {
		vs = append(vs, variant{"org-ampersand", strings.ReplaceAll(name, " and ", " & ")})
	}
	if rest, ok := strings.CutPrefix(name, "University of "); ok && !strings.ContainsAny(rest, ",(") && !strings.Contains(rest, " of ") {
		vs = append(vs, variant{"org-reordered", rest + " University"})
	} else if rest, ok := strings.CutSuffix(strings.TrimPrefix(name, "The "), " University"); ok && !strings.Contains(rest, " ") {
		vs = append(vs, variant{"org-reordered", "University of " + rest})
	}
	if a := cryo.Acronym(name); len(a) >= 3 && len(a) <= 8 { // longer ones nobody writes
		vs = append(vs, variant{"org-acronym", strings.ToUpper(a)})
	}
	return vs
}

type tally struct{ total, first, present, wrongFirst, ambiguous int }

func (t *tally) add(o tally) {
	t.total += o.total
	t.first += o.first
	t.present += o.present
	t.wrongFirst += o.wrongFirst
	t.ambiguous += o.ambiguous
}

func pct(n, d int) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(d))
}

func TestNameVariants(t *testing.T) {
	st := neo4jtest.Store(t)
	neo4jtest.LoadDemo(t, st)
	ctx := context.Background()
	entities := demoEntities(t)
	require.NotEmpty(t, entities)

	type gen struct {
		e demoEntity
		v variant
	}
	var all []gen
	owners := map[string]map[string]bool{} // variant text (lower case) -> the ids it was made from
	for _, e := range entities {
		vs := orgVariants(e.name)
		if e.kind == "person" {
			vs = personVariants(e.name, e.aliases)
		}
		for _, v := range vs {
			all = append(all, gen{e, v})
			k := strings.ToLower(v.text)
			if owners[k] == nil {
				owners[k] = map[string]bool{}
			}
			owners[k][e.id] = true
		}
	}

	for _, api := range []string{"resolve", "search"} {
		byKind := map[string]*tally{}
		var kinds, ambiguous, misses []string
		for _, g := range all {
			var ids []string
			if api == "resolve" {
				got, err := st.Resolve(ctx, cryo.ResolveQuery{Name: g.v.text, Kind: g.e.kind, Limit: 20})
				require.NoError(t, err)
				for _, c := range got {
					ids = append(ids, c.ID)
				}
			} else {
				got, err := st.Search(ctx, cryo.SearchQuery{Text: g.v.text, Kinds: []string{g.e.kind}, Limit: 20})
				require.NoError(t, err)
				for _, n := range got {
					ids = append(ids, n.ID)
				}
			}
			if byKind[g.v.kind] == nil {
				byKind[g.v.kind] = &tally{}
				kinds = append(kinds, g.v.kind)
			}
			tl := byKind[g.v.kind]
			tl.total++
			amb := len(owners[strings.ToLower(g.v.text)]) > 1
			switch {
			case len(ids) > 0 && ids[0] == g.e.id:
				tl.first++
			case amb:
				tl.ambiguous++
				ambiguous = append(ambiguous, fmt.Sprintf("%q (%s, %s): also written for another demo entity; got %v", g.v.text, g.v.kind, g.e.id, ids))
			case len(ids) > 0:
				tl.wrongFirst++
				misses = append(misses, fmt.Sprintf("WRONG FIRST %q (%s): want %s, got %v", g.v.text, g.v.kind, g.e.id, ids))
			default:
				misses = append(misses, fmt.Sprintf("not first %q (%s): want %s, got %v", g.v.text, g.v.kind, g.e.id, ids))
			}
			for _, id := range ids {
				if id == g.e.id {
					tl.present++
					break
				}
			}
		}
		sort.Strings(kinds)
		var sum tally
		var b strings.Builder
		fmt.Fprintf(&b, "\n%s: %d entities, %d variants\n\n", api, len(entities), len(all))
		fmt.Fprintf(&b, "| variant kind | variants | right entity first | right entity present | wrong entity first | ambiguous |\n|---|---|---|---|---|---|\n")
		for _, k := range kinds {
			tl := byKind[k]
			sum.add(*tl)
			fmt.Fprintf(&b, "| %s | %d | %d (%s) | %d (%s) | %d | %d |\n", k, tl.total, tl.first, pct(tl.first, tl.total), tl.present, pct(tl.present, tl.total), tl.wrongFirst, tl.ambiguous)
		}
		unamb := sum.total - sum.ambiguous
		fmt.Fprintf(&b, "| **all** | %d | %d (%s of %d unambiguous) | %d (%s) | %d | %d |\n", sum.total, sum.first, pct(sum.first, unamb), unamb, sum.present, pct(sum.present, sum.total), sum.wrongFirst, sum.ambiguous)
		t.Log(b.String())
		for _, a := range ambiguous {
			t.Log("ambiguous: " + a)
		}
		for _, m := range misses {
			t.Log(m)
		}
		assert.Zero(t, sum.wrongFirst, "%s: no variant may rank another entity first", api)
		assert.GreaterOrEqual(t, float64(sum.first), 0.95*float64(unamb), "%s: at least 95%% of unambiguous variants find their entity first", api)
	}

	t.Run("the issue's examples", func(t *testing.T) {
		got, err := st.Search(ctx, cryo.SearchQuery{Text: "Prof. Xu Yi", Limit: 10})
		require.NoError(t, err)
		require.NotEmpty(t, got)
		assert.Equal(t, "person:xu_yi", got[0].ID)
		assert.Equal(t, cryo.MatchVariant, got[0].Match)
		for _, tc := range []struct{ name, id, rule string }{
			{"Gao, Dayong", "person:gao_dayong", cryo.MatchVariant},
			{"Stacey, Glyn", "person:glyn_stacey", cryo.MatchMiddle},
			{"Stacey GN", "person:glyn_stacey", cryo.MatchInitials},
			{"X.-M. He", "person:xiaoming_he", cryo.MatchInitials},
			{"He XM", "person:xiaoming_he", cryo.MatchInitials},
			{"Cravalho", "person:ernest_cravalho", cryo.MatchSurname},
		} {
			got, err := st.Resolve(ctx, cryo.ResolveQuery{Name: tc.name, Limit: 10})
			require.NoError(t, err)
			require.NotEmpty(t, got, tc.name)
			assert.Equal(t, tc.id, got[0].ID, tc.name)
			assert.Equal(t, tc.rule, got[0].Match, "%s: %v", tc.name, got[0].Reasons)
		}
		got2, err := st.Resolve(ctx, cryo.ResolveQuery{Name: "Rao", Limit: 10})
		require.NoError(t, err)
		assert.ElementsMatch(t, []string{"person:joseph_sushil_rao", "person:wei_rao"}, []string{got2[0].ID, got2[1].ID}, "a surname lists everyone who has it")
	})

	t.Run("planted duplicates are proposed, and no pair of different entities is", func(t *testing.T) {
		plantDuplicates(t, st, entities)
	})
}

// plantDuplicates re-enters every demo person and organization under a new id with a variant
// of its name (the kinds in turn), through the importer, and measures Duplicates. Left out:
// the surname alone and an acronym alone, which Duplicates does not take as evidence, and
// the word order and case, which only repeat what the name keys already find.
// Recall: planted pairs proposed / planted. A false pair: a proposed pair of two different
// entities (two demo entities, or a copy with a demo entity it does not copy, or two copies
// of different entities); there must be none.
func plantDuplicates(t *testing.T, st *store.Store, entities []demoEntity) {
	ctx := context.Background()
	var rows strings.Builder
	rows.WriteString(`{"type":"source","id":"src:planted","url":"https://example.org/planted","title":"Planted duplicates (test)"}` + "\n")
	planted := map[string]string{} // new id -> the demo id it copies
	kindOf := map[string]string{}
	turn := 0
	for _, e := range entities {
		var vs []variant
		if e.kind == "person" {
			for _, v := range personVariants(e.name, e.aliases) {
				if v.kind != "surname-only" && v.kind != "word-order" {
					vs = append(vs, v)
				}
			}
		} else {
			for _, v := range orgVariants(e.name) {
				if v.kind != "org-acronym" && v.kind != "org-case" {
					vs = append(vs, v)
				}
			}
		}
		if len(vs) == 0 {
			continue
		}
		v := vs[turn%len(vs)]
		turn++
		id := strings.Replace(e.id, ":", ":planted_", 1)
		planted[id] = e.id
		kindOf[id] = v.kind
		row := map[string]any{"type": e.kind, "id": id, "name": v.text, "sources": []string{"src:planted"}}
		if e.country != "" {
			row["country"] = e.country
		}
		if e.kind == "organization" {
			row["kind"] = "other"
		}
		b, err := json.Marshal(row)
		require.NoError(t, err)
		rows.Write(b)
		rows.WriteString("\n")
	}
	loadRows(t, st, "planted.jsonl", rows.String())

	res, err := st.Duplicates(ctx, "", cryo.Page{Limit: 1000})
	require.NoError(t, err)
	require.Equal(t, res.Total, len(res.Pairs), "one page holds every pair")
	same := func(a, b string) bool {
		ra, rb := a, b
		if o, ok := planted[a]; ok {
			ra = o
		}
		if o, ok := planted[b]; ok {
			rb = o
		}
		return ra == rb
	}
	found := map[string]bool{}
	var falsePairs []string
	for _, p := range res.Pairs {
		if same(p.A.ID, p.B.ID) {
			found[p.A.ID] = true
			found[p.B.ID] = true
			continue
		}
		falsePairs = append(falsePairs, fmt.Sprintf("%s %q <-> %s %q: %v", p.A.ID, p.A.Name, p.B.ID, p.B.Name, p.Reasons))
	}
	byKind := map[string][2]int{}
	var kinds, missed []string
	for id, kind := range kindOf {
		c := byKind[kind]
		if c == [2]int{} {
			kinds = append(kinds, kind)
		}
		c[0]++
		if found[id] {
			c[1]++
		} else {
			missed = append(missed, fmt.Sprintf("%s (%s) not paired with %s", id, kind, planted[id]))
		}
		byKind[kind] = c
	}
	sort.Strings(kinds)
	sort.Strings(missed)
	var b strings.Builder
	fmt.Fprintf(&b, "\nduplicates: %d planted copies, %d pairs proposed\n\n| planted name kind | planted | proposed with their entity | recall |\n|---|---|---|---|\n", len(planted), res.Total)
	total, hit := 0, 0
	for _, k := range kinds {
		c := byKind[k]
		total, hit = total+c[0], hit+c[1]
		fmt.Fprintf(&b, "| %s | %d | %d | %s |\n", k, c[0], c[1], pct(c[1], c[0]))
	}
	fmt.Fprintf(&b, "| **all** | %d | %d | %s |\n\nfalse pairs: %d\n", total, hit, pct(hit, total), len(falsePairs))
	t.Log(b.String())
	for _, m := range missed {
		t.Log("missed: " + m)
	}
	assert.Empty(t, falsePairs, "no pair of two different entities is proposed")
	assert.GreaterOrEqual(t, float64(hit), 0.95*float64(total), "at least 95%% of planted duplicates are proposed")
}

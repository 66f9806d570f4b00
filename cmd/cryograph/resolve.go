package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
)

func printJSON(e env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func cmdResolve(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	fs := newFlagSet(e, "resolve", "resolve [flags] NAME", `
Lists the people and organizations a name may refer to, ranked, each with the rule that matched
and the reasons: the same name up to case, accents, punctuation, honorifics, word order or
Chinese script (simplified or traditional characters are read as pinyin); then the forms
bibliographies write: "Last, First", initials ("Smith JC", "J. C. Smith", "X.-M. He"), a middle
name dropped or added, nicknames (Bill for William), particles (van, de), acronyms; and the
surname alone, which lists everyone who has it. Warnings from sourced aliases are shown, such as a mistranslated
name that also belongs to another institution. Nothing is changed.`, `
  cryograph resolve "Gang Zhao"
  cryograph resolve 赵刚
  cryograph resolve "He XM"
  cryograph resolve --kind organization "Shanghai Polytechnic University"`)
	cfg.RegisterNeo4jFlags(fs)
	q := cryo.ResolveQuery{}
	fs.StringVar(&q.Kind, "kind", "", "person or organization (default: both)")
	fs.IntVar(&q.Limit, "limit", 10, "most candidates to list")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	q.Name = strings.Join(fs.Args(), " ")
	if err := q.Validate(); err != nil {
		return fmt.Errorf("%w: %s", errUsage, cryo.ErrorMessage(err))
	}
	st, err := openStore(ctx, cfg, 30*time.Second)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	cands, err := st.Resolve(ctx, q)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(e, cands)
	}
	if len(cands) == 0 {
		fmt.Fprintf(e.stdout, "no person or organization matches %q\n", q.Name)
		return nil
	}
	for _, c := range cands {
		fmt.Fprintf(e.stdout, "%s  %s (%s, match: %s)\n", c.ID, c.Name, c.Kind, c.Match)
		for _, r := range c.Reasons {
			fmt.Fprintf(e.stdout, "    because %s\n", r)
		}
		for _, w := range c.AliasNotes {
			fmt.Fprintf(e.stdout, "    note on %s\n", w)
		}
	}
	return nil
}

func cmdDuplicates(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	fs := newFlagSet(e, "duplicates", "duplicates [flags]", `
Lists pairs of people or organizations that may be one entity, because their names or aliases
are variants of each other, with reasons for and against (different ORCIDs, countries). Nothing
is merged: review a pair, then run 'cryograph merge'.`, `
  cryograph duplicates
  cryograph duplicates --kind organization --limit 100 --json`)
	cfg.RegisterNeo4jFlags(fs)
	kind := fs.String("kind", "", "person or organization (default: both)")
	page := cryo.Page{}
	fs.IntVar(&page.Limit, "limit", 50, "pairs per page")
	fs.IntVar(&page.Offset, "offset", 0, "pairs to skip")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if err := page.Validate(); err != nil {
		return fmt.Errorf("%w: %s", errUsage, cryo.ErrorMessage(err))
	}
	st, err := openStore(ctx, cfg, 30*time.Second)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	res, err := st.Duplicates(ctx, *kind, page)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(e, res)
	}
	fmt.Fprintf(e.stdout, "%d candidate pairs\n", res.Total)
	for _, p := range res.Pairs {
		fmt.Fprintf(e.stdout, "%s %q  <->  %s %q\n", p.A.ID, p.A.Name, p.B.ID, p.B.Name)
		for _, r := range p.Reasons {
			fmt.Fprintf(e.stdout, "    for: %s\n", r)
		}
		for _, r := range p.Against {
			fmt.Fprintf(e.stdout, "    against: %s\n", r)
		}
	}
	return nil
}

func cmdMerge(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	fs := newFlagSet(e, "merge", "merge --keep ID --absorb ID --reason TEXT | merge --undo MERGE_ID | merge --list", `
Merges two entities of one kind explicitly: the absorbed entity's relationships move to the kept
one, its names become aliases, and a (:Merge) record keeps who, when, why and a snapshot of the
absorbed entity. --undo restores it exactly. Later imports of the absorbed id are redirected to
the kept entity.`, `
  cryograph merge --keep person:zhao_gang --absorb person:gang_zhao_2 --reason "same person: ORCID on both papers"
  cryograph merge --list
  cryograph merge --undo merge:20261126T060000-ab12cd34ef56`)
	cfg.RegisterNeo4jFlags(fs)
	req := cryo.MergeRequest{}
	fs.StringVar(&req.Keep, "keep", "", "id of the entity that stays")
	fs.StringVar(&req.Absorb, "absorb", "", "id of the entity merged into it")
	fs.StringVar(&req.Reason, "reason", "", "why they are one (kept with the record)")
	fs.StringVar(&req.By, "by", e.getenv("USER"), "who merges (kept with the record)")
	undo := fs.String("undo", "", "undo the merge with this id")
	list := fs.Bool("list", false, "list merges, newest first")
	if err := parse(e, fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, cfg, 30*time.Second)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	switch {
	case *list:
		ms, err := st.Merges(ctx, cryo.Page{Limit: cryo.MaxLimit})
		if err != nil {
			return err
		}
		return printJSON(e, ms)
	case *undo != "":
		m, err := st.Unmerge(ctx, *undo, req.By)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "undid %s: %s is back, %s lost what the merge gave it\n", m.ID, m.Absorbed, m.Keep)
		return nil
	}
	if err := req.Validate(); err != nil {
		return fmt.Errorf("%w: %s", errUsage, cryo.ErrorMessage(err))
	}
	m, err := st.Merge(ctx, req)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "merged %s into %s (%d relationships moved, aliases added: %s)\nundo with: cryograph merge --undo %s\n",
		m.Absorbed, m.Keep, m.Moved, strings.Join(m.AddedName, ", "), m.ID)
	return nil
}

package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
)

func cmdAudit(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	fs := newFlagSet(e, "audit", "audit [--limit N] [--offset N] [--json]", `
Lists the audit log, newest first: every write request to the API (imports, merges, unmerges,
saved-query changes, refusals included) and every Cypher run, with who (token name and id),
when, what (query text or request, cut at 4000 characters), how long, how many rows and the
outcome ("ok" or the error code). The same list is at GET /api/v1/audit for admin tokens.`, `
  cryograph audit
  cryograph audit --limit 200 --json | jq '.[] | select(.action == "cypher")'`)
	cfg.RegisterNeo4jFlags(fs)
	page := cryo.Page{}
	fs.IntVar(&page.Limit, "limit", 50, fmt.Sprintf("records to list (at most %d)", cryo.MaxLimit))
	fs.IntVar(&page.Offset, "offset", 0, "records to skip")
	asJSON := fs.Bool("json", false, "print JSON")
	var wait time.Duration
	waitFlag(fs, &wait)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if err := page.Validate(); err != nil {
		return fmt.Errorf("%w: %s", errUsage, cryo.ErrorMessage(err))
	}
	st, err := openStore(ctx, cfg, wait)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	events, err := st.AuditLog(ctx, page)
	if err != nil {
		return err
	}
	if *asJSON {
		return printJSON(e, events)
	}
	if len(events) == 0 {
		fmt.Fprintln(e.stdout, "the audit log is empty")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "AT\tWHO\tACTION\tOUTCOME\tMS\tROWS\tWHAT")
	for _, ev := range events {
		who := ev.Who
		if ev.TokenID != "" {
			who += " (" + ev.TokenID + ")"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%s\n", ev.At.UTC().Format(time.RFC3339), who, ev.Action,
			ev.Outcome, ev.Millis, ev.Rows, oneLine(ev.What, 100))
	}
	return tw.Flush()
}

// oneLine squeezes s onto one line of at most n runes, for tables.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

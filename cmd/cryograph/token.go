package main

import (
	"context"
	"errors"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/cryograph/cryograph/internal/auth"
	"github.com/cryograph/cryograph/internal/cryo"
)

const tokenSynopsis = "token create --role ROLE --name NAME [--expires DURATION] | token list [--json] | token revoke ID"

const tokenExamples = `
  cryograph token create --role analyst --name "Jane Doe, partnerships team" --expires 720h
  cryograph token create --role admin --name ops
  cryograph token list
  cryograph token revoke 3f9a0c1d2e4b5a67`

func cmdToken(ctx context.Context, e env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "create":
			return tokenCreate(ctx, e, args[1:])
		case "list":
			return tokenList(ctx, e, args[1:])
		case "revoke":
			return tokenRevoke(ctx, e, args[1:])
		}
	}
	fs := newFlagSet(e, "token", tokenSynopsis, `
Manages the API tokens that callers send as "Authorization: Bearer <token>". Each token has a
name and a role: viewer (reads), analyst (also read-only Cypher and saved queries), editor (also
imports and merges) or admin (also the audit log). Only the SHA-256 of a token's secret is kept,
so a token is shown once, when it is created; a lost token is revoked and replaced.

Subcommands: create, list, revoke. 'cryograph token create --help' tells more.`, tokenExamples)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("%w: token needs a subcommand: create, list or revoke", errUsage)
	}
	return fmt.Errorf("%w: unknown token subcommand %q: want create, list or revoke", errUsage, fs.Arg(0))
}

func tokenCreate(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	fs := newFlagSet(e, "token create", "token create --role ROLE --name NAME [--expires DURATION]", `
Creates an API token and prints it once, alone on stdout (the rest goes to stderr, so
TOKEN=$(cryograph token create ...) captures only the token). It cannot be shown again.`, tokenExamples)
	cfg.RegisterNeo4jFlags(fs)
	roleName := fs.String("role", "", "viewer, analyst, editor or admin (required)")
	name := fs.String("name", "", "who or what uses the token, shown in lists and the audit log (required)")
	expires := fs.Duration("expires", 0, "lifetime, such as 720h; 0 never expires")
	var wait time.Duration
	waitFlag(fs, &wait)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected arguments %q", errUsage, fs.Args())
	}
	role, err := cryo.ParseRole(*roleName)
	if err != nil {
		return fmt.Errorf("%w: --role: %s", errUsage, cryo.ErrorMessage(err))
	}
	t, plaintext, err := auth.New(*name, role, *expires, time.Now())
	if err != nil {
		return fmt.Errorf("%w: --%s: %s", errUsage, fieldOf(err), cryo.ErrorMessage(err))
	}
	st, err := openStore(ctx, cfg, wait)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	if err := st.CreateToken(ctx, t); err != nil {
		return err
	}
	expiry := "never expires"
	if !t.ExpiresAt.IsZero() {
		expiry = "expires " + t.ExpiresAt.Format(time.RFC3339)
	}
	fmt.Fprintf(e.stderr, "created token %s %q with the %s role; it %s\n", t.ID, t.Name, t.Role, expiry)
	fmt.Fprintln(e.stdout, plaintext)
	fmt.Fprintf(e.stderr, "Store this token now: it cannot be shown again (only its hash is kept).\n"+
		"Send it as: Authorization: Bearer <token>. Revoke it with: cryograph token revoke %s\n", t.ID)
	return nil
}

func fieldOf(err error) string {
	var ce *cryo.Error
	if errors.As(err, &ce) && ce.Field != "" {
		return ce.Field
	}
	return "name"
}

func tokenList(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	fs := newFlagSet(e, "token list", "token list [--json]", `
Lists the API tokens, newest first: id, name, role, status and dates. Secrets are never
listed: they are not kept.`, tokenExamples)
	cfg.RegisterNeo4jFlags(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	var wait time.Duration
	waitFlag(fs, &wait)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	st, err := openStore(ctx, cfg, wait)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	ts, err := st.Tokens(ctx)
	if err != nil {
		return err
	}
	now := time.Now()
	if *asJSON {
		type row struct {
			auth.Token
			Status string `json:"status"`
		}
		rows := make([]row, 0, len(ts))
		for _, t := range ts {
			rows = append(rows, row{t, t.Status(now)})
		}
		return printJSON(e, rows)
	}
	if len(ts) == 0 {
		fmt.Fprintln(e.stdout, "no API tokens; create one with: cryograph token create --role admin --name NAME")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tROLE\tSTATUS\tCREATED\tEXPIRES\tLAST USED")
	for _, t := range ts {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Name, t.Role, t.Status(now),
			day(t.CreatedAt), day(t.ExpiresAt), day(t.LastUsedAt))
	}
	return tw.Flush()
}

// day shows a moment to the minute, or "-" for none.
func day(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04Z")
}

func tokenRevoke(ctx context.Context, e env, args []string) error {
	cfg, err := loadConfig(e)
	if err != nil {
		return err
	}
	fs := newFlagSet(e, "token revoke", "token revoke ID", `
Revokes an API token at once: the next request with it gets 401 "the token has been revoked".
Revoking a revoked token changes nothing.`, tokenExamples)
	cfg.RegisterNeo4jFlags(fs)
	var wait time.Duration
	waitFlag(fs, &wait)
	if err := parse(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: token revoke needs one token id (see 'cryograph token list')", errUsage)
	}
	id := fs.Arg(0)
	// Accept a whole token too: whoever holds it may revoke it.
	if tid, _, err := auth.Parse(id); err == nil {
		id = tid
	}
	st, err := openStore(ctx, cfg, wait)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	now := time.Now().UTC().Truncate(time.Millisecond)
	t, err := st.RevokeToken(ctx, id, now)
	if err != nil {
		return err
	}
	if !t.RevokedAt.Equal(now) { // the store keeps the first revocation
		fmt.Fprintf(e.stdout, "token %s %q was already revoked at %s\n", t.ID, t.Name, t.RevokedAt.Format(time.RFC3339))
		return nil
	}
	fmt.Fprintf(e.stdout, "revoked token %s %q (%s)\n", t.ID, t.Name, t.Role)
	return nil
}

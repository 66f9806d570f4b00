package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// docCommand is one `cryograph ...` command line the documentation shows.
type docCommand struct {
	where string   // file:line
	args  []string // after "cryograph", up to the first shell operator
}

var (
	// A command starts where "cryograph" stands as a word: at the start of a code line or
	// span, after a space, $( or `, optionally as ./bin/cryograph.
	docCommandRE = regexp.MustCompile("(?:^|[\\s(`$=])(?:\\./)?(?:bin/)?cryograph ([a-z][^`\\n]*)")
	inlineCodeRE = regexp.MustCompile("`([^`\\n]+)`")
)

// docCommands finds the commands in the code blocks and code spans of README.md and docs/*.md.
func docCommands(t *testing.T) []docCommand {
	files, err := filepath.Glob("../../docs/*.md")
	require.NoError(t, err)
	files = append(files, "../../README.md")
	var out []docCommand
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		inBlock := false
		for i, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "```") {
				inBlock = !inBlock
				continue
			}
			var code []string
			if inBlock {
				code = []string{line}
			} else {
				for _, m := range inlineCodeRE.FindAllStringSubmatch(line, -1) {
					code = append(code, m[1])
				}
			}
			for _, c := range code {
				for _, m := range docCommandRE.FindAllStringSubmatch(c, -1) {
					out = append(out, docCommand{filepath.Base(f) + ":" + strconv.Itoa(i+1), commandWords(m[1])})
				}
			}
		}
	}
	return out
}

// commandWords splits a command line into words up to the first shell operator or comment.
func commandWords(s string) []string {
	var words []string
	for _, w := range strings.Fields(s) {
		if strings.ContainsAny(w[:1], "|;&>#)\\") || w == "<" {
			break
		}
		if w == "..." {
			continue // "cryograph neo4j ...": any of its subcommands
		}
		words = append(words, strings.TrimRight(w, ",.:);"))
		if strings.HasSuffix(w, ";") {
			break
		}
	}
	return words
}

// movedBenchCommands were the product binary's before the benchmarks moved to
// cryograph-bench; docs/benchmarks.md keeps the commands as they were run and says so.
var movedBenchCommands = map[string]bool{"bench-load": true, "bench-api": true}

// Every command the documentation shows exists, and so does every flag it passes: the
// docs cannot drift from the CLI (`cryograph unmerge` did).
func TestEveryDocumentedCommandExists(t *testing.T) {
	cmds := docCommands(t)
	require.Greater(t, len(cmds), 30, "the docs show many commands")
	subcommands := map[string][]string{
		"neo4j":  {"fetch", "start", "stop", "status", "run", "config", "exec"},
		"token":  {"create", "list", "revoke"},
		"ingest": {"ror", "orcid", "openalex"},
	}
	bench, err := os.ReadFile("../../docs/benchmarks.md")
	require.NoError(t, err)
	for _, dc := range cmds {
		name := dc.args[0]
		if movedBenchCommands[name] {
			assert.Contains(t, string(bench), "`cryograph "+name+"`", "%s: docs/benchmarks.md says where %s went", dc.where, name)
			continue
		}
		if _, ok := commands()[name]; !assert.True(t, ok, "%s: cryograph %s is not a command", dc.where, strings.Join(dc.args, " ")) {
			continue
		}
		help := []string{name}
		if subs, ok := subcommands[name]; ok && len(dc.args) > 1 && !strings.HasPrefix(dc.args[1], "-") {
			if !assert.Contains(t, subs, dc.args[1], "%s: cryograph %s has no %s", dc.where, name, dc.args[1]) {
				continue
			}
			help = append(help, dc.args[1])
		}
		var out bytes.Buffer
		err := run(context.Background(), append(help, "--help"), envMap(nil), &out, io.Discard)
		if !assert.ErrorIs(t, err, flag.ErrHelp, "%s: cryograph %s --help", dc.where, strings.Join(help, " ")) {
			continue
		}
		for _, w := range dc.args[1:] {
			if w == "--" {
				break // what follows is another program's command line (neo4j exec)
			}
			if strings.HasPrefix(w, "-") && w != "-" && w != "--help" {
				f := "-" + strings.TrimLeft(strings.SplitN(w, "=", 2)[0], "-")
				assert.Regexp(t, `(?m)^\s+`+regexp.QuoteMeta(f)+`\b`, out.String(), "%s: cryograph %s has no flag %s", dc.where, strings.Join(help, " "), w)
			}
		}
	}
}

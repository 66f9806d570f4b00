package analyst

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The read-only guard has two independent layers; this file holds the rules of the first.
//
//  1. Before running anything, Precheck refuses what can be seen in the text (several
//     statements, EXPLAIN/PROFILE prefixes, the USE clause); then the store asks Neo4j to
//     EXPLAIN the query, and Explained.Check refuses anything Neo4j does not classify as
//     read-only ("r"), and read-only plans that still reach outside the graph's data:
//     LOAD CSV (files and URLs), CALL { } IN TRANSACTIONS, procedures outside ProcedureAllowList,
//     and the SHOW/TERMINATE commands outside ShowAllowList. The store remembers the texts
//     Neo4j passed, so a text's next run skips the EXPLAIN (the text checks still run).
//  2. The query then runs in a READ transaction (session access mode READ), so Neo4j itself
//     refuses any write that layer 1 might have misjudged.

// ProcedureAllowList is every procedure the console lets analysts call. All of them only read
// the graph's own data or schema. Everything else is refused, even when Neo4j classifies it
// as read-only: db.stats.* (query statistics, other users' query texts), db.info, db.awaitIndex*,
// db.clearQueryCaches, tx.*, and every dbms.* procedure (configuration, connections, JMX,
// routing), and whatever plugins add (APOC is not installed; its read procedures could read
// files and URLs).
var ProcedureAllowList = map[string]bool{
	"db.labels":                                true,
	"db.relationshipTypes":                     true,
	"db.propertyKeys":                          true,
	"db.schema.visualization":                  true,
	"db.schema.nodeTypeProperties":             true,
	"db.schema.relTypeProperties":              true,
	"db.index.fulltext.queryNodes":             true,
	"db.index.fulltext.queryRelationships":     true,
	"db.index.fulltext.listAvailableAnalyzers": true,
	"db.index.vector.queryNodes":               true,
	"db.index.vector.queryRelationships":       true,
}

// ShowAllowList is the SHOW commands the console allows: they describe the schema and the
// callable procedures and functions. SHOW SETTINGS (server configuration), SHOW TRANSACTIONS
// (other users' queries and addresses) and TERMINATE TRANSACTIONS (which Neo4j classifies as
// read-only, yet stops other people's work) are refused, as is any other SHOW command.
var ShowAllowList = map[string]bool{
	"ShowIndexes":     true,
	"ShowConstraints": true,
	"ShowProcedures":  true,
	"ShowFunctions":   true,
}

// deniedOperators are plan operators refused in read-only plans, with the reason.
var deniedOperators = map[string]string{
	"LoadCSV":               "LOAD CSV reads files and URLs outside the graph",
	"TransactionApply":      "CALL { ... } IN TRANSACTIONS commits in batches outside the console's transaction",
	"TransactionForeach":    "CALL { ... } IN TRANSACTIONS commits in batches outside the console's transaction",
	"ShowSettings":          "SHOW SETTINGS reveals the server's configuration",
	"ShowTransactions":      "SHOW TRANSACTIONS reveals other users' queries",
	"TerminateTransactions": "TERMINATE TRANSACTIONS stops other users' work",
}

// Explained is what Neo4j said about a query when asked to EXPLAIN it.
type Explained struct {
	// StatementType is Neo4j's classification: "r" (read only), "rw", "w", "s" (schema or
	// administration) or "" (unknown).
	StatementType string
	// Operators are the plan's operators, without Neo4j's "@database" suffix.
	Operators []string
	// Procedures are the names of the procedures the plan calls.
	Procedures []string
	// MissingParams are the parameters the query uses that were not supplied.
	MissingParams []string
}

// Check applies the first layer's rules to Neo4j's answer: only read-only plans that stay
// within the graph's data pass.
func (e Explained) Check() error {
	switch e.StatementType {
	case "r":
	case "rw", "w":
		return refuse(CodeNotReadOnly, "the query writes to the graph; the Cypher console is read-only")
	case "s":
		return refuse(CodeNotReadOnly, "the query changes the schema or the server, or is an administration command; the Cypher console is read-only")
	default:
		return refuse(CodeNotReadOnly, "Neo4j did not classify the query as read-only (statement type %q)", e.StatementType)
	}
	for _, op := range e.Operators {
		if why, ok := deniedOperators[op]; ok {
			return refuse(CodeNotAllowed, "%s; the Cypher console refuses it", why)
		}
		if (strings.HasPrefix(op, "Show") || strings.HasPrefix(op, "Terminate")) && !ShowAllowList[op] {
			return refuse(CodeNotAllowed, "the %s command is not available in the Cypher console; SHOW INDEXES, CONSTRAINTS, PROCEDURES and FUNCTIONS are", commandName(op))
		}
	}
	for _, p := range e.Procedures {
		if !ProcedureAllowList[p] {
			return refuse(CodeNotAllowed, "the procedure %s is not on the console's allow-list (%s)", p, strings.Join(allowedProcedures(), ", "))
		}
	}
	return nil
}

// OperatorName strips Neo4j's "@database" suffix from a plan operator.
func OperatorName(op string) string {
	name, _, _ := strings.Cut(op, "@")
	return name
}

// ProcedureName reads the procedure's name from a ProcedureCall operator's details, such as
// "db.labels() :: (label :: STRING)". It returns "" when it cannot tell.
func ProcedureName(details string) string {
	name, _, ok := strings.Cut(strings.TrimSpace(details), "(")
	if !ok {
		return ""
	}
	return strings.TrimSpace(name)
}

func allowedProcedures() []string {
	out := make([]string, 0, len(ProcedureAllowList))
	for p := range ProcedureAllowList {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// commandName turns "ShowSettings" into "SHOW SETTINGS".
func commandName(op string) string {
	var b strings.Builder
	for i, r := range op {
		if i > 0 && unicode.IsUpper(r) {
			b.WriteByte(' ')
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// Precheck refuses what the query's text alone shows, before Neo4j is asked: an empty query,
// several statements, EXPLAIN or PROFILE, and the USE clause (the console queries CryoGraph's
// database only). Neo4j itself accepts one final semicolon, so the text is not changed.
func Precheck(query string) error {
	var stmts [][]token
	var cur []token
	for _, t := range lex(query) {
		if t.kind == tokSemicolon {
			if len(cur) > 0 {
				stmts = append(stmts, cur)
			}
			cur = nil
			continue
		}
		cur = append(cur, t)
	}
	if len(cur) > 0 {
		stmts = append(stmts, cur)
	}
	switch {
	case len(stmts) == 0:
		return refuse(CodeSyntax, "the query is empty")
	case len(stmts) > 1:
		return refuse(CodeMultipleStatements, "the query holds %d statements; send one statement per request", len(stmts))
	}
	st := stmts[0]
	first := firstKeyword(st)
	if first < 0 {
		return nil // Neo4j will say what is wrong
	}
	if kw := strings.ToUpper(st[first].text); kw == "EXPLAIN" || kw == "PROFILE" {
		return refuse(CodeNotAllowed, "%s is not available in the Cypher console; use it in Neo4j Browser (see docs/analysts.md)", kw)
	}
	for i, t := range st {
		if t.kind != tokWord || !strings.EqualFold(t.text, "USE") || i+1 == len(st) {
			continue
		}
		// USE can only begin a query, a subquery or a part of a UNION.
		clauseStart := i == first || st[i-1].text == "{" ||
			st[i-1].kind == tokWord && (strings.EqualFold(st[i-1].text, "UNION") || strings.EqualFold(st[i-1].text, "ALL"))
		if clauseStart && (st[i+1].kind == tokWord || st[i+1].kind == tokQuoted) {
			return refuse(CodeNotAllowed, "the USE clause is not available: the Cypher console queries CryoGraph's database only")
		}
	}
	return nil
}

// firstKeyword skips the CYPHER pre-parser options ("CYPHER 5 runtime=slotted") and returns
// the index of the first keyword of a statement, or -1.
func firstKeyword(st []token) int {
	for i := 0; i < len(st); i++ {
		t := st[i]
		switch {
		case t.kind == tokWord && strings.EqualFold(t.text, "CYPHER"), t.kind == tokNumber:
			continue
		case t.kind == tokWord && i+1 < len(st) && st[i+1].text == "=":
			i += 2 // an option: name = value
			continue
		case t.kind == tokWord:
			return i
		}
		return -1
	}
	return -1
}

type tokKind int

const (
	tokWord tokKind = iota
	tokQuoted
	tokString
	tokNumber
	tokPunct
	tokSemicolon
)

type token struct {
	kind tokKind
	text string
	pos  int
}

// invisible reports the characters that render as nothing; the lexer treats them as space,
// so "EXP\u200bLAIN" is not mistaken for one word.
func invisible(r rune) bool {
	return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r)
}

// lex splits Cypher into words, quoted names, strings, numbers and punctuation, skipping
// whitespace and comments, just enough to find statement boundaries and leading keywords.
// An unterminated string or comment runs to the end; Neo4j reports the syntax error.
func lex(s string) []token {
	var out []token
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case invisible(r):
			i += w
		case strings.HasPrefix(s[i:], "//"):
			j := strings.IndexByte(s[i:], '\n')
			if j < 0 {
				return out
			}
			i += j + 1
		case strings.HasPrefix(s[i:], "/*"):
			j := strings.Index(s[i+2:], "*/")
			if j < 0 {
				return out
			}
			i += j + 4
		case r == '\'' || r == '"':
			j := i + 1
			for j < len(s) && s[j] != byte(r) {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			out = append(out, token{tokString, s[i:min(j+1, len(s))], i})
			i = j + 1
		case r == '`':
			j := i + 1
			for j < len(s) {
				if s[j] == '`' {
					if j+1 < len(s) && s[j+1] == '`' {
						j += 2
						continue
					}
					break
				}
				j++
			}
			out = append(out, token{tokQuoted, s[i:min(j+1, len(s))], i})
			i = j + 1
		case r == ';':
			out = append(out, token{tokSemicolon, ";", i})
			i++
		case unicode.IsLetter(r) || r == '_':
			j := i + w
			for j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if !(unicode.IsLetter(r2) || unicode.IsDigit(r2) || r2 == '_') {
					break
				}
				j += w2
			}
			out = append(out, token{tokWord, s[i:j], i})
			i = j
		case unicode.IsDigit(r):
			j := i + w
			for j < len(s) && (s[j] == '.' || s[j] == '_' || s[j] < utf8.RuneSelf && (unicode.IsDigit(rune(s[j])) || unicode.IsLetter(rune(s[j])))) {
				j++
			}
			out = append(out, token{tokNumber, s[i:j], i})
			i = j
		default:
			out = append(out, token{tokPunct, s[i : i+w], i})
			i += w
		}
	}
	return out
}

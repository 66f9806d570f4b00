package analyst

import (
	"fmt"
	"regexp"
	"strconv"

	"github.com/cryograph/cryograph/internal/cryo"
)

// Error codes of the Cypher console. Like cryo's codes they are public API: clients switch on
// them. The HTTP layer maps them to statuses (docs/analysts.md lists them).
const (
	// CodeSyntax: Neo4j could not parse the query; Position says where.
	CodeSyntax = "cypher_syntax_error"
	// CodeMultipleStatements: more than one statement, separated by semicolons.
	CodeMultipleStatements = "cypher_multiple_statements"
	// CodeNotReadOnly: the query would write data, change the schema or run an
	// administration command.
	CodeNotReadOnly = "cypher_not_read_only"
	// CodeNotAllowed: the query is read-only but uses something the console refuses
	// (LOAD CSV, a procedure outside the allow-list, SHOW SETTINGS, USE, EXPLAIN, ...).
	CodeNotAllowed = "cypher_not_allowed"
	// CodeTimeout: the query ran longer than its timeout and Neo4j terminated it.
	CodeTimeout = "cypher_timeout"
	// CodeMemory: Neo4j stopped the query because it needed too much memory.
	CodeMemory = "cypher_memory_limit"
	// CodeFailed: Neo4j refused or failed the query for another reason of the query's own
	// making (unknown procedure, type error, division by zero, missing parameter, ...).
	CodeFailed = "cypher_error"
	// CodeBusy: as many console queries as the server allows are running; retry shortly
	// (429 with Retry-After).
	CodeBusy = "cypher_busy"
	// CodeStuck: an earlier console query ran past its timeout and Neo4j has not been able to
	// stop it yet; the console refuses new runs until it has (503 with Retry-After), so one
	// runaway cannot take the machine.
	CodeStuck = "cypher_console_paused"
)

// Position is where in the query Neo4j found a syntax error, as Neo4j counts: line and column
// from 1, offset from 0, in UTF-16 code units (Java's string indexes).
type Position struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Offset int `json:"offset"`
}

// Error is a query the console refused or Neo4j failed, with what an analyst needs to fix
// it: Neo4j's own status code and, for syntax errors, the position.
type Error struct {
	Code      string
	Message   string
	Neo4jCode string
	Position  *Position
	// Err is the cause, for the logs.
	Err error
}

func (e *Error) Error() string {
	s := e.Code + ": " + e.Message
	if e.Neo4jCode != "" {
		s += " (" + e.Neo4jCode + ")"
	}
	return s
}

// Unwrap makes an Error a cryo.Error with code invalid_argument too, so a layer that knows
// only cryo's codes still answers 400 with the message rather than a 500.
func (e *Error) Unwrap() error {
	return &cryo.Error{Code: cryo.ECodeInvalid, Field: "query", Message: e.Message, Err: e.Err}
}

func refuse(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

var positionRE = regexp.MustCompile(`\(line (\d+), column (\d+) \(offset: (\d+)\)\)`)

// ParsePosition reads the position out of a Neo4j error message such as
// "Invalid input 'CRETE': expected ... (line 1, column 1 (offset: 0))".
func ParsePosition(msg string) *Position {
	m := positionRE.FindStringSubmatch(msg)
	if m == nil {
		return nil
	}
	line, _ := strconv.Atoi(m[1])
	col, _ := strconv.Atoi(m[2])
	off, _ := strconv.Atoi(m[3])
	return &Position{Line: line, Column: col, Offset: off}
}

// ShiftPosition corrects a message and position Neo4j reported for prefix+query so they point
// into query itself. The prefix must end with a newline, so only the line and offset move.
func ShiftPosition(msg string, prefixLines, prefixLen int) (string, *Position) {
	p := ParsePosition(msg)
	if p == nil {
		return msg, nil
	}
	if p.Line > prefixLines {
		p.Line -= prefixLines
	}
	if p.Offset >= prefixLen {
		p.Offset -= prefixLen
	}
	msg = positionRE.ReplaceAllLiteralString(msg, fmt.Sprintf("(line %d, column %d (offset: %d))", p.Line, p.Column, p.Offset))
	return msg, p
}

package analyst_test

import (
	"errors"
	"testing"

	"github.com/cryograph/cryograph/internal/analyst"
	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func codeOf(err error) string {
	var ae *analyst.Error
	if errors.As(err, &ae) {
		return ae.Code
	}
	return ""
}

func TestPrecheck(t *testing.T) {
	for _, tc := range []struct {
		name, query, code string
	}{
		{"a plain read passes", "MATCH (n) RETURN n", ""},
		{"one final semicolon passes", "MATCH (n) RETURN n;", ""},
		{"a final semicolon and a comment pass", "MATCH (n) RETURN n; // done", ""},
		{"an empty query is refused", "  // only a comment\n", analyst.CodeSyntax},
		{"two statements are refused", "MATCH (n) RETURN n; CREATE (x)", analyst.CodeMultipleStatements},
		{"a semicolon in a string is not a separator", `RETURN "; CREATE (x)" AS s`, ""},
		{"a semicolon in a single-quoted string with escapes is not a separator", `RETURN 'it\'s; CREATE (x)' AS s`, ""},
		{"an escaped quote does not end the string", `RETURN 'a\'; CREATE (x)' AS s; CREATE (y)`, analyst.CodeMultipleStatements},
		{"a semicolon in a line comment is not a separator", "MATCH (n) // ; CREATE (x)\nRETURN n", ""},
		{"a semicolon in a block comment is not a separator", "MATCH (n) /* ; CREATE (x) */ RETURN n", ""},
		{"a semicolon in a quoted name is not a separator", "MATCH (n) RETURN n.`a;b`", ""},
		{"a statement after a block comment is seen", "RETURN 1 /* c */; CREATE (x)", analyst.CodeMultipleStatements},
		{"EXPLAIN is refused", "EXPLAIN MATCH (n) RETURN n", analyst.CodeNotAllowed},
		{"PROFILE is refused in any case", "pRoFiLe MATCH (n) RETURN n", analyst.CodeNotAllowed},
		{"PROFILE after CYPHER options is refused", "CYPHER 5 runtime=slotted PROFILE MATCH (n) RETURN n", analyst.CodeNotAllowed},
		{"PROFILE after a comment is refused", "/* x */ // y\n PROFILE MATCH (n) RETURN n", analyst.CodeNotAllowed},
		{"PROFILE after a zero-width space is refused", "\u200bPROFILE MATCH (n) RETURN n", analyst.CodeNotAllowed},
		{"CYPHER options alone pass", "CYPHER runtime=slotted MATCH (n) RETURN n", ""},
		{"USE is refused", "USE system SHOW USERS", analyst.CodeNotAllowed},
		{"USE in a subquery is refused", "CALL () { USE neo4j MATCH (n) RETURN n } RETURN n", analyst.CodeNotAllowed},
		{"USE with a quoted name is refused", "USE `system` SHOW USERS", analyst.CodeNotAllowed},
		{"USE after UNION is refused", "RETURN 1 AS x UNION USE neo4j RETURN 2 AS x", analyst.CodeNotAllowed},
		{"a variable named use passes", "MATCH (n) WITH n AS use RETURN count(use)", ""},
		{"a property named use passes", "MATCH (n) RETURN n.use", ""},
		{"a map key named use passes", "RETURN {use: 1} AS m", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.code, codeOf(analyst.Precheck(tc.query)))
		})
	}
}

func TestExplainedCheck(t *testing.T) {
	read := func(ops []string, procs ...string) analyst.Explained {
		return analyst.Explained{StatementType: "r", Operators: ops, Procedures: procs}
	}
	for _, tc := range []struct {
		name string
		ex   analyst.Explained
		code string
	}{
		{"a read plan passes", read([]string{"ProduceResults", "AllNodesScan"}), ""},
		{"a read-write plan is refused", analyst.Explained{StatementType: "rw"}, analyst.CodeNotReadOnly},
		{"a write plan is refused", analyst.Explained{StatementType: "w"}, analyst.CodeNotReadOnly},
		{"a schema plan is refused", analyst.Explained{StatementType: "s"}, analyst.CodeNotReadOnly},
		{"an unknown type is refused", analyst.Explained{}, analyst.CodeNotReadOnly},
		{"LOAD CSV is refused even read-only", read([]string{"ProduceResults", "LoadCSV"}), analyst.CodeNotAllowed},
		{"IN TRANSACTIONS is refused even read-only", read([]string{"TransactionApply"}), analyst.CodeNotAllowed},
		{"SHOW SETTINGS is refused", read([]string{"ShowSettings"}), analyst.CodeNotAllowed},
		{"TERMINATE TRANSACTIONS is refused", read([]string{"TerminateTransactions"}), analyst.CodeNotAllowed},
		{"an unlisted SHOW command is refused", read([]string{"ShowDatabase"}), analyst.CodeNotAllowed},
		{"SHOW INDEXES passes", read([]string{"ShowIndexes"}), ""},
		{"an allowed procedure passes", read([]string{"ProcedureCall"}, "db.labels"), ""},
		{"full-text search passes", read([]string{"ProcedureCall"}, "db.index.fulltext.queryNodes"), ""},
		{"a read procedure outside the list is refused", read([]string{"ProcedureCall"}, "db.stats.retrieve"), analyst.CodeNotAllowed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.code, codeOf(tc.ex.Check()))
		})
	}
}

func TestPlanNames(t *testing.T) {
	assert.Equal(t, "ProcedureCall", analyst.OperatorName("ProcedureCall@neo4j"))
	assert.Equal(t, "db.labels", analyst.ProcedureName("db.labels() :: (label :: STRING)"))
	assert.Equal(t, "db.index.fulltext.queryNodes", analyst.ProcedureName("db.index.fulltext.queryNodes($autostring_0, $autostring_1) :: (node :: NODE)"))
	assert.Equal(t, "", analyst.ProcedureName("no parenthesis"))
}

func TestPositions(t *testing.T) {
	t.Run("a position is read from Neo4j's message", func(t *testing.T) {
		p := analyst.ParsePosition("Invalid input 'CRETE': expected ... (line 1, column 8 (offset: 7))")
		require.NotNil(t, p)
		assert.Equal(t, analyst.Position{Line: 1, Column: 8, Offset: 7}, *p)
		assert.Nil(t, analyst.ParsePosition("no position here"))
	})
	t.Run("the EXPLAIN prefix is taken out of the position", func(t *testing.T) {
		msg, p := analyst.ShiftPosition("Invalid input 'RETRN' (line 3, column 5 (offset: 30))\n\"RETRN 1\"", 1, 8)
		require.NotNil(t, p)
		assert.Equal(t, analyst.Position{Line: 2, Column: 5, Offset: 22}, *p)
		assert.Contains(t, msg, "(line 2, column 5 (offset: 22))")
	})
}

func TestErrorIsAnInvalidArgument(t *testing.T) {
	err := error(&analyst.Error{Code: analyst.CodeNotReadOnly, Message: "no writes"})
	assert.Equal(t, cryo.ECodeInvalid, cryo.ErrorCode(err), "a layer that only knows cryo codes answers 400")
	assert.Equal(t, "no writes", cryo.ErrorMessage(err))
}

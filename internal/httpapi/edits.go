package httpapi

// POST /api/v1/edits: the web's forms. Their rows go through importer.LoadAndRefresh, the
// one write path of files, imports and ingests: the same validation, the same messages.

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/export"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/gin-gonic/gin"
)

// FieldError is one rejected field of an edit, located in the request: Row is the index in
// "rows" (-1: the new source), Field the row's field.
type FieldError struct {
	Row    int    `json:"row"`
	ID     string `json:"id,omitempty"`
	Field  string `json:"field"`
	Reason string `json:"reason"`
}

// POST /api/v1/edits {"comment", "source": {"id"} | {"url", "title", "published", "quote"},
// "rows": [...]} (editor). 200 with the load's report; 400 naming a missing comment, source or
// rows; 422 rows_rejected with "fields", each error on its row and field; nothing is written
// then.
func handleEdit(sink importer.RefreshingSink) gin.HandlerFunc {
	return func(c *gin.Context) {
		var e importer.Edit
		dec := json.NewDecoder(c.Request.Body)
		dec.UseNumber() // numbers reach the loader as written (a position, a year)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil {
			_ = c.Error(cryo.Invalid("body", "the body is not a valid edit: %v", err))
			return
		}
		in, rowOf, err := e.Input(time.Now())
		if err != nil {
			_ = c.Error(err)
			return
		}
		// The edit is a changeset of its own: who, why, on what source, and the report it
		// answers when an editor accepts one.
		p := principalFrom(c)
		change := cryo.ChangeMeta{Kind: cryo.ChangeEdit, By: p.Name, Role: p.Role.String(), Comment: e.Comment, Source: e.SourceID()}
		if e.Report != "" {
			change.Kind, change.Ref = cryo.ChangeReport, e.Report
		}
		rep, err := importer.LoadAndRefresh(c.Request.Context(), sink, []importer.Input{in}, importer.Options{Change: change})
		var fields []FieldError
		if rep != nil {
			for _, re := range rep.Errors {
				row := rowOf(re.Line)
				field := re.Field
				if row < 0 {
					field = "source." + field
				}
				fields = append(fields, FieldError{Row: row, ID: re.ID, Field: field, Reason: re.Reason})
			}
		}
		writeLoadResult(c, rep, err, gin.H{"fields": fields, "hint": fmt.Sprintf("see docs/import-format.md; %d field errors", len(fields))})
	}
}

// GET /api/v1/rows/{id} (editor): the entity's import row as the graph holds it, its link rows
// (to and from it) and the rows of the sources they cite, for a form to edit. A form sends the whole row back, changed, so a
// field it does not show is kept and not dropped (a row defines its entity completely).
func handleRows(g export.Graph) gin.HandlerFunc {
	return func(c *gin.Context) {
		rows, err := export.RowsOf(c.Request.Context(), g, c.Param("id"), true)
		respond(c, rows, err)
	}
}

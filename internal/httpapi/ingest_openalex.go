package httpapi

// POST /api/v1/ingest/openalex: OpenAlex works, authors and institutions (a record, an API
// page, or snapshot JSON Lines, gzipped or not) loaded through package openalex, which writes
// them with importer.LoadAndRefresh.

import (
	"errors"
	"fmt"
	"net/http"
	"os"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/cryograph/cryograph/internal/ingest/openalex"
	"github.com/gin-gonic/gin"
)

// POST /api/v1/ingest/openalex?dry_run=true&name=works.jsonl&retrieved=YYYY-MM-DD
// The body is spooled to a temporary file, so the ingest's two passes stream from disk.
func handleIngestOpenAlex(sink importer.RefreshingSink) gin.HandlerFunc {
	return func(c *gin.Context) {
		opts := openalex.Options{Importer: importer.Options{MemoryLimit: importTableBytes}, Retrieved: c.Query("retrieved")}
		var err error
		if opts.Importer.DryRun, err = boolParam(c, "dry_run"); err != nil {
			_ = c.Error(err)
			return
		}
		tmp, err := spoolUpload(c, "cryograph-openalex-upload-*", "ingest snapshots with `cryograph ingest openalex --file`",
			"the body is empty: send an OpenAlex record, an API page, or JSON Lines of records (gzipped or not)")
		if err != nil {
			_ = c.Error(err)
			return
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		in := openalex.File(tmp.Name())
		in.Name = "upload"
		if name := c.Query("name"); name != "" {
			in.Name = name + " (upload)"
		}
		res, err := openalex.Ingest(c.Request.Context(), sink, []openalex.Input{in}, opts)
		var se *openalex.ShapeError
		var refreshErr *importer.RefreshError
		switch {
		case errors.As(err, &se):
			_ = c.Error(cryo.Invalid("body", "%s; nothing was written", se.Error()))
		case errors.Is(err, importer.ErrRejected):
			writeJSON(c, http.StatusUnprocessableEntity, gin.H{
				"error":  ErrorDetail{Code: "rows_rejected", Message: fmt.Sprintf("%d rows rejected; nothing was written", res.Report.Rejected), RequestID: c.GetString(requestIDKey)},
				"result": res,
			})
		case errors.As(err, &refreshErr):
			_ = c.Error(fmt.Errorf("the rows were written, but refreshing the derived data failed (the next import refreshes it): %w", refreshErr.Err))
		case err != nil:
			_ = c.Error(err)
		default:
			writeJSON(c, http.StatusOK, gin.H{"result": res})
		}
	}
}

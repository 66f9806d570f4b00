package httpapi

// POST /api/v1/imports: an uploaded file loaded through package importer, then the derived
// data refreshed.

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/gin-gonic/gin"
)

// MaxImportBytes bounds one uploaded import file.
const MaxImportBytes = 256 << 20

// importTableBytes bounds the tables one upload's validation keeps (importer.Options.
// MemoryLimit): a file whose ids outgrow it is validated in parts, so uploads of many short
// rows do not grow the server's memory with them.
const importTableBytes = 128 << 20

// POST /api/v1/imports?format=jsonl|csv&dry_run=true&skip_invalid=true&batch_size=1000
// The body is the file. It is spooled to a temporary file, so the two passes of the loader
// stream from disk and memory stays bounded.
// The load and the refresh of the derived data after it are one use case,
// importer.LoadAndRefresh, shared with `cryograph load` and `up`.
func handleImport(sink importer.RefreshingSink) gin.HandlerFunc {
	return func(c *gin.Context) {
		opts := importer.Options{MemoryLimit: importTableBytes}
		var err error
		if opts.DryRun, err = boolParam(c, "dry_run"); err != nil {
			_ = c.Error(err)
			return
		}
		if opts.SkipInvalid, err = boolParam(c, "skip_invalid"); err != nil {
			_ = c.Error(err)
			return
		}
		if opts.BatchSize, err = intParam(c, "batch_size", 1000); err != nil {
			_ = c.Error(err)
			return
		}
		if opts.BatchSize < 1 || opts.BatchSize > 50000 {
			_ = c.Error(cryo.Invalid("batch_size", "batch_size must be between 1 and 50000"))
			return
		}
		format := c.Query("format")
		if format == "" {
			ct := c.ContentType()
			switch {
			case strings.Contains(ct, "csv"):
				format = "csv"
			default:
				format = "jsonl"
			}
		}
		if format != "jsonl" && format != "csv" {
			_ = c.Error(cryo.Invalid("format", "format must be jsonl or csv, got %q", format))
			return
		}
		tmp, err := spoolUpload(c, "cryograph-import-*."+format,
			"load bigger files with `cryograph load`", "the body is empty: send the file to import")
		if err != nil {
			_ = c.Error(err)
			return
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		name := "upload." + format
		if fn := c.Query("name"); fn != "" {
			name = fn + " (upload)"
		}
		in := importer.File(tmp.Name())
		in.Name = name
		if format == "csv" && !strings.HasSuffix(in.Name, ".csv") {
			in.Name += ".csv"
		}
		if opts.Change, err = changeMeta(c, cryo.ChangeImport, "upload "+in.Name, in.Name); err != nil {
			_ = c.Error(err)
			return
		}
		rep, err := importer.LoadAndRefresh(c.Request.Context(), sink, []importer.Input{in}, opts)
		writeLoadResult(c, rep, err, nil)
	}
}

// writeLoadResult answers a load through importer.LoadAndRefresh, for the import upload and
// the web's edits alike: 200 with the report; 422 rows_rejected with the report (and extra,
// when given, beside it) when rows were rejected and nothing was written; the failure's own
// status, with the report, when committed batches stay written; the error otherwise.
func writeLoadResult(c *gin.Context, rep *importer.Report, err error, extra gin.H) {
	if rep != nil && rep.Changeset != "" {
		c.Set(changesetKey, rep.Changeset) // the audit record of this write names it
	}
	var refreshErr *importer.RefreshError
	if errors.As(err, &refreshErr) {
		err = fmt.Errorf("the rows were written, but refreshing the derived data failed (the next import or load refreshes it): %w", refreshErr.Err)
	}
	switch {
	case errors.Is(err, importer.ErrRejected):
		msg := fmt.Sprintf("%d rows rejected; nothing was written", rep.Rejected)
		if rep.Applied {
			msg = fmt.Sprintf("%d rows rejected; the valid rows were written (skip_invalid)", rep.Rejected)
		}
		body := gin.H{"error": ErrorDetail{Code: "rows_rejected", Message: msg, RequestID: c.GetString(requestIDKey)}, "report": rep}
		for k, v := range extra {
			body[k] = v
		}
		writeJSON(c, http.StatusUnprocessableEntity, body)
	case err != nil && rep != nil && rep.Interrupted:
		// Batches were committed before the load stopped: they stay written, so say so,
		// with the report of what they wrote, under the failure's own status.
		_ = c.Error(err) // logged by errorResponder, which leaves this answer alone
		status, detail := describe(err)
		detail.RequestID = c.GetString(requestIDKey)
		detail.Message = fmt.Sprintf("the load stopped after %d committed batches, which stay written (the report counts them); "+
			"importing the same file again is safe and writes the rest (%s)", rep.Batches, detail.Message)
		if status == http.StatusServiceUnavailable {
			c.Header("Retry-After", "5")
		}
		writeJSON(c, status, gin.H{"error": detail, "report": rep})
	case err != nil:
		_ = c.Error(err)
	default:
		writeJSON(c, http.StatusOK, gin.H{"report": rep})
	}
}

// spoolUpload copies the request body, capped at MaxImportBytes, to a temporary file named by
// pattern, so that a loader can read it twice while memory stays bounded. bigger tells where
// a file over the cap should go; empty is the message for an empty body. The caller removes
// and closes the file.
func spoolUpload(c *gin.Context, pattern, bigger, empty string) (*os.File, error) {
	tmp, err := os.CreateTemp("", pattern)
	if err != nil {
		return nil, fmt.Errorf("spool upload: %w", err)
	}
	n, err := io.Copy(tmp, http.MaxBytesReader(c.Writer, c.Request.Body, MaxImportBytes))
	if err == nil && n == 0 {
		err = cryo.Invalid("body", "%s", empty)
	} else if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			err = apiError(http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("an upload may be at most %d MB; %s", MaxImportBytes>>20, bigger))
		} else {
			err = cryo.Invalid("body", "could not read the upload: %v", err)
		}
	}
	if err != nil {
		_ = tmp.Close()
		_ = os.Remove(tmp.Name())
		return nil, err
	}
	return tmp, nil
}

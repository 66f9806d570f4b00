package httpapi

// POST /api/v1/imports: an uploaded file loaded through package importer, then the derived
// data refreshed.

import (
	"context"
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

// DerivedRefresher recomputes the graph's derived data (docs/model.md, "Derived data"). An
// import sink that is one (the store) is refreshed after every import that wrote rows.
type DerivedRefresher interface {
	RefreshDerived(ctx context.Context) error
}

// wrote tells whether a load may have written rows: it applied them, or it failed after
// committing some batches. A dry run or a file rejected as a whole wrote nothing.
func wrote(opts importer.Options, rep *importer.Report, err error) bool {
	if opts.DryRun || rep == nil {
		return false
	}
	return rep.Applied || (err != nil && !errors.Is(err, importer.ErrRejected))
}

// MaxImportBytes bounds one uploaded import file.
const MaxImportBytes = 256 << 20

// importTableBytes bounds the tables one upload's validation keeps (importer.Options.
// MemoryLimit): a file whose ids outgrow it is validated in parts, so uploads of many short
// rows do not grow the server's memory with them.
const importTableBytes = 128 << 20

// POST /api/v1/imports?format=jsonl|csv&dry_run=true&skip_invalid=true&batch_size=1000
// The body is the file. It is spooled to a temporary file, so the two passes of the loader
// stream from disk and memory stays bounded.
func handleImport(sink importer.Sink) gin.HandlerFunc {
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
		tmp, err := os.CreateTemp("", "cryograph-import-*."+format)
		if err != nil {
			_ = c.Error(fmt.Errorf("spool import: %w", err))
			return
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		n, err := io.Copy(tmp, http.MaxBytesReader(c.Writer, c.Request.Body, MaxImportBytes))
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				_ = c.Error(apiError(http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("an import may be at most %d MB; load bigger files with `cryograph load`", MaxImportBytes>>20)))
				return
			}
			_ = c.Error(cryo.Invalid("body", "could not read the upload: %v", err))
			return
		}
		if n == 0 {
			_ = c.Error(cryo.Invalid("body", "the body is empty: send the file to import"))
			return
		}
		name := "upload." + format
		if fn := c.Query("name"); fn != "" {
			name = fn + " (upload)"
		}
		in := importer.File(tmp.Name())
		in.Name = name
		if format == "csv" && !strings.HasSuffix(in.Name, ".csv") {
			in.Name += ".csv"
		}
		rep, err := importer.Load(c.Request.Context(), sink, []importer.Input{in}, opts)
		if wrote(opts, rep, err) {
			if d, ok := sink.(DerivedRefresher); ok {
				if rerr := d.RefreshDerived(c.Request.Context()); rerr != nil && err == nil {
					err = fmt.Errorf("the rows were written, but refreshing the derived data failed (the next import or load refreshes it): %w", rerr)
				}
			}
		}
		switch {
		case errors.Is(err, importer.ErrRejected):
			msg := fmt.Sprintf("%d rows rejected; nothing was written", rep.Rejected)
			if rep.Applied {
				msg = fmt.Sprintf("%d rows rejected; the valid rows were written (skip_invalid)", rep.Rejected)
			}
			writeJSON(c, http.StatusUnprocessableEntity, gin.H{
				"error":  ErrorDetail{Code: "rows_rejected", Message: msg, RequestID: c.GetString(requestIDKey)},
				"report": rep,
			})
		case err != nil:
			_ = c.Error(err)
		default:
			writeJSON(c, http.StatusOK, gin.H{"report": rep})
		}
	}
}

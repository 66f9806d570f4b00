package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/importer"
	"github.com/gin-gonic/gin"
)

// Resolver proposes which entities a name may mean, and which entities may be one.
type Resolver interface {
	Resolve(ctx context.Context, q cryo.ResolveQuery) ([]cryo.Candidate, error)
	Duplicates(ctx context.Context, kind string, page cryo.Page) (cryo.DuplicateResult, error)
}

// Merger merges entities explicitly and undoes merges.
type Merger interface {
	Merge(ctx context.Context, req cryo.MergeRequest) (cryo.Merge, error)
	Unmerge(ctx context.Context, id, by string) (cryo.Merge, error)
	Merges(ctx context.Context, page cryo.Page) ([]cryo.Merge, error)
}

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

// GET /api/v1/resolve?name=Gang%20Zhao&kind=person
func handleResolve(r Resolver) gin.HandlerFunc {
	return func(c *gin.Context) {
		limit, err := intParam(c, "limit", 10)
		if err != nil {
			_ = c.Error(err)
			return
		}
		q := cryo.ResolveQuery{Name: c.Query("name"), Kind: c.Query("kind"), Limit: limit}
		if err := q.Validate(); err != nil {
			_ = c.Error(err)
			return
		}
		cands, err := r.Resolve(c.Request.Context(), q)
		if err != nil {
			_ = c.Error(err)
			return
		}
		writeJSON(c, http.StatusOK, gin.H{"name": q.Name, "candidates": cands})
	}
}

// GET /api/v1/duplicates?kind=person&limit=50&offset=0
func handleDuplicates(r Resolver) gin.HandlerFunc {
	return func(c *gin.Context) {
		page, err := pageParams(c)
		if err != nil {
			_ = c.Error(err)
			return
		}
		res, err := r.Duplicates(c.Request.Context(), c.Query("kind"), page)
		respond(c, res, err)
	}
}

// decodeJSON reads a JSON body strictly, naming an unknown or mistyped field.
func decodeJSON(c *gin.Context, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(c.Writer, c.Request.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &te):
			return cryo.Invalid(te.Field, "%s must be a %s", te.Field, te.Type)
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return cryo.Invalid(f, "unknown field %q", f)
		default:
			return cryo.Invalid("body", "the body is not valid JSON: %v", err)
		}
	}
	return nil
}

// POST /api/v1/merges {"keep", "absorb", "reason"}
func handleMerge(m Merger) gin.HandlerFunc {
	return func(c *gin.Context) {
		var req cryo.MergeRequest
		if err := decodeJSON(c, &req); err != nil {
			_ = c.Error(err)
			return
		}
		if err := req.Validate(); err != nil {
			_ = c.Error(err)
			return
		}
		req.By = c.GetString("actor")
		res, err := m.Merge(c.Request.Context(), req)
		if err != nil {
			_ = c.Error(err)
			return
		}
		writeJSON(c, http.StatusCreated, res)
	}
}

// POST /api/v1/merges/:id/undo
func handleUnmerge(m Merger) gin.HandlerFunc {
	return func(c *gin.Context) {
		res, err := m.Unmerge(c.Request.Context(), c.Param("id"), c.GetString("actor"))
		respond(c, res, err)
	}
}

// GET /api/v1/merges
func handleMerges(m Merger) gin.HandlerFunc {
	return func(c *gin.Context) {
		page, err := pageParams(c)
		if err != nil {
			_ = c.Error(err)
			return
		}
		res, err := m.Merges(c.Request.Context(), page)
		if err != nil {
			_ = c.Error(err)
			return
		}
		writeJSON(c, http.StatusOK, gin.H{"merges": res, "limit": page.Limit, "offset": page.Offset})
	}
}

func boolParam(c *gin.Context, name string) (bool, error) {
	s, ok := c.GetQuery(name)
	if !ok || s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, cryo.Invalid(name, "%s must be true or false, got %q", name, s)
	}
	return b, nil
}

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

package httpapi

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// responseSpec is the document the server serves at /api/openapi.json, with a router over it,
// for checking answers as a client reading that document would.
type responseSpec struct {
	doc    *openapi3.T
	router routers.Router
}

var (
	servedSpecOnce sync.Once
	servedSpec     *responseSpec
	servedSpecErr  error
)

// loadServedSpec reads the document from the server itself, so the check follows whatever
// the server publishes, wherever the YAML lives.
func loadServedSpec() (*responseSpec, error) {
	servedSpecOnce.Do(func() {
		rec := httptest.NewRecorder()
		NewServer(Deps{}).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/openapi.json", nil))
		if rec.Code != http.StatusOK {
			servedSpecErr = fmt.Errorf("GET /api/openapi.json: %d", rec.Code)
			return
		}
		doc, err := openapi3.NewLoader().LoadFromData(rec.Body.Bytes())
		if err != nil {
			servedSpecErr = err
			return
		}
		router, err := gorillamux.NewRouter(doc)
		if err != nil {
			servedSpecErr = err
			return
		}
		servedSpec = &responseSpec{doc: doc, router: router}
	})
	return servedSpec, servedSpecErr
}

// CheckResponses wraps h so that every answer it gives is checked against openapi.yaml: an
// operation the document describes must answer with a status it lists (no "default" to fall
// back on), a content type it lists for that status, and a body matching that schema. An
// answer under /api/ that no operation describes (an unknown route, a wrong method) must be
// a JSON error of the one error shape. A mismatch fails tb. The answer is passed on whole
// once the handler is done, so tests read it as before. (Exported for package httpapi_test;
// only test builds have it.)
func CheckResponses(tb testing.TB, h http.Handler) http.Handler {
	tb.Helper()
	spec, err := loadServedSpec()
	if err != nil {
		tb.Fatalf("load the served OpenAPI document: %v", err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		res := rec.Result()
		body := rec.Body.Bytes()
		if err := spec.check(r, res.StatusCode, res.Header, body); err != nil {
			shown := string(body)
			if len(shown) > 600 {
				shown = shown[:600] + "…"
			}
			tb.Errorf("%s %s answered %d (%s), which openapi.yaml does not describe: %v\nbody: %s",
				r.Method, r.URL.RequestURI(), res.StatusCode, res.Header.Get("Content-Type"), err, shown)
		}
		for k, v := range res.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(res.StatusCode)
		_, _ = w.Write(body)
	})
}

func (s *responseSpec) check(r *http.Request, status int, header http.Header, body []byte) error {
	if r.Method == http.MethodHead {
		return nil
	}
	if header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return fmt.Errorf("a gzipped answer that does not unzip: %w", err)
		}
		if body, err = io.ReadAll(zr); err != nil {
			return fmt.Errorf("a gzipped answer that does not unzip: %w", err)
		}
	}
	route, params, err := s.router.FindRoute(r)
	if err != nil {
		if strings.HasPrefix(r.URL.Path, "/api/") && status >= 400 {
			return s.checkErrorShape(header, body)
		}
		return nil // the UI, the document itself: not described
	}
	return openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: r, PathParams: params, Route: route},
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	})
}

// checkErrorShape checks an error answer no operation describes against the Error schema.
func (s *responseSpec) checkErrorShape(header http.Header, body []byte) error {
	mt, _, err := mime.ParseMediaType(header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return fmt.Errorf("an error under /api/ must be JSON, got content type %q", header.Get("Content-Type"))
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return fmt.Errorf("an error body that is not JSON: %w", err)
	}
	ref := s.doc.Components.Schemas["Error"]
	if ref == nil || ref.Value == nil {
		return fmt.Errorf("openapi.yaml has no Error schema")
	}
	return ref.Value.VisitJSON(v)
}

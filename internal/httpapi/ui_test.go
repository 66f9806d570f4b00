package httpapi

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"

	"github.com/cryograph/cryograph/web"
	"github.com/gin-gonic/gin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testIndex = `<!doctype html><html><head><script type="module" src="/assets/index-3f9a0c1d.js"></script></head><body></body></html>`

var testJS = bytes.Repeat([]byte("console.log('cryograph');\n"), 200)

func builtUI() fstest.MapFS {
	return fstest.MapFS{
		"index.html":               {Data: []byte(testIndex)},
		"assets/index-3f9a0c1d.js": {Data: testJS},
		"assets/index-77aa01.css":  {Data: []byte("body{color:#123}")},
		"assets/logo-1a2b.png":     {Data: []byte("\x89PNG\r\n\x1a\nnot really")},
		"favicon.svg":              {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
		".gitignore":               {Data: []byte("*\n")},
	}
}

// uiServer is the part of NewServer the UI touches: the error responder, one API route and
// the NoRoute fallback.
func uiServer(assets fs.FS) http.Handler {
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.Use(requestID(), errorResponder(slog.New(slog.DiscardHandler)))
	r.GET("/api/v1/topics", func(c *gin.Context) { c.JSON(http.StatusOK, gin.H{"topics": []string{}}) })
	r.NoRoute(handleNoRoute(assets))
	return r
}

func do(t *testing.T, h http.Handler, method, target string, header map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestUIServesTheAppForItsRoutes(t *testing.T) {
	h := uiServer(builtUI())
	for _, target := range []string{"/", "/index.html", "/experts?topic=topic:organ-preservation", "/people/person:xu_yi",
		"/organizations/org%3Ausst", "/map?view=geo&asOf=2022", "/console", "/paths?from=a&to=b", "/some/unknown/page"} {
		t.Run(target, func(t *testing.T) {
			rec := do(t, h, http.MethodGet, target, nil)
			require.Equal(t, http.StatusOK, rec.Code)
			assert.Equal(t, testIndex, rec.Body.String())
			assert.Equal(t, "text/html; charset=utf-8", rec.Header().Get("Content-Type"))
			assert.Equal(t, "no-cache", rec.Header().Get("Cache-Control"), "index.html is revalidated, so a new release shows at once")
			assert.Contains(t, rec.Header().Get("Content-Security-Policy"), "default-src 'self'")
			assert.Contains(t, rec.Header().Get("Content-Security-Policy"), "script-src 'self';")
			assert.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"))
		})
	}
}

func TestUIServesBuildFilesWithTypesAndCaching(t *testing.T) {
	h := uiServer(builtUI())
	cases := []struct {
		path, ctype, cache string
	}{
		{"/assets/index-3f9a0c1d.js", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"},
		{"/assets/index-77aa01.css", "text/css; charset=utf-8", "public, max-age=31536000, immutable"},
		{"/assets/logo-1a2b.png", "image/png", "public, max-age=31536000, immutable"},
		{"/favicon.svg", "image/svg+xml", "no-cache"},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			rec := do(t, h, http.MethodGet, tc.path, nil)
			require.Equal(t, http.StatusOK, rec.Code)
			assert.Equal(t, tc.ctype, rec.Header().Get("Content-Type"))
			assert.Equal(t, tc.cache, rec.Header().Get("Cache-Control"))
			assert.NotEmpty(t, rec.Header().Get("ETag"))
			assert.Empty(t, rec.Header().Get("Content-Security-Policy"), "the policy is for the page, not its files")
		})
	}
}

func TestUIRevalidatesWithETags(t *testing.T) {
	h := uiServer(builtUI())
	first := do(t, h, http.MethodGet, "/assets/index-3f9a0c1d.js", nil)
	etag := first.Header().Get("ETag")
	require.NotEmpty(t, etag)
	again := do(t, h, http.MethodGet, "/assets/index-3f9a0c1d.js", map[string]string{"If-None-Match": etag})
	assert.Equal(t, http.StatusNotModified, again.Code)
	assert.Empty(t, again.Body.Bytes())
	other := do(t, h, http.MethodGet, "/", map[string]string{"If-None-Match": etag})
	assert.Equal(t, http.StatusOK, other.Code, "another file's ETag does not match")
}

func TestUICompressesTextForClientsThatAccept(t *testing.T) {
	h := uiServer(builtUI())
	t.Run("gzip accepted", func(t *testing.T) {
		rec := do(t, h, http.MethodGet, "/assets/index-3f9a0c1d.js", map[string]string{"Accept-Encoding": "br, gzip;q=0.8"})
		require.Equal(t, http.StatusOK, rec.Code)
		assert.Equal(t, "gzip", rec.Header().Get("Content-Encoding"))
		assert.Contains(t, rec.Header().Values("Vary"), "Accept-Encoding")
		assert.Less(t, rec.Body.Len(), len(testJS))
		zr, err := gzip.NewReader(rec.Body)
		require.NoError(t, err)
		plain, err := io.ReadAll(zr)
		require.NoError(t, err)
		assert.Equal(t, testJS, plain)
		plainTag := do(t, h, http.MethodGet, "/assets/index-3f9a0c1d.js", nil).Header().Get("ETag")
		assert.NotEqual(t, plainTag, rec.Header().Get("ETag"), "the gzipped bytes are another representation")
	})
	t.Run("gzip refused", func(t *testing.T) {
		rec := do(t, h, http.MethodGet, "/assets/index-3f9a0c1d.js", map[string]string{"Accept-Encoding": "gzip;q=0"})
		assert.Empty(t, rec.Header().Get("Content-Encoding"))
		assert.Equal(t, testJS, rec.Body.Bytes())
	})
	t.Run("images are not compressed again", func(t *testing.T) {
		rec := do(t, h, http.MethodGet, "/assets/logo-1a2b.png", map[string]string{"Accept-Encoding": "gzip"})
		assert.Empty(t, rec.Header().Get("Content-Encoding"))
	})
}

func TestUIAnswersHeadWithoutABody(t *testing.T) {
	rec := do(t, uiServer(builtUI()), http.MethodHead, "/people/person:xu_yi", nil)
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "text/html; charset=utf-8", rec.Header().Get("Content-Type"))
	assert.Empty(t, rec.Body.Bytes())
}

func TestUIMissingFilesAre404sNotTheApp(t *testing.T) {
	h := uiServer(builtUI())
	for _, target := range []string{"/assets/index-old.js", "/assets/anything", "/favicon.ico", "/robots.txt", "/static/app.css"} {
		t.Run(target, func(t *testing.T) {
			rec := do(t, h, http.MethodGet, target, nil)
			assert.Equal(t, http.StatusNotFound, rec.Code)
			assert.NotContains(t, rec.Body.String(), "<html", "a browser would try to run index.html as a script")
		})
	}
	rec := do(t, h, http.MethodGet, "/.gitignore", nil)
	assert.NotEqual(t, "*\n", rec.Body.String(), "dotfiles of the build folder are not served")
}

func TestUIKeepsJSONErrorsForTheAPI(t *testing.T) {
	h := uiServer(builtUI())
	cases := []struct {
		name, method, target string
		status               int
		code                 string
	}{
		{"unknown API path", http.MethodGet, "/api/v1/nothing-here", http.StatusNotFound, "not_found"},
		{"the API root", http.MethodGet, "/api", http.StatusNotFound, "not_found"},
		{"a POST outside the API", http.MethodPost, "/people/person:xu_yi", http.StatusNotFound, "not_found"},
		{"a DELETE of the app", http.MethodDelete, "/", http.StatusNotFound, "not_found"},
		{"a wrong method on an API route", http.MethodPost, "/api/v1/topics", http.StatusMethodNotAllowed, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(t, h, tc.method, tc.target, nil)
			assert.Equal(t, tc.status, rec.Code)
			if tc.code == "" {
				return
			}
			assert.Contains(t, rec.Header().Get("Content-Type"), "application/json")
			var body ErrorBody
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &body), rec.Body.String())
			assert.Equal(t, tc.code, body.Error.Code)
			assert.NotEmpty(t, body.Error.RequestID)
		})
	}
	rec := do(t, h, http.MethodGet, "/api/v1/topics", nil)
	assert.Equal(t, http.StatusOK, rec.Code, "API routes are untouched")
}

func TestUIWithoutABuildSaysHowToGetOne(t *testing.T) {
	for name, assets := range map[string]fs.FS{
		"an empty build folder":     fstest.MapFS{"README.txt": {Data: []byte("build me")}},
		"the committed placeholder": web.Assets(),
	} {
		t.Run(name, func(t *testing.T) {
			if name == "the committed placeholder" {
				if _, err := fs.Stat(assets, "index.html"); err == nil {
					t.Skip("web/dist holds a build")
				}
			}
			h := uiServer(assets)
			rec := do(t, h, http.MethodGet, "/experts", nil)
			assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
			assert.Contains(t, rec.Header().Get("Content-Type"), "text/html")
			assert.Contains(t, rec.Body.String(), "make run")
			assert.Equal(t, http.StatusNotFound, do(t, h, http.MethodGet, "/api/v1/nope", nil).Code)
		})
	}
}

func TestNoUIMeansJSON404sEverywhere(t *testing.T) {
	rec := do(t, uiServer(nil), http.MethodGet, "/", nil)
	assert.Equal(t, http.StatusNotFound, rec.Code)
	assert.Contains(t, rec.Header().Get("Content-Type"), "application/json")
}

func TestTheEmbeddedUIFolderExistsOnAFreshClone(t *testing.T) {
	// web/dist/README.txt is committed so that //go:embed all:dist matches before any build.
	_, err := fs.Stat(web.Assets(), "README.txt")
	require.NoError(t, err)
}

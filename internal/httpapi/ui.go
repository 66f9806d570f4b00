package httpapi

import (
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"

	"github.com/gin-gonic/gin"
)

// The web UI (web/, built into web/dist and embedded by package web) is a single-page app
// with history routing: /people/person:xu_yi, /map?topic=... are app routes that the browser
// asks the server for when a link is opened or shared. So every GET that no API route takes is
// answered with the built file of that name if there is one, and with index.html otherwise;
// the app then reads the URL. /api/... keeps its JSON 404, so API clients never get HTML.

// uiCSP keeps the app to its own origin. Styles may be inline because CodeMirror and
// Cytoscape set element styles; images may be data: and blob: URLs for the PNG and SVG exports.
const uiCSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// uiNotBuilt is the page served when the binary was built without the UI (go build on a fresh
// clone, before npm run build): it says how to get one rather than answering 404 for /.
const uiNotBuilt = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CryoGraph: web UI not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1e293b}
code{background:#f1f5f9;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><h1>The web UI has not been built</h1>
<p>This binary was built without the web UI. Run <code>make run</code> to build the web UI
(it runs <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code> before <code>go build</code>) and start CryoGraph.</p>
<p>The API works without it: try <a href="/api/v1/experts?topic=organ%20preservation">/api/v1/experts?topic=organ preservation</a>.</p>
</body></html>
`

// staticTypes are the content types of the files a Vite build writes, fixed here so they do
// not depend on the host's /etc/mime.types.
var staticTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".json":        "application/json",
	".map":         "application/json",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".webp":        "image/webp",
	".ico":         "image/x-icon",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
	".txt":         "text/plain; charset=utf-8",
	".wasm":        "application/wasm",
	".webmanifest": "application/manifest+json",
}

// compressible are the types worth gzipping; images and fonts are compressed already.
func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.HasPrefix(ctype, "application/json") ||
		strings.HasPrefix(ctype, "image/svg") || strings.HasPrefix(ctype, "application/manifest")
}

// uiFile is one file of the build, read once: the files are embedded, so they never change
// while the process runs and the ETag is the hash of the content.
type uiFile struct {
	body  []byte
	ctype string
	etag  string
	// gz is the gzipped body, made on first request.
	gzOnce sync.Once
	gz     []byte
}

func (f *uiFile) gzipped() []byte {
	f.gzOnce.Do(func() { f.gz = gzipOf(f.body, gzip.BestCompression) })
	return f.gz
}

// uiAssets is the built UI in memory.
type uiAssets struct {
	files map[string]*uiFile // by path without the leading slash: "index.html", "assets/index-3f9a.js"
}

// loadUI reads every file of assets. Dotfiles (dist/.gitignore) are skipped. A nil or
// unreadable FS gives an empty set, which serves the "not built" page.
func loadUI(assets fs.FS) *uiAssets {
	ui := &uiAssets{files: map[string]*uiFile{}}
	if assets == nil {
		return ui
	}
	_ = fs.WalkDir(assets, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(path.Base(p), ".") {
			return nil
		}
		body, err := fs.ReadFile(assets, p)
		if err != nil {
			return nil
		}
		sum := sha256.Sum256(body)
		ui.files[p] = &uiFile{body: body, ctype: contentType(p, body), etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
		return nil
	})
	return ui
}

func contentType(name string, body []byte) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := staticTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(body)
}

// isAPIPath tells the paths that belong to the API, whose unknown routes stay JSON 404s.
func isAPIPath(p string) bool {
	return p == "/api" || strings.HasPrefix(p, "/api/")
}

// looksLikeFile tells a request for a missing build file (a stale /assets/index-old.js, a
// /favicon.ico) from an app route: it gets a 404, not index.html, which a browser would fail
// to run as a script. App routes never end in these extensions.
func looksLikeFile(p string) bool {
	if strings.HasPrefix(p, "/assets/") {
		return true
	}
	_, known := staticTypes[strings.ToLower(path.Ext(p))]
	return known && path.Ext(p) != ".html"
}

// handleUI serves the UI: a build file by its path, with long caching for the content-hashed
// files under /assets/; index.html for every other GET or HEAD (the app's routes), never
// cached, so a new release is picked up at once. Without a build it serves uiNotBuilt.
func handleUI(assets fs.FS) gin.HandlerFunc {
	ui := loadUI(assets)
	index := ui.files["index.html"]
	return func(c *gin.Context) {
		p := c.Request.URL.Path
		f := ui.files[strings.TrimPrefix(path.Clean(p), "/")]
		switch {
		case f != nil:
		case looksLikeFile(p):
			c.Header("Cache-Control", "no-store")
			c.Data(http.StatusNotFound, "text/plain; charset=utf-8", []byte("404 not found: "+p+"\n"))
			return
		case index == nil:
			c.Header("Cache-Control", "no-store")
			c.Data(http.StatusServiceUnavailable, "text/html; charset=utf-8", []byte(uiNotBuilt))
			return
		default:
			f = index
		}
		h := c.Writer.Header()
		if strings.HasPrefix(p, "/assets/") {
			h.Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			h.Set("Cache-Control", "no-cache")
		}
		if f == index {
			h.Set("Content-Security-Policy", uiCSP)
		}
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Content-Type", f.ctype)
		var gz []byte
		if compressible(f.ctype) {
			h.Add("Vary", "Accept-Encoding")
			gz = f.gzipped()
		}
		serveBytes(c, f.etag, f.body, gz)
	}
}

// handleNoRoute answers every request no route took: the UI for a GET or HEAD outside the
// API (when there is a UI), the JSON 404 otherwise.
func handleNoRoute(assets fs.FS) gin.HandlerFunc {
	var ui gin.HandlerFunc
	if assets != nil {
		ui = handleUI(assets)
	}
	return func(c *gin.Context) {
		m := c.Request.Method
		if ui != nil && (m == http.MethodGet || m == http.MethodHead) && !isAPIPath(c.Request.URL.Path) {
			ui(c)
			return
		}
		_ = c.Error(notFound("no such endpoint: " + m + " " + c.Request.URL.Path))
	}
}

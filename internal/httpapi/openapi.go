package httpapi

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/gin-gonic/gin"
)

//go:embed openapi.yaml
var openapiYAML []byte

// Spec is the OpenAPI 3 document of the whole API, parsed and validated once.
type Spec struct {
	doc    *openapi3.T
	json   []byte
	router routers.Router
}

// LoadSpec parses and validates the embedded OpenAPI document.
func LoadSpec() (*Spec, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(openapiYAML)
	if err != nil {
		return nil, fmt.Errorf("parse openapi.yaml: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("openapi.yaml is not valid OpenAPI 3: %w", err)
	}
	js, err := doc.MarshalJSON()
	if err != nil {
		return nil, err
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("route openapi.yaml: %w", err)
	}
	return &Spec{doc: doc, json: js, router: router}, nil
}

// Operations lists "METHOD /path" for every operation of the document, sorted.
func (s *Spec) Operations() []string {
	var out []string
	for path, item := range s.doc.Paths.Map() {
		for method := range item.Operations() {
			out = append(out, method+" "+path)
		}
	}
	sort.Strings(out)
	return out
}

// validateRequests checks every request that the document describes against it: query and
// path parameters (types, ranges, enums, patterns) and JSON bodies. A violation is a 400
// naming the parameter or field. Authentication is the auth middleware's job, not this one's.
func validateRequests(s *Spec) gin.HandlerFunc {
	opts := &openapi3filter.Options{
		AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
		MultiError:         false,
		// Validate only: the handlers apply their own defaults, and the audit log records the
		// request as the client sent it.
		SkipSettingDefaults: true,
	}
	uploadOpts := *opts
	uploadOpts.ExcludeRequestBody = true // an import file or a ROR dump is streamed, not held for validation
	// Gin has already matched the route, so the document's route is looked up once per
	// method and gin path and reused: kin-openapi's own router matches every request against
	// every path with regular expressions, a tenth of what the API adds to a profile request.
	var known sync.Map // "GET /api/v1/people/:id" -> *routers.Route
	return func(c *gin.Context) {
		key := c.Request.Method + " " + c.FullPath()
		var route *routers.Route
		var params map[string]string
		if r, ok := known.Load(key); ok && c.FullPath() != "" {
			route = r.(*routers.Route)
			params = make(map[string]string, len(c.Params))
			for _, p := range c.Params {
				params[p.Key] = p.Value
			}
		} else {
			var err error
			route, params, err = s.router.FindRoute(c.Request)
			if err != nil {
				c.Next() // not in the document: the 404/405 handlers answer
				return
			}
			if c.FullPath() != "" && ginPath(route.Path) == c.FullPath() {
				known.Store(key, route)
			}
		}
		in := &openapi3filter.RequestValidationInput{Request: c.Request, PathParams: params, Route: route, Options: opts}
		if route.Path == "/api/v1/imports" || route.Path == "/api/v1/ingest/ror" || route.Path == "/api/v1/ingest/orcid" || route.Path == "/api/v1/ingest/openalex" { // streamed to disk, checked by the loader
			in.Options = &uploadOpts
		}
		if err := openapi3filter.ValidateRequest(c.Request.Context(), in); err != nil {
			_ = c.Error(specError(err))
			c.Abort()
			return
		}
		c.Next()
	}
}

// ginPath writes an OpenAPI path template the way gin writes it: /people/{id} -> /people/:id.
func ginPath(openapiPath string) string {
	parts := strings.Split(openapiPath, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			parts[i] = ":" + p[1:len(p)-1]
		}
	}
	return strings.Join(parts, "/")
}

var unsupportedProperty = regexp.MustCompile(`property "([^"]+)" is (?:unsupported|missing)`)

// specError turns a kin-openapi validation error into a domain error naming the field.
func specError(err error) error {
	var re *openapi3filter.RequestError
	if !errors.As(err, &re) {
		return cryo.Invalid("request", "the request does not match the API description")
	}
	field, reason := "body", re.Reason
	if re.Parameter != nil {
		field = re.Parameter.Name
	}
	var se *openapi3.SchemaError
	if errors.As(re.Err, &se) {
		if ptr := se.JSONPointer(); len(ptr) > 0 && re.Parameter == nil {
			field = strings.Join(ptr, ".")
		} else if m := unsupportedProperty.FindStringSubmatch(se.Reason); m != nil && re.Parameter == nil {
			field = m[1]
		}
		reason = se.Reason
	} else if re.Err != nil && reason == "" {
		reason = re.Err.Error()
	}
	if reason == "" {
		reason = "is invalid"
	}
	return cryo.Invalid(field, "%s: %s", field, reason)
}

func handleOpenAPI(s *Spec) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Data(http.StatusOK, "application/json; charset=utf-8", s.json)
	}
}

var docsPage = template.Must(template.New("docs").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CryoGraph API</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
h1{font-size:1.6rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #ddd}
code{background:#f3f5f8;padding:.1rem .3rem;border-radius:3px}
.op{margin:1rem 0;padding:.6rem .9rem;border-left:4px solid #2d6cdf;background:#fafbfd}
.m{font-weight:700;color:#2d6cdf;margin-right:.5rem}table{border-collapse:collapse;margin:.4rem 0}
td,th{border:1px solid #e3e6eb;padding:.2rem .5rem;text-align:left;font-size:14px}
</style></head><body>
<h1>{{.Title}} <small>v{{.Version}}</small></h1>
<p>{{.Description}}</p>
<p>The machine-readable description: <a href="/api/openapi.json"><code>/api/openapi.json</code></a>.</p>
{{range .Ops}}<div class="op"><div><span class="m">{{.Method}}</span><code>{{.Path}}</code> — {{.Summary}}</div>
{{if .Description}}<p>{{.Description}}</p>{{end}}
{{if .Params}}<table><tr><th>parameter</th><th>in</th><th>type</th><th>about</th></tr>
{{range .Params}}<tr><td><code>{{.Name}}</code>{{if .Required}} *{{end}}</td><td>{{.In}}</td><td>{{.Type}}</td><td>{{.Description}}</td></tr>{{end}}
</table>{{end}}</div>{{end}}
</body></html>`))

type docParam struct {
	Name, In, Type, Description string
	Required                    bool
}

type docOp struct {
	Method, Path, Summary, Description string
	Params                             []docParam
}

func schemaType(s *openapi3.SchemaRef) string {
	if s == nil || s.Value == nil {
		return ""
	}
	v := s.Value
	t := strings.Join(v.Type.Slice(), "|")
	if len(v.Enum) > 0 {
		var e []string
		for _, x := range v.Enum {
			e = append(e, fmt.Sprint(x))
		}
		t += " (" + strings.Join(e, ", ") + ")"
	}
	if v.Min != nil || v.Max != nil {
		t += fmt.Sprintf(" [%v..%v]", deref(v.Min), deref(v.Max))
	}
	return t
}

func deref(f *float64) any {
	if f == nil {
		return ""
	}
	return *f
}

// handleDocs serves a readable page of the API, made from the same document, with no script
// and nothing fetched from elsewhere.
func handleDocs(s *Spec) gin.HandlerFunc {
	var ops []docOp
	for _, p := range s.doc.Paths.InMatchingOrder() {
		item := s.doc.Paths.Value(p)
		for method, op := range item.Operations() {
			d := docOp{Method: method, Path: p, Summary: op.Summary, Description: op.Description}
			for _, pr := range append(item.Parameters, op.Parameters...) {
				if pr.Value == nil {
					continue
				}
				d.Params = append(d.Params, docParam{Name: pr.Value.Name, In: pr.Value.In, Required: pr.Value.Required,
					Type: schemaType(pr.Value.Schema), Description: pr.Value.Description})
			}
			ops = append(ops, d)
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].Path != ops[j].Path {
			return ops[i].Path < ops[j].Path
		}
		return ops[i].Method < ops[j].Method
	})
	data := map[string]any{"Title": s.doc.Info.Title, "Version": s.doc.Info.Version, "Description": s.doc.Info.Description, "Ops": ops}
	return func(c *gin.Context) {
		c.Status(http.StatusOK)
		c.Header("Content-Type", "text/html; charset=utf-8")
		_ = docsPage.Execute(c.Writer, data)
	}
}

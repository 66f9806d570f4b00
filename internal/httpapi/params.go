package httpapi

// Reading requests: query parameters and JSON bodies, each fault named by its field.

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/gin-gonic/gin"
)

// intParam reads an optional integer query parameter, naming it when it is malformed.
func intParam(c *gin.Context, name string, def int) (int, error) {
	s, ok := c.GetQuery(name)
	if !ok || s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, cryo.Invalid(name, "%s must be an integer, got %q", name, s)
	}
	return n, nil
}

func pageParams(c *gin.Context) (cryo.Page, error) {
	limit, err := intParam(c, "limit", cryo.DefaultLimit)
	if err != nil {
		return cryo.Page{}, err
	}
	if limit == 0 { // given explicitly; a missing limit takes the default above
		return cryo.Page{}, cryo.Invalid("limit", "limit must be between 1 and %d", cryo.MaxLimit)
	}
	offset, err := intParam(c, "offset", 0)
	if err != nil {
		return cryo.Page{}, err
	}
	if offset > cryo.MaxOffset {
		return cryo.Page{}, cryo.Invalid("offset", "offset must be between 0 and %d, got %d", cryo.MaxOffset, offset)
	}
	page := cryo.Page{Limit: limit, Offset: offset}
	return page, page.Validate()
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

// decodeOptionalJSON is decodeJSON for a body that may be empty.
func decodeOptionalJSON(c *gin.Context, v any) error {
	if c.Request.Body == nil || c.Request.Body == http.NoBody {
		return nil
	}
	b, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, 1<<20))
	if err != nil {
		return cryo.Invalid("body", "could not read the body: %v", err)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	c.Request.Body = io.NopCloser(bytes.NewReader(b))
	return decodeJSON(c, v)
}

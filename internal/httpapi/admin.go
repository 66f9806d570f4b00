package httpapi

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// requireAdmin guards the write API with one bearer token until role-based API tokens exist.
// No token configured means the write API is off: 403 with a message that says how to turn
// it on. A missing or wrong token is 401.
func requireAdmin(token string) gin.HandlerFunc {
	want := sha256.Sum256([]byte(token))
	return func(c *gin.Context) {
		if token == "" {
			_ = c.Error(apiError(http.StatusForbidden, "forbidden", "the write API is disabled: set CRYOGRAPH_ADMIN_TOKEN on the server"))
			c.Abort()
			return
		}
		got, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
		if !ok || got == "" {
			c.Header("WWW-Authenticate", `Bearer realm="cryograph"`)
			_ = c.Error(apiError(http.StatusUnauthorized, "unauthenticated", "send the admin token as Authorization: Bearer <token>"))
			c.Abort()
			return
		}
		sum := sha256.Sum256([]byte(got))
		if subtle.ConstantTimeCompare(sum[:], want[:]) != 1 {
			c.Header("WWW-Authenticate", `Bearer realm="cryograph", error="invalid_token"`)
			_ = c.Error(apiError(http.StatusUnauthorized, "unauthenticated", "the token is not valid"))
			c.Abort()
			return
		}
		c.Set("actor", "admin")
		c.Next()
	}
}

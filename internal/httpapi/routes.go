package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// addRoutes is the whole API on one screen.
func addRoutes(r *gin.Engine, d Deps) {
	r.GET("/healthz", handleHealthz(d.Version))
	r.GET("/readyz", handleReadyz(d.Ready))

	v1 := r.Group("/api/v1")
	v1.GET("/experts", handleExperts(d.Experts))
	v1.GET("/resolve", handleResolve(d.Resolver))
	v1.GET("/duplicates", handleDuplicates(d.Resolver))
	v1.GET("/merges", handleMerges(d.Merger))

	admin := v1.Group("", requireAdmin(d.AdminToken))
	admin.POST("/imports", handleImport(d.ImportSink))
	admin.POST("/merges", handleMerge(d.Merger))
	admin.POST("/merges/:id/undo", handleUnmerge(d.Merger))

	r.NoRoute(func(c *gin.Context) {
		_ = c.Error(notFound("no such endpoint: " + c.Request.Method + " " + c.Request.URL.Path))
	})
	r.NoMethod(func(c *gin.Context) {
		_ = c.Error(apiError(http.StatusMethodNotAllowed, "method_not_allowed", "method "+c.Request.Method+" is not allowed on "+c.Request.URL.Path))
	})
}

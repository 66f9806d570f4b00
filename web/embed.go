// Package web holds CryoGraph's web UI. The TypeScript sources are in src/; `npm run build`
// (make web) writes the app to dist/, which this package embeds in the binary.
package web

import (
	"embed"
	"io/fs"
)

// dist is the built UI. A fresh clone has only dist/README.txt and dist/.gitignore (committed
// so that the pattern matches before any build); the server then serves a page that says how to
// build the UI.
//
//go:embed all:dist
var dist embed.FS

// Assets returns the built UI with index.html at its root.
func Assets() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic("web: " + err.Error()) // cannot happen: "dist" is a valid path
	}
	return sub
}

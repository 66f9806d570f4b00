// Package data embeds the demo dataset, real and sourced facts in the import format, so that
// the binary can load it without the repository beside it.
package data

import (
	"embed"
	"io/fs"
)

//go:embed demo/*.jsonl
var demo embed.FS

// Demo returns the demo dataset's files, loaded in name order.
func Demo() fs.FS {
	sub, err := fs.Sub(demo, "demo")
	if err != nil {
		panic(err)
	}
	return sub
}

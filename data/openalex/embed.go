// Package openalexdata embeds the crosswalk from OpenAlex topics and keywords to CryoGraph's
// topics (crosswalk.json; README.md says where each entry comes from).
package openalexdata

import _ "embed"

// Crosswalk is crosswalk.json.
//
//go:embed crosswalk.json
var Crosswalk []byte

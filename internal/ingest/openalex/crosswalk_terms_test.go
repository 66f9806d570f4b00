package openalex

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Names the crosswalk does not list exactly still map when they contain one of its terms, the
// specific term before the general one; legacy concepts map like keywords.
func TestCrosswalkTermsMapNamesItDoesNotList(t *testing.T) {
	cw, err := DefaultCrosswalk()
	require.NoError(t, err)
	var rec Record
	require.NoError(t, json.Unmarshal([]byte(`{"id": "https://openalex.org/W1",
	  "topics": [{"id": "https://openalex.org/T1", "display_name": "Cryopreservation Techniques in Cell Research", "score": 0.99},
	             {"id": "https://openalex.org/T2", "display_name": "Bibliometrics", "score": 0.5}],
	  "keywords": [{"id": "https://openalex.org/keywords/organ-vitrification-protocol", "display_name": "Organ vitrification protocol", "score": 0.6}],
	  "concepts": [{"id": "https://openalex.org/C1", "display_name": "Cryoprotectant", "score": 0.7},
	               {"id": "https://openalex.org/C2", "display_name": "Biology", "score": 0.2}]}`), &rec))
	mapped, unmapped := cw.Map(&rec, func(string) bool { return true })
	assert.Equal(t, []Mapped{{"topic:cryopreservation", 0.99}, {"topic:organ-vitrification", 0.6}, {"topic:cryoprotectants", 0.7}}, mapped)
	assert.Equal(t, []string{"T2 Bibliometrics"}, unmapped, "an OpenAlex topic that maps nothing is kept; concepts are not")
	assert.Contains(t, cw.Targets(), "topic:supercooling")
}

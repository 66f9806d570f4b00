package cryo

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseIdentifier(t *testing.T) {
	tests := []struct {
		in   string
		want Identifier
		ok   bool
	}{
		{"04c4dkn09", Identifier{"ror", "04c4dkn09"}, true},
		{"https://ror.org/04c4dkn09", Identifier{"ror", "04c4dkn09"}, true},
		{"  ror.org/04C4DKN09/ ", Identifier{"ror", "04c4dkn09"}, true},
		{"http://www.ror.org/00cvxb145", Identifier{"ror", "00cvxb145"}, true},
		{"0000-0002-1825-0097", Identifier{"orcid", "0000-0002-1825-0097"}, true},
		{"https://orcid.org/0000-0002-1694-233X", Identifier{"orcid", "0000-0002-1694-233X"}, true},
		{"Q42", Identifier{"wikidata", "Q42"}, true},
		{"https://www.wikidata.org/wiki/Q42", Identifier{"wikidata", "Q42"}, true},
		{"q42", Identifier{"wikidata", "Q42"}, true},
		{"Xu Yi", Identifier{}, false},
		{"vitrification", Identifier{}, false},
		{"https://ror.org/04c4dkn09 and more", Identifier{}, false},
		{"14c4dkn09", Identifier{}, false}, // a ROR id starts with 0
		{"04c4dkl09", Identifier{}, false}, // no l in Crockford base32
		{"Q0", Identifier{}, false},
		{"10.1038/nbt.3889", Identifier{"doi", "10.1038/nbt.3889"}, true},
		{"https://doi.org/10.6023/A21020043", Identifier{"doi", "10.6023/a21020043"}, true},
		{"doi: 10.1371/journal.pone.0098132", Identifier{"doi", "10.1371/journal.pone.0098132"}, true},
		{"http://dx.doi.org/10.1016/S0011-2240(03)00046-4", Identifier{"doi", "10.1016/s0011-2240(03)00046-4"}, true},
		{"10.1038 nbt", Identifier{}, false},
		{"W2741809807", Identifier{"openalex", "W2741809807"}, true},
		{"https://openalex.org/A5023888391", Identifier{"openalex", "A5023888391"}, true},
		{"https://api.openalex.org/institutions/i27837315", Identifier{"openalex", "I27837315"}, true},
		{"W0", Identifier{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseIdentifier(tt.in)
		assert.Equal(t, tt.ok, ok, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
}

func TestIdentifierFormsAreBareAndURL(t *testing.T) {
	assert.Equal(t, []string{"04c4dkn09", "https://ror.org/04c4dkn09"}, Identifier{"ror", "04c4dkn09"}.Forms())
	assert.Equal(t, []string{"Q42", "https://www.wikidata.org/wiki/Q42"}, Identifier{"wikidata", "Q42"}.Forms())
	assert.Equal(t, []string{"10.1038/nbt.3889", "https://doi.org/10.1038/nbt.3889"}, Identifier{"doi", "10.1038/nbt.3889"}.Forms())
}

package cryo

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBibliographicPersonFormsMatch(t *testing.T) {
	for _, tc := range []struct{ query, name, rule string }{
		{"Smith, John", "John Smith", MatchFull},
		{"J. C. Smith", "John Charles Smith", MatchInitials},
		{"Smith JC", "John Charles Smith", MatchInitials},
		{"Smith, J.", "John Charles Smith", MatchInitials},
		{"JC Smith", "John Charles Smith", MatchInitials},
		{"Smith, J. C.", "John C. Smith", MatchInitials},
		{"John Smith", "John C. Smith", MatchMiddle},
		{"John Q. Smith", "John Smith", MatchMiddle},
		{"Prof. Dr. John Smith, PhD", "John Smith", MatchFull},
		{"John Smith Jr.", "John Smith", MatchFull},
		{"Bill Smith", "William Smith", MatchNickname},
		{"Smith, Greg", "Gregory Smith", MatchNickname},
		{"Steve Jones", "Stephen Jones", MatchNickname},
		{"Smith", "John Smith", MatchSurname},
		{"Beethoven, L. van", "Ludwig van Beethoven", MatchInitials},
		{"Beethoven, Ludwig van", "Ludwig van Beethoven", MatchFull},
		{"Beethoven", "Ludwig van Beethoven", MatchSurname},
		{"Xiao-Ming He", "Xiaoming He", MatchFull},
		{"Xiao Ming He", "Xiaoming He", MatchFull},
		{"He Xiaoming", "Xiaoming He", MatchFull},
		{"He Xiao-Ming", "Xiaoming He", MatchFull},
		{"X.-M. He", "Xiaoming He", MatchInitials},
		{"He XM", "Xiaoming He", MatchInitials},
		{"He X", "Xiaoming He", MatchInitials},
		{"He, X.", "Xiaoming He", MatchInitials},
		{"X. He", "Xiaoming He", MatchInitials},
		{"Sandomirsky B.P.", "Boris P. Sandomirskiy", ""}, // a transliteration apart: not these rules
		{"Pushkar N.S.", "Mykola S. Pushkar", ""},         // N for Nikolai, M for Mykola
		{"Gao DY", "Dayong Gao", MatchInitials},
		{"GAO Dayong", "Dayong Gao", MatchFull},
		{"Xu Y", "Xu Yi", MatchInitials},
		{"Hua Z", "华泽钊", MatchInitials},
		{"Zhao G.", "趙剛", MatchInitials},
		{"Rao JS", "Joseph Sushil Rao", MatchInitials},
		{"Sushil Rao", "Joseph Sushil Rao", MatchMiddle},
		{"Mykola Chyzh", "Mykola O. Chyzh", MatchMiddle},
	} {
		m, ok := MatchNames("Person", tc.query, []string{tc.name})
		if tc.rule == "" {
			assert.False(t, ok, "%q must not match %q: %+v", tc.query, tc.name, m)
			continue
		}
		if assert.True(t, ok, "%q should match %q", tc.query, tc.name) {
			assert.Equal(t, tc.rule, m.Rule, "%q / %q: %s", tc.query, tc.name, m.Detail)
		}
	}
}

func TestDifferentPeopleDoNotMatch(t *testing.T) {
	for _, tc := range []struct{ query, name string }{
		{"Gang Zhao", "Zhao Gangyi"},
		{"John Smith", "James Smith"},
		{"J. Smith", "Mary Smith"},
		{"Smith JC", "John Kevin Smith"},
		{"Zhang Hua", "Zhang Guirong"},
		{"Wei Rao", "Joseph Sushil Rao"},
		{"Bill Smith", "Robert Smith"},
		{"Alexander Hu", "Alexandra Hu"},
		{"Smith", "Smithson John"},
		{"J. C.", "John Charles Smith"},
	} {
		m, ok := MatchNames("Person", tc.query, []string{tc.name})
		assert.False(t, ok, "%q must not match %q: %+v", tc.query, tc.name, m)
	}
}

func TestOrganizationForms(t *testing.T) {
	m, ok := MatchNames("Organization", "Washington University", []string{"University of Washington"})
	assert.True(t, ok)
	assert.Equal(t, MatchReordered, m.Rule)
	m, ok = MatchNames("Organization", "USST", []string{"University of Shanghai for Science and Technology"})
	assert.True(t, ok)
	assert.Equal(t, MatchAcronym, m.Rule)
	_, ok = MatchNames("Organization", "Shanghai University", []string{"University of Shanghai for Science and Technology"})
	assert.False(t, ok)
}

func TestSyllables(t *testing.T) {
	assert.Equal(t, []string{"xiao", "ming"}, Syllables("xiaoming"))
	assert.Equal(t, []string{"da", "yong"}, Syllables("dayong"))
	assert.Nil(t, Syllables("adam"))
	assert.Nil(t, Syllables("sebastian"))
}

func TestNicknames(t *testing.T) {
	assert.True(t, Nicknames("bill", "william"))
	assert.True(t, Nicknames("alex", "alexandra"))
	assert.False(t, Nicknames("alexander", "alexandra"))
	assert.False(t, Nicknames("john", "john"), "the same name is not a nickname")
}

package cryo

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestPersonNameVariantsMeet(t *testing.T) {
	base := PersonNameKey("Zhao Gang")
	assert.Equal(t, "angzhaog", base, "the least rotation of zhaogang")
	for _, variant := range []string{"Gang Zhao", "ZHAO Gang", "zhao  gang", "Prof. Gang Zhao", "Zhao-Gang", "赵刚", "趙剛", "Zhào Gāng"} {
		assert.Equal(t, base, PersonNameKey(variant), "%q should meet %q", variant, "Zhao Gang")
	}
	for _, other := range []string{"Zhao Gangyi", "Xu Yi", "Gang"} {
		assert.NotEqual(t, base, PersonNameKey(other), "%q must not meet %q", other, "Zhao Gang")
	}
	assert.Equal(t, PersonNameKey("Zhang Guirong"), PersonNameKey("Gui-rong Zhang"), "split given names meet")
	assert.Equal(t, PersonNameKey("Dayong Gao"), PersonNameKey("GAO Dayong"))
	// Characters are read one syllable each: every word order of the romanised name meets them.
	for _, variant := range []string{"Liu Baolin", "Baolin Liu", "LIU Bao-lin"} {
		assert.Equal(t, PersonNameKey("刘宝林"), PersonNameKey(variant), "%q should meet 刘宝林", variant)
	}
	assert.Equal(t, PersonNameKey("张三丰"), PersonNameKey("Sanfeng Zhang"), "a rotation that splits no token of either name")
	assert.Empty(t, PersonNameKey("Prof."), "no tokens, no key")
}

// Every rotation of the tokens at their boundaries, the keys before the eighth session, meets
// the one key: a name and any reordering of its words have the same key.
func TestPersonNameKeyIsTheSameForEveryWordOrder(t *testing.T) {
	for _, name := range []string{"Zhao Gang", "Anna Maria van der Berg", "Jean-Luc O'Brien Smith", "Ольга Иванова Петровна", "a b a b", "Ng"} {
		tokens := NameTokens(name)
		for i := range tokens {
			rotated := strings.Join(append(append([]string{}, tokens[i:]...), tokens[:i]...), " ")
			assert.Equal(t, PersonNameKey(name), PersonNameKey(rotated), "%q rotated to %q", name, rotated)
		}
		assert.True(t, utf8.ValidString(PersonNameKey(name)), "%q: a rotation of runes, not bytes", name)
	}
}

func TestOrganizationKeysKeepWordOrder(t *testing.T) {
	assert.Equal(t, OrgNameKey("University of Shanghai for Science and Technology"), OrgNameKey("university of shanghai for science & technology"))
	assert.Equal(t, OrgNameKey("Société Française"), OrgNameKey("societe francaise"))
	assert.NotEqual(t, OrgNameKey("Shanghai Institute of Technology"), OrgNameKey("Technology Institute of Shanghai"))
	assert.NotEqual(t, OrgNameKey("Shanghai Polytechnic University"), OrgNameKey("University of Shanghai for Science and Technology"))
	assert.Equal(t, OrgNameKey("上海理工大学"), OrgNameKey("上海理工大學"), "simplified and traditional characters meet")
}

func TestNameKeysDedupe(t *testing.T) {
	keys := NameKeys("Person", "Zhao Gang", "Gang Zhao", "赵刚")
	assert.Equal(t, []string{"angzhaog"}, keys)
	assert.Empty(t, NameKeys("Person", "", "Prof."))
}

func TestNamesByKeyNamesTheVariantsBehindAKey(t *testing.T) {
	aliases := []string{"赵刚", "G. Zhao", "Zhao Gangyi"}
	byKey := NamesByKey("Person", "Zhao Gang", aliases)
	assert.Equal(t, []string{"Zhao Gang", "赵刚"}, byKey["angzhaog"])
	assert.Equal(t, []string{"Zhao Gangyi"}, byKey[PersonNameKey("Gangyi Zhao")])
	assert.Len(t, byKey, 3, "one key per name (G. Zhao has its own)")
	assert.Nil(t, byKey["xuyi"], "a key none of the names produces")
	assert.Equal(t, []string{"USST"}, NamesByKey("Organization", "University of Shanghai for Science and Technology", []string{"USST"})[OrgNameKey("USST")])
	assert.Empty(t, NamesByKey("Topic", "Vitrification", nil), "only people and organizations have name keys")
}

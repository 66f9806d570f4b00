package cryo

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func overlap(a, b []string) bool {
	set := map[string]bool{}
	for _, k := range a {
		set[k] = true
	}
	for _, k := range b {
		if set[k] {
			return true
		}
	}
	return false
}

func TestPersonNameVariantsMeet(t *testing.T) {
	base := PersonNameKeys("Zhao Gang")
	for _, variant := range []string{"Gang Zhao", "ZHAO Gang", "zhao  gang", "Prof. Gang Zhao", "Zhao-Gang", "赵刚", "趙剛", "Zhào Gāng"} {
		assert.True(t, overlap(base, PersonNameKeys(variant)), "%q should meet %q", variant, "Zhao Gang")
	}
	for _, other := range []string{"Zhao Gangyi", "Xu Yi", "Gang"} {
		assert.False(t, overlap(base, PersonNameKeys(other)), "%q must not meet %q", other, "Zhao Gang")
	}
	assert.True(t, overlap(PersonNameKeys("Zhang Guirong"), PersonNameKeys("Gui-rong Zhang")), "split given names meet")
	assert.True(t, overlap(PersonNameKeys("Dayong Gao"), PersonNameKeys("GAO Dayong")))
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
	assert.ElementsMatch(t, []string{"gangzhao", "zhaogang"}, keys)
	assert.Empty(t, NameKeys("Person", "", "Prof."))
}

func TestNamesByKeyNamesTheVariantsBehindAKey(t *testing.T) {
	aliases := []string{"赵刚", "G. Zhao", "Zhao Gangyi"}
	byKey := NamesByKey("Person", "Zhao Gang", aliases)
	assert.Equal(t, []string{"Zhao Gang", "赵刚"}, byKey["gangzhao"])
	assert.Equal(t, []string{"Zhao Gangyi"}, byKey["gangyizhao"])
	assert.Nil(t, byKey["xuyi"], "a key none of the names produces")
	assert.Equal(t, []string{"USST"}, NamesByKey("Organization", "University of Shanghai for Science and Technology", []string{"USST"})[OrgNameKey("USST")])
	assert.Empty(t, NamesByKey("Topic", "Vitrification", nil), "only people and organizations have name keys")
}

package generate

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGenerateIsDeterministicAndMarkedSynthetic(t *testing.T) {
	var a, b, c bytes.Buffer
	sa, err := Write(&a, Options{People: 2000, Seed: 7})
	require.NoError(t, err)
	_, err = Write(&b, Options{People: 2000, Seed: 7})
	require.NoError(t, err)
	_, err = Write(&c, Options{People: 2000, Seed: 8})
	require.NoError(t, err)
	assert.Equal(t, a.String(), b.String(), "one seed, one dataset")
	assert.NotEqual(t, a.String(), c.String())
	assert.Equal(t, sa.Rows, strings.Count(a.String(), "\n"))

	sc := bufio.NewScanner(&a)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	people, han := 0, 0
	for sc.Scan() {
		var m map[string]any
		require.NoError(t, json.Unmarshal(sc.Bytes(), &m))
		switch m["type"] {
		case nil: // header
		case "source":
			assert.Contains(t, m["url"], "example.invalid", "sources point to a reserved domain")
		default:
			assert.Equal(t, true, m["synthetic"], "every record is marked synthetic: %v", m)
		}
		if m["type"] == "person" {
			people++
			if al, ok := m["aliases"].([]any); ok && len(al) > 0 && strings.ContainsAny(al[0].(string), "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗") {
				han++
			}
		}
	}
	assert.Equal(t, 2000, people)
	assert.Positive(t, han, "some people have Chinese names in characters with pinyin")
	assert.GreaterOrEqual(t, sa.Relationships, 2*sa.Nodes/2, "a connected graph")
}

package export_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/cryograph/cryograph/internal/neo4jtest"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestScratch(t *testing.T) {
	st := neo4jtest.Store(t)
	if os.Getenv("LOAD") != "" {
		neo4jtest.LoadDemo(t, st)
	}
	for _, q := range []string{os.Getenv("Q")} {
		res, err := neo4j.ExecuteQuery(context.Background(), st.Driver(), q, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(st.Database()))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Records {
			b, _ := json.Marshal(r.AsMap())
			fmt.Println(string(b))
		}
	}
}

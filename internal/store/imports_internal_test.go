package store

import (
	"errors"
	"fmt"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/stretchr/testify/assert"
)

// An import batch is tried again when the driver's retries ran out on a deadlock, and only
// then: a constraint violation or a bad query must fail at once.
func TestImportBatchesOutliveDeadlocksOnly(t *testing.T) {
	deadlock := &neo4j.Neo4jError{Code: "Neo.TransientError.Transaction.DeadlockDetected", Msg: "can't acquire ExclusiveLock"}
	constraint := &neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed", Msg: "already exists"}
	limit := func(errs ...error) error {
		return fmt.Errorf("import: %w", &neo4j.TransactionExecutionLimit{Cause: "timeout (exceeded max retry time: 5s)", Errors: errs})
	}
	assert.True(t, retriedOut(limit(deadlock, deadlock, deadlock)))
	assert.False(t, retriedOut(limit(deadlock, constraint)), "the last error decides")
	assert.False(t, retriedOut(limit()))
	assert.False(t, retriedOut(deadlock), "the driver did not give up: its own retries decide")
	assert.False(t, retriedOut(constraint))
	assert.False(t, retriedOut(errors.New("boom")))
	assert.False(t, retriedOut(nil))
}

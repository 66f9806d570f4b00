package importer

import (
	"context"
	"errors"
	"fmt"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/cryograph/cryograph/internal/format"
)

// MergeReplayer is a Sink that can load merge rows (docs/import-format.md, "Merge rows"):
// the store.
type MergeReplayer interface {
	ReplayMerge(ctx context.Context, m cryo.MergeReplay) (created bool, err error)
}

// replayMerges loads the merge rows, in file order, once every other row is written: a merge
// needs the kept entity and everything its absorbed entity's snapshot refers to.
func (v *validator) replayMerges() error {
	if !v.sawMerge {
		return nil
	}
	mr, ok := v.sink.(MergeReplayer)
	if !ok {
		return errors.New("import: this graph cannot load merge rows")
	}
	var ops []*format.MergeOp
	if err := v.rereadValid(func(_ string, _ lineKey, _ int, p *format.Parsed) {
		if p.Merge != nil {
			ops = append(ops, p.Merge)
		}
	}); err != nil {
		return err
	}
	counts := v.rep.Nodes["Merge"]
	if counts == nil {
		counts = &cryo.UpsertCounts{}
		v.rep.Nodes["Merge"] = counts
	}
	for _, op := range ops {
		created, err := mr.ReplayMerge(v.ctx, cryo.MergeReplay{
			Merge: cryo.Merge{ID: op.ID, Keep: op.Keep, Absorbed: op.Absorbed, Reason: op.Reason, By: op.By, At: op.At,
				UndoneAt: op.UndoneAt, Moved: int(op.Moved), AddedName: append([]string{}, op.AddedAliases...)},
			UndoneBy: op.UndoneBy, Snapshot: op.Snapshot,
		})
		if err != nil {
			return fmt.Errorf("replay merge row at line %d (%s): %w", op.Line, op.ID, err)
		}
		if created {
			counts.Created++
		} else {
			counts.Unchanged++
		}
	}
	return nil
}

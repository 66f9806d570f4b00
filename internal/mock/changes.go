package mock

import (
	"context"

	"github.com/cryograph/cryograph/internal/cryo"
)

// Changes stands in for httpapi.Changes: history, changesets and their undo.
type Changes struct {
	HistoryFn   func(ctx context.Context, kind, id string, page cryo.Page) ([]cryo.Changeset, error)
	ChangesetFn func(ctx context.Context, id string, page cryo.Page) (cryo.Changeset, error)
	UndoFn      func(ctx context.Context, id string, meta cryo.ChangeMeta) (cryo.Changeset, error)
}

// History calls HistoryFn.
func (c *Changes) History(ctx context.Context, kind, id string, page cryo.Page) ([]cryo.Changeset, error) {
	return c.HistoryFn(ctx, kind, id, page)
}

// Changeset calls ChangesetFn.
func (c *Changes) Changeset(ctx context.Context, id string, page cryo.Page) (cryo.Changeset, error) {
	return c.ChangesetFn(ctx, id, page)
}

// Undo calls UndoFn.
func (c *Changes) Undo(ctx context.Context, id string, meta cryo.ChangeMeta) (cryo.Changeset, error) {
	return c.UndoFn(ctx, id, meta)
}

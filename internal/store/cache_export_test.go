package store

import "context"

// AnswerCache is the store's answer cache, for tests of its own.
type AnswerCache[V any] struct{ c answerCache[V] }

// Get is answerCache.get.
func (a *AnswerCache[V]) Get(ctx context.Context, s *Store, key string, compute func(context.Context) (V, error)) (V, int64, error) {
	return a.c.get(ctx, s, key, compute)
}

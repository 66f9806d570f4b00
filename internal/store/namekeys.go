package store

// Migration V0011's Go step: every person re-linked to one name key per name.

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/cryograph/cryograph/internal/cryo"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// rekeyPage is how many people RekeyPeople re-links in one transaction.
const rekeyPage = 5000

// RekeyPeople links every person to the name keys of today's cryo.PersonNameKey, in pages of
// rekeyPage people, each in one transaction, then deletes the NameKey nodes nothing links to
// any more. It is migration V0011 (graphs loaded before the eighth session have a key per
// word order of each name) and can be run again: each page replaces the keys of its people.
//
// A person's keys come from its name and aliases; those of the names a merge added to it
// carry that merge's id, as merge_apply gives them, so that undoing the merge removes them.
// It returns how many people it re-linked.
func (s *Store) RekeyPeople(ctx context.Context) (int, error) {
	res, err := s.read(ctx, "name_keys_merges", nil)
	if err != nil {
		return 0, err
	}
	type merge struct {
		id    string
		added []string
	}
	merges := map[string][]merge{} // by the id of the person kept
	for _, rec := range res.Records {
		keep := get[string](rec, "keep")
		merges[keep] = append(merges[keep], merge{get[string](rec, "id"), strList(get[any](rec, "added"))})
	}
	total, err := s.read(ctx, "name_keys_count", nil)
	if err != nil {
		return 0, err
	}
	people := get[int64](total.Records[0], "people")
	s.log.Info("migration V0011: re-linking people to one name key per name", "people", people)
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	after, done, start, last := "", 0, time.Now(), time.Now()
	for {
		page, err := s.read(ctx, "name_keys_people", map[string]any{"after": after, "limit": rekeyPage})
		if err != nil {
			return done, err
		}
		if len(page.Records) == 0 {
			break
		}
		ids := make([]string, 0, len(page.Records))
		var rows []map[string]any
		for _, rec := range page.Records {
			id := get[string](rec, "id")
			ids = append(ids, id)
			linked := map[string]bool{}
			link := func(names []string, mergeID any) {
				for _, k := range cryo.EntityNameKeys("Person", "", names) {
					if !linked[k.Key] {
						linked[k.Key] = true
						rows = append(rows, map[string]any{"id": id, "key": k.Key, "mergeId": mergeID})
					}
				}
			}
			link(append([]string{get[string](rec, "name")}, strList(get[any](rec, "aliases"))...), nil)
			for _, m := range merges[id] {
				link(m.added, m.id)
			}
		}
		sort.Slice(rows, func(i, j int) bool { return rows[i]["key"].(string) < rows[j]["key"].(string) })
		_, err = sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			if _, err := runTx(ctx, tx, s.Query("name_keys_unlink"), map[string]any{"ids": ids}); err != nil {
				return nil, err
			}
			return runTx(ctx, tx, s.Query("name_keys_link"), map[string]any{"rows": rows})
		})
		if err != nil {
			return done, mapErr(fmt.Sprintf("re-key people after %q", after), err)
		}
		done += len(ids)
		after = ids[len(ids)-1]
		if time.Since(last) > 10*time.Second {
			last = time.Now()
			s.log.Info("migration V0011: re-linking people", "done", done, "of", people, "elapsed", time.Since(start).Round(time.Second).String())
		}
	}
	if err := s.runBatched(ctx, "", nil, "name_keys_orphans"); err != nil {
		return done, err
	}
	s.log.Info("migration V0011: done", "people", done, "elapsed", time.Since(start).Round(time.Second).String())
	return done, nil
}

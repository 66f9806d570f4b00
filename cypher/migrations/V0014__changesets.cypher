// Changesets and their changes (docs/model.md, "Changesets and history"): a changeset is
// found by id, the changes of a changeset by its id, and the changes of an entity by the
// node's id (target) or a relationship's ends (from, to).
CREATE CONSTRAINT changeset_id IF NOT EXISTS FOR (c:Changeset) REQUIRE c.id IS UNIQUE;
CREATE INDEX changeset_at IF NOT EXISTS FOR (c:Changeset) ON (c.at);
CREATE INDEX change_changeset IF NOT EXISTS FOR (c:Change) ON (c.changeset);
CREATE INDEX change_target IF NOT EXISTS FOR (c:Change) ON (c.target);
CREATE INDEX change_from IF NOT EXISTS FOR (c:Change) ON (c.from);
CREATE INDEX change_to IF NOT EXISTS FOR (c:Change) ON (c.to);

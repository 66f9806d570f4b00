// An unmerge marks the changeset of the merge it undid as undone by its own changeset.
MATCH (cs:Changeset {kind: 'merge', ref: $ref})
WHERE cs.undoneBy IS NULL
SET cs.undoneBy = $by, cs.undoneAt = $at
RETURN count(cs) AS marked

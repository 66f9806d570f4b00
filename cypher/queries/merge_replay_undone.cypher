// Replaying the merge row of an undone merge: only its record comes back.
CREATE (m:Merge)
SET m = $props
RETURN m.id AS id

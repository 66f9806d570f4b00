// Records a use at most once a minute per token (the caller also checks before writing).
MATCH (t:ApiToken {id: $id})
WHERE t.lastUsedAt IS NULL OR t.lastUsedAt < $at - duration({minutes: 1})
SET t.lastUsedAt = $at

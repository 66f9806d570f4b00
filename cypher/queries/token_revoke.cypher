// Revoking twice keeps the first moment, so a retried revoke changes nothing.
MATCH (t:ApiToken {id: $id})
SET t.revokedAt = coalesce(t.revokedAt, $at)
RETURN t

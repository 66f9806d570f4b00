CREATE (:AuditEvent {at: $at, who: $who, tokenId: $tokenId, action: $action, what: $what,
                     ms: $ms, rows: $rows, outcome: $outcome})

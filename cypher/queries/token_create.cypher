// Stores a new API token: its secret's hash only, never the secret.
CREATE (t:ApiToken {id: $id, name: $name, role: $role, hash: $hash,
                    createdAt: $createdAt, expiresAt: $expiresAt})
RETURN t

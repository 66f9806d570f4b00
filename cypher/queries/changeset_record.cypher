// Records changes of one changeset, in the transaction of the write that made them. The
// (:Changeset) is created by the first transaction that changes something (a load that
// changes nothing leaves none); later batches only match it, so concurrent writers do not
// queue on it. Changes are linked to it by their changeset property (indexed), not by a
// relationship, for the same reason.
MERGE (cs:Changeset {id: $cs.id})
ON CREATE SET cs.kind = $cs.kind, cs.by = $cs.by, cs.role = $cs.role, cs.at = $cs.at,
              cs.comment = $cs.comment, cs.source = $cs.source, cs.ref = $cs.ref
WITH cs
UNWIND $changes AS c
CREATE (:Change {changeset: $cs.id, at: $cs.at, kind: c.kind, target: c.target, label: c.label,
                 type: c.type, from: c.from, to: c.to, key: c.key, before: c.before, after: c.after,
                 beforeHash: c.beforeHash, afterHash: c.afterHash})
RETURN count(*) AS recorded

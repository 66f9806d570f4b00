// Derived data: deletes the rankings of topics that no longer exist (merged away).
MATCH (r:TopicRanking)
WHERE NOT EXISTS { MATCH (:Topic {id: r.topic}) }
DELETE r

// Derived data (docs/model.md, "Derived data"): the expert ranking of every topic's subtree,
// written by (*Store).RefreshDerived after loads, imports and merges, and read by expert search.
CREATE CONSTRAINT topic_ranking_topic IF NOT EXISTS FOR (r:TopicRanking) REQUIRE r.topic IS UNIQUE;

// The topic tree, fetched once per page load and shared by the views that filter by topic.

import { getJSON } from "./api";
import type { TopicNode, TopicsResult } from "./types";

let tree: Promise<TopicNode[]> | null = null;

export function topicTree(): Promise<TopicNode[]> {
  if (!tree) {
    tree = getJSON<TopicsResult>("/api/v1/topics").then((r) => r.topics ?? []);
    tree.catch(() => (tree = null)); // try again next time
  }
  return tree;
}

export interface FlatTopic {
  id: string;
  name: string;
  depth: number;
  totalExperts: number;
}

/** The tree in depth-first order, each topic once (the tree is a DAG: a topic may have two parents). */
export function flattenTopics(nodes: TopicNode[], depth = 0, seen = new Set<string>(), out: FlatTopic[] = []): FlatTopic[] {
  for (const n of nodes) {
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    out.push({ id: n.id, name: n.name, depth, totalExperts: n.totalExperts });
    flattenTopics(n.children ?? [], depth + 1, seen, out);
  }
  return out;
}

/** A topic's name by id, searching the whole tree. */
export function topicName(nodes: TopicNode[], id: string): string | undefined {
  for (const n of nodes) {
    if (n.id === id) return n.name;
    const c = topicName(n.children ?? [], id);
    if (c) return c;
  }
  return undefined;
}

import type { TTopic } from '../shared/settings-types';

export interface TTopicRow {
  topic: TTopic;
  depth: number;
  childCount: number;
  /** The names from the root down, e.g. "Billing › Refunds". */
  path: string;
  /** Disabled itself or under a disabled ancestor: cannot be applied to conversations. */
  inactive: boolean;
}

/**
 * The flat topic list as a tree in display order: depth first, siblings by name (case-insensitive). A topic whose
 * parent is missing is shown as top-level; a parent cycle (which the server prevents) cannot loop forever.
 */
export function buildTopicTree(topics: readonly TTopic[]): TTopicRow[] {
  const ids = new Set(topics.map((t) => t.id));
  const children = new Map<string | null, TTopic[]>();
  for (const topic of topics) {
    const parent = topic.parentId && ids.has(topic.parentId) && topic.parentId !== topic.id ? topic.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(topic);
    children.set(parent, list);
  }
  const byName = (a: TTopic, b: TTopic) =>
    a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || a.id.localeCompare(b.id);
  const rows: TTopicRow[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null, depth: number, path: string, inactive: boolean) => {
    for (const topic of [...(children.get(parent) ?? [])].sort(byName)) {
      if (seen.has(topic.id)) continue;
      seen.add(topic.id);
      const topicPath = path ? `${path} › ${topic.name}` : topic.name;
      const rowInactive = inactive || topic.disabled;
      rows.push({
        topic,
        depth,
        childCount: children.get(topic.id)?.length ?? 0,
        path: topicPath,
        inactive: rowInactive,
      });
      visit(topic.id, depth + 1, topicPath, rowInactive);
    }
  };
  visit(null, 0, '', false);
  // Topics caught in a cycle never hang from a root; show them at the top level rather than hide them.
  for (const topic of topics) {
    if (!seen.has(topic.id)) {
      seen.add(topic.id);
      rows.push({ topic, depth: 0, childCount: 0, path: topic.name, inactive: topic.disabled });
    }
  }
  return rows;
}

// The topic picker's tree: topics nested by parentId, disabled ones hidden (they can no longer be applied, product
// spec 7.1), sorted by name, and filtered by a search that keeps the ancestors of every match for context.

export interface TTopic {
  id: string;
  name: string;
  disabled?: boolean;
  parentId?: string | null;
}

export interface TTopicRow {
  topic: TTopic;
  depth: number;
  /** "Billing › Refunds" — the names of its ancestors and itself. */
  path: string;
  /** False for an ancestor shown only because a descendant matched. */
  matches: boolean;
}

const byName = (a: TTopic, b: TTopic) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

export function topicRows(topics: readonly TTopic[], search = ''): TTopicRow[] {
  const active = topics.filter((t) => !t.disabled);
  const ids = new Set(active.map((t) => t.id));
  const children = new Map<string | null, TTopic[]>();
  for (const t of active) {
    // A child of a disabled or unknown parent is shown at the top level rather than lost.
    const parent = t.parentId && ids.has(t.parentId) ? t.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(t);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort(byName);
  const needle = search.trim().toLowerCase();
  const rows: TTopicRow[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number, trail: string[]): boolean => {
    let any = false;
    for (const topic of children.get(parent) ?? []) {
      if (seen.has(topic.id)) continue; // cycles cannot exist server-side; never loop forever on bad data
      seen.add(topic.id);
      const path = [...trail, topic.name];
      const self = !needle || topic.name.toLowerCase().includes(needle);
      const at = rows.length;
      const childMatched = walk(topic.id, depth + 1, path);
      if (self || childMatched) {
        rows.splice(at, 0, { topic, depth, path: path.join(' › '), matches: self });
        any = true;
      }
    }
    return any;
  };
  walk(null, 0, []);
  return rows;
}

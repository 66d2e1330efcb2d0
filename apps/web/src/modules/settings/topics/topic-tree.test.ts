import { describe, expect, it } from 'vitest';
import type { TTopic } from '../shared/settings-types';
import { buildTopicTree } from './topic-tree';

const t = (id: string, name: string, parentId?: string, disabled = false): TTopic => ({
  id,
  name,
  disabled,
  ...(parentId ? { parentId } : {}),
});

describe('buildTopicTree', () => {
  it.each([
    { name: 'empty list', topics: [], expected: [] },
    {
      name: 'roots sorted by name, case-insensitive',
      topics: [t('b', 'billing'), t('a', 'Account'), t('c', 'Other')],
      expected: ['0 Account', '0 billing', '0 Other'],
    },
    {
      name: 'children right under their parent, deeper levels indented',
      topics: [
        t('r', 'Refunds', 'b'),
        t('b', 'Billing'),
        t('s', 'Shipping'),
        t('p', 'Partial', 'r'),
        t('i', 'Invoices', 'b'),
      ],
      expected: ['0 Billing', '1 Invoices', '1 Refunds', '2 Partial', '0 Shipping'],
    },
    {
      name: 'missing parent makes a top-level topic',
      topics: [t('x', 'Orphan', 'gone'), t('a', 'Account')],
      expected: ['0 Account', '0 Orphan'],
    },
    {
      name: 'a cycle still shows every topic once',
      topics: [t('a', 'A', 'b'), t('b', 'B', 'a'), t('c', 'C')],
      expected: ['0 C', '0 A', '0 B'],
    },
    { name: 'self parent is top-level', topics: [t('a', 'A', 'a')], expected: ['0 A'] },
  ])('$name', ({ topics, expected }) => {
    expect(buildTopicTree(topics).map((row) => `${row.depth} ${row.topic.name}`)).toEqual(expected);
  });

  it.each([
    { id: 'b', path: 'Billing', childCount: 1, inactive: true },
    { id: 'r', path: 'Billing › Refunds', childCount: 1, inactive: true },
    { id: 'p', path: 'Billing › Refunds › Partial', childCount: 0, inactive: true },
    { id: 's', path: 'Shipping', childCount: 0, inactive: false },
  ])('row $id has path "$path", $childCount children, inactive=$inactive', ({ id, path, childCount, inactive }) => {
    const rows = buildTopicTree([
      t('b', 'Billing', undefined, true),
      t('r', 'Refunds', 'b'),
      t('p', 'Partial', 'r'),
      t('s', 'Shipping'),
    ]);
    const row = rows.find((r) => r.topic.id === id);
    expect(row).toMatchObject({ path, childCount, inactive });
  });
});

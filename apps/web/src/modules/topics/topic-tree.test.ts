import { describe, expect, it } from 'vitest';
import { type TTopic, topicRows } from './topic-tree';

const topics: TTopic[] = [
  { id: 'b', name: 'Billing' },
  { id: 'r', name: 'Refunds', parentId: 'b' },
  { id: 'i', name: 'Invoices', parentId: 'b' },
  { id: 'ri', name: 'Refund issued', parentId: 'r' },
  { id: 's', name: 'Shipping' },
  { id: 'old', name: 'Old stuff', disabled: true },
  { id: 'oldchild', name: 'Orphan', parentId: 'old' },
  { id: 'a', name: 'account' },
];

const view = (rows: ReturnType<typeof topicRows>) => rows.map((r) => `${'-'.repeat(r.depth)}${r.topic.name}`);

describe('topicRows', () => {
  it('nests children under parents, sorted by name case-insensitively, disabled hidden', () => {
    expect(view(topicRows(topics))).toEqual([
      'account',
      'Billing',
      '-Invoices',
      '-Refunds',
      '--Refund issued',
      'Orphan',
      'Shipping',
    ]);
  });

  it('filters by name and keeps ancestors for context', () => {
    const rows = topicRows(topics, 'issued');
    expect(view(rows)).toEqual(['Billing', '-Refunds', '--Refund issued']);
    expect(rows.map((r) => r.matches)).toEqual([false, false, true]);
    expect(rows[2]?.path).toBe('Billing › Refunds › Refund issued');
  });

  it('matches case-insensitively and includes every matching branch', () => {
    expect(view(topicRows(topics, 'REFUND'))).toEqual(['Billing', '-Refunds', '--Refund issued']);
    expect(view(topicRows(topics, 'in'))).toEqual(['Billing', '-Invoices', 'Shipping']);
  });

  it('returns nothing when nothing matches, and never offers a disabled topic', () => {
    expect(topicRows(topics, 'zzz')).toEqual([]);
    expect(view(topicRows(topics, 'old'))).toEqual([]);
  });
});

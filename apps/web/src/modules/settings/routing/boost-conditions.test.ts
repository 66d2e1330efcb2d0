import { describe, expect, it } from 'vitest';
import type { TBoostCondition } from '../shared/settings-types';
import { CONDITION_KINDS, defaultCondition, describeCondition, sizeLabel, splitList } from './boost-conditions';

describe('describeCondition', () => {
  const names = { inbox: (id: string) => `Inbox ${id}`, topic: (id: string) => `Topic ${id}` };
  it.each<{ condition: TBoostCondition; expected: string }>([
    { condition: { kind: 'SKILLS', match: 'ALL', skills: ['fr', 'vip'] }, expected: 'Agent has all of: fr, vip' },
    { condition: { kind: 'SKILLS', match: 'ANY', skills: [] }, expected: 'Agent has any of: —' },
    { condition: { kind: 'CHANNEL', channels: ['CHAT', 'SMS'] }, expected: 'Channel is CHAT or SMS' },
    { condition: { kind: 'INBOX', op: 'EXCLUDES', inboxIds: ['a'] }, expected: 'Inbox is not Inbox a' },
    { condition: { kind: 'TRANSFER_STATUS', status: 'REMATCHING' }, expected: 'Rematching' },
    { condition: { kind: 'DUE', op: 'DUE_IN', seconds: 600 }, expected: 'Due in 10 min' },
    { condition: { kind: 'DUE', op: 'OVERDUE', seconds: 0 }, expected: 'Overdue' },
    { condition: { kind: 'DUE', op: 'OVERDUE_BY', seconds: 7200 }, expected: 'Overdue by 2 h' },
    { condition: { kind: 'WAIT_TIME', op: 'SHORTER_THAN', seconds: 45 }, expected: 'Waiting shorter than 45 s' },
    {
      condition: { kind: 'TOPICS', match: 'ALL', topicIds: ['x', 'y'] },
      expected: 'Has all of topics: Topic x, Topic y',
    },
    {
      condition: { kind: 'STRING_ATTRIBUTE', key: 'tier', op: 'NOT_CONTAINS', mode: 'WORDS', values: ['gold'] },
      expected: 'tier does not contain (words) gold',
    },
    {
      condition: { kind: 'NUMBER_ATTRIBUTE', key: 'ltv', negate: false, comparator: 'GTE', value: 100 },
      expected: 'ltv is ≥ 100',
    },
    {
      condition: { kind: 'NUMBER_ATTRIBUTE', key: 'ltv', negate: true, comparator: 'BETWEEN', value: 1, upper: 5 },
      expected: 'ltv is not between 1 and 5',
    },
  ])('$expected', ({ condition, expected }) => {
    expect(describeCondition(condition, names)).toBe(expected);
  });
});

describe('defaultCondition', () => {
  it.each(CONDITION_KINDS.map((k) => ({ kind: k.kind })))('$kind has its own kind and describes', ({ kind }) => {
    const condition = defaultCondition(kind);
    expect(condition.kind).toBe(kind);
    expect(describeCondition(condition).length).toBeGreaterThan(0);
  });
});

describe('splitList', () => {
  it.each([
    { text: '', expected: [] },
    { text: 'fr', expected: ['fr'] },
    { text: ' fr, de ,, es ', expected: ['fr', 'de', 'es'] },
    { text: 'a,a,b', expected: ['a', 'b'] },
  ])('"$text" → $expected', ({ text, expected }) => {
    expect(splitList(text)).toEqual(expected);
  });
});

describe('sizeLabel', () => {
  it.each([
    { points: 1, expected: 'Small' },
    { points: 3, expected: 'Medium' },
    { points: 5, expected: 'Large' },
    { points: 10, expected: 'Very large' },
    { points: 7, expected: '7 points' },
  ])('$points → $expected', ({ points, expected }) => {
    expect(sizeLabel(points)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { clockMargin, conditionHolds, itemConditionStableUntil, scorePair } from './people-match.js';
import type { TBoostCondition, TBoostRule } from './routing-types.js';
import { agent, item, MIN, SEC, T0 } from './test-builders.js';

const now = T0;

describe('conditionHolds', () => {
  const base = item('c1', {
    channel: 'SMS',
    inboxId: 'vip',
    topicIds: ['billing', 'refund'],
    dueAt: now + 10 * MIN,
    enqueuedAt: now - 5 * MIN,
    customerAttributes: { tier: 'Gold Plus', plan: 'enterprise', ltv: 1500, score: '42', flag: true, empty: null },
  });
  const skilled = agent('a1', { skills: ['spanish', 'billing'] });

  it.each<{ name: string; condition: TBoostCondition; expected: boolean; itemOverride?: Parameters<typeof item>[1] }>([
    {
      name: 'skills ALL held',
      condition: { kind: 'SKILLS', match: 'ALL', skills: ['spanish', 'billing'] },
      expected: true,
    },
    {
      name: 'skills ALL one missing',
      condition: { kind: 'SKILLS', match: 'ALL', skills: ['spanish', 'french'] },
      expected: false,
    },
    {
      name: 'skills ANY one held',
      condition: { kind: 'SKILLS', match: 'ANY', skills: ['french', 'billing'] },
      expected: true,
    },
    { name: 'skills ANY none held', condition: { kind: 'SKILLS', match: 'ANY', skills: ['french'] }, expected: false },
    { name: 'channel listed', condition: { kind: 'CHANNEL', channels: ['CHAT', 'SMS'] }, expected: true },
    { name: 'channel not listed', condition: { kind: 'CHANNEL', channels: ['EMAIL'] }, expected: false },
    { name: 'inbox includes', condition: { kind: 'INBOX', op: 'INCLUDES', inboxIds: ['vip'] }, expected: true },
    { name: 'inbox includes other', condition: { kind: 'INBOX', op: 'INCLUDES', inboxIds: ['std'] }, expected: false },
    { name: 'inbox excludes', condition: { kind: 'INBOX', op: 'EXCLUDES', inboxIds: ['vip'] }, expected: false },
    { name: 'inbox excludes other', condition: { kind: 'INBOX', op: 'EXCLUDES', inboxIds: ['std'] }, expected: true },
    { name: 'initial matching', condition: { kind: 'TRANSFER_STATUS', status: 'INITIAL' }, expected: true },
    { name: 'rematching on initial', condition: { kind: 'TRANSFER_STATUS', status: 'REMATCHING' }, expected: false },
    {
      name: 'rematching on transferred',
      condition: { kind: 'TRANSFER_STATUS', status: 'REMATCHING' },
      expected: true,
      itemOverride: { transferred: true },
    },
    {
      name: 'initial on transferred',
      condition: { kind: 'TRANSFER_STATUS', status: 'INITIAL' },
      expected: false,
      itemOverride: { transferred: true },
    },
    { name: 'due in 15 min', condition: { kind: 'DUE', op: 'DUE_IN', seconds: 900 }, expected: true },
    { name: 'due in 5 min (not yet)', condition: { kind: 'DUE', op: 'DUE_IN', seconds: 300 }, expected: false },
    {
      name: 'due in, already overdue',
      condition: { kind: 'DUE', op: 'DUE_IN', seconds: 900 },
      expected: false,
      itemOverride: { dueAt: now - SEC },
    },
    { name: 'overdue no', condition: { kind: 'DUE', op: 'OVERDUE', seconds: 0 }, expected: false },
    {
      name: 'overdue yes',
      condition: { kind: 'DUE', op: 'OVERDUE', seconds: 0 },
      expected: true,
      itemOverride: { dueAt: now - SEC },
    },
    {
      name: 'overdue exactly at due is not overdue',
      condition: { kind: 'DUE', op: 'OVERDUE', seconds: 0 },
      expected: false,
      itemOverride: { dueAt: now },
    },
    {
      name: 'overdue by 10 min, 10 min late',
      condition: { kind: 'DUE', op: 'OVERDUE_BY', seconds: 600 },
      expected: true,
      itemOverride: { dueAt: now - 10 * MIN },
    },
    {
      name: 'overdue by 10 min, 9 min late',
      condition: { kind: 'DUE', op: 'OVERDUE_BY', seconds: 600 },
      expected: false,
      itemOverride: { dueAt: now - 9 * MIN },
    },
    {
      name: 'no due date never matches due conditions',
      condition: { kind: 'DUE', op: 'OVERDUE', seconds: 0 },
      expected: false,
      itemOverride: { dueAt: null },
    },
    {
      name: 'waited longer than 4 min',
      condition: { kind: 'WAIT_TIME', op: 'LONGER_THAN', seconds: 240 },
      expected: true,
    },
    {
      name: 'waited longer than 5 min (exactly 5)',
      condition: { kind: 'WAIT_TIME', op: 'LONGER_THAN', seconds: 300 },
      expected: false,
    },
    {
      name: 'waited shorter than 6 min',
      condition: { kind: 'WAIT_TIME', op: 'SHORTER_THAN', seconds: 360 },
      expected: true,
    },
    {
      name: 'waited shorter than 1 min',
      condition: { kind: 'WAIT_TIME', op: 'SHORTER_THAN', seconds: 60 },
      expected: false,
    },
    {
      name: 'topics ANY',
      condition: { kind: 'TOPICS', match: 'ANY', topicIds: ['shipping', 'refund'] },
      expected: true,
    },
    { name: 'topics ANY none', condition: { kind: 'TOPICS', match: 'ANY', topicIds: ['shipping'] }, expected: false },
    {
      name: 'topics ALL',
      condition: { kind: 'TOPICS', match: 'ALL', topicIds: ['billing', 'refund'] },
      expected: true,
    },
    {
      name: 'topics ALL partial',
      condition: { kind: 'TOPICS', match: 'ALL', topicIds: ['billing', 'shipping'] },
      expected: false,
    },
    {
      name: 'string ANY substring, case-insensitive',
      condition: { kind: 'STRING_ATTRIBUTE', key: 'tier', op: 'CONTAINS', mode: 'ANY', values: ['gold'] },
      expected: true,
    },
    {
      name: 'string ANY miss',
      condition: { kind: 'STRING_ATTRIBUTE', key: 'tier', op: 'CONTAINS', mode: 'ANY', values: ['silver'] },
      expected: false,
    },
    {
      name: 'string ONLY exact',
      condition: { kind: 'STRING_ATTRIBUTE', key: 'plan', op: 'CONTAINS', mode: 'ONLY', values: ['Enterprise'] },
      expected: true,
    },
    {
      name: 'string ONLY substring is not enough',
      condition: { kind: 'STRING_ATTRIBUTE', key: 'tier', op: 'CONTAINS', mode: 'ONLY', values: ['gold'] },
      expected: false,
    },
    {
      name: 'string WORDS whole word',
      condition: { kind: 'STRING_ATTRIBUTE', key: 'tier', op: 'CONTAINS', mode: 'WORDS', values: ['plus'] },
      expected: true,
    },
    {
      name: 'string WORDS partial word',
      condition: { kind: 'STRING_ATTRIBUTE', key: 'tier', op: 'CONTAINS', mode: 'WORDS', values: ['plu'] },
      expected: false,
    },
    {
      name: 'string REGEX',
      condition: { kind: 'STRING_ATTRIBUTE', key: 'tier', op: 'CONTAINS', mode: 'REGEX', values: ['^gold\\s'] },
      expected: true,
    },
    {
      name: 'string invalid REGEX never matches',
      condition: { kind: 'STRING_ATTRIBUTE', key: 'tier', op: 'CONTAINS', mode: 'REGEX', values: ['('] },
      expected: false,
    },
    {
      name: 'string NOT_CONTAINS',
      condition: { kind: 'STRING_ATTRIBUTE', key: 'tier', op: 'NOT_CONTAINS', mode: 'ANY', values: ['silver'] },
      expected: true,
    },
    {
      name: 'string NOT_CONTAINS hit',
      condition: { kind: 'STRING_ATTRIBUTE', key: 'tier', op: 'NOT_CONTAINS', mode: 'ANY', values: ['gold'] },
      expected: false,
    },
    {
      name: 'string missing attribute CONTAINS',
      condition: { kind: 'STRING_ATTRIBUTE', key: 'nope', op: 'CONTAINS', mode: 'ANY', values: ['x'] },
      expected: false,
    },
    {
      name: 'string missing attribute NOT_CONTAINS',
      condition: { kind: 'STRING_ATTRIBUTE', key: 'empty', op: 'NOT_CONTAINS', mode: 'ANY', values: ['x'] },
      expected: true,
    },
    {
      name: 'number GT',
      condition: { kind: 'NUMBER_ATTRIBUTE', key: 'ltv', negate: false, comparator: 'GT', value: 1000 },
      expected: true,
    },
    {
      name: 'number GT equal',
      condition: { kind: 'NUMBER_ATTRIBUTE', key: 'ltv', negate: false, comparator: 'GT', value: 1500 },
      expected: false,
    },
    {
      name: 'number GTE equal',
      condition: { kind: 'NUMBER_ATTRIBUTE', key: 'ltv', negate: false, comparator: 'GTE', value: 1500 },
      expected: true,
    },
    {
      name: 'number LT',
      condition: { kind: 'NUMBER_ATTRIBUTE', key: 'ltv', negate: false, comparator: 'LT', value: 1500 },
      expected: false,
    },
    {
      name: 'number LTE',
      condition: { kind: 'NUMBER_ATTRIBUTE', key: 'ltv', negate: false, comparator: 'LTE', value: 1500 },
      expected: true,
    },
    {
      name: 'number EQ from a numeric string',
      condition: { kind: 'NUMBER_ATTRIBUTE', key: 'score', negate: false, comparator: 'EQ', value: 42 },
      expected: true,
    },
    {
      name: 'number is not EQ',
      condition: { kind: 'NUMBER_ATTRIBUTE', key: 'ltv', negate: true, comparator: 'EQ', value: 42 },
      expected: true,
    },
    {
      name: 'number BETWEEN inclusive',
      condition: {
        kind: 'NUMBER_ATTRIBUTE',
        key: 'ltv',
        negate: false,
        comparator: 'BETWEEN',
        value: 1000,
        upper: 1500,
      },
      expected: true,
    },
    {
      name: 'number BETWEEN reversed bounds',
      condition: {
        kind: 'NUMBER_ATTRIBUTE',
        key: 'ltv',
        negate: false,
        comparator: 'BETWEEN',
        value: 2000,
        upper: 1000,
      },
      expected: true,
    },
    {
      name: 'number not BETWEEN',
      condition: { kind: 'NUMBER_ATTRIBUTE', key: 'ltv', negate: true, comparator: 'BETWEEN', value: 0, upper: 10 },
      expected: true,
    },
    {
      name: 'number on a non-numeric string',
      condition: { kind: 'NUMBER_ATTRIBUTE', key: 'tier', negate: false, comparator: 'GT', value: 0 },
      expected: false,
    },
    {
      name: 'number negated on a non-numeric string',
      condition: { kind: 'NUMBER_ATTRIBUTE', key: 'tier', negate: true, comparator: 'GT', value: 0 },
      expected: false,
    },
    {
      name: 'number on a boolean',
      condition: { kind: 'NUMBER_ATTRIBUTE', key: 'flag', negate: true, comparator: 'EQ', value: 1 },
      expected: false,
    },
    {
      name: 'number missing',
      condition: { kind: 'NUMBER_ATTRIBUTE', key: 'nope', negate: true, comparator: 'EQ', value: 1 },
      expected: false,
    },
  ])('$name -> $expected', ({ condition, expected, itemOverride }) => {
    const subject = itemOverride ? { ...base, ...itemOverride } : base;
    expect(conditionHolds(condition, subject, skilled, now)).toBe(expected);
  });
});

describe('scorePair', () => {
  const rules: TBoostRule[] = [
    { id: 'spanish', points: 5, conditions: [{ kind: 'SKILLS', match: 'ALL', skills: ['spanish'] }] },
    { id: 'vip', points: 10, conditions: [{ kind: 'INBOX', op: 'INCLUDES', inboxIds: ['vip'] }] },
    {
      id: 'vip-spanish-sms',
      points: 3,
      conditions: [
        { kind: 'INBOX', op: 'INCLUDES', inboxIds: ['vip'] },
        { kind: 'CHANNEL', channels: ['SMS'] },
        { kind: 'SKILLS', match: 'ANY', skills: ['spanish'] },
      ],
    },
    { id: 'everyone', points: 1, conditions: [] },
  ];

  it.each([
    {
      name: 'all four rules add up',
      agentSkills: ['spanish'],
      inboxId: 'vip',
      channel: 'SMS' as const,
      points: 19,
      ids: ['spanish', 'vip', 'vip-spanish-sms', 'everyone'],
    },
    {
      name: 'a rule applies only when every condition holds',
      agentSkills: ['spanish'],
      inboxId: 'vip',
      channel: 'CHAT' as const,
      points: 16,
      ids: ['spanish', 'vip', 'everyone'],
    },
    {
      name: 'skill-dependent rules depend on the agent',
      agentSkills: [],
      inboxId: 'vip',
      channel: 'SMS' as const,
      points: 11,
      ids: ['vip', 'everyone'],
    },
    {
      name: 'only the unconditional rule',
      agentSkills: [],
      inboxId: 'std',
      channel: 'SMS' as const,
      points: 1,
      ids: ['everyone'],
    },
  ])('$name', ({ agentSkills, inboxId, channel, points, ids }) => {
    const score = scorePair(rules, item('c', { inboxId, channel }), agent('a', { skills: agentSkills }), now);
    expect(score.points).toBe(points);
    expect(score.ruleIds).toEqual(ids);
    expect(score.reasons).toEqual(ids.map((id) => `boost:${id}:+${rules.find((r) => r.id === id)?.points}`));
  });

  it('scores zero with no rules', () => {
    expect(scorePair([], item('c'), agent('a'), now)).toEqual({ points: 0, ruleIds: [], reasons: [] });
  });
});

describe('itemConditionStableUntil', () => {
  const due = now + 10 * MIN;
  const enqueued = now - 5 * MIN;
  const it0 = item('c1', { dueAt: due, enqueuedAt: enqueued });
  const early = (threshold: number, at: number) => threshold - clockMargin(threshold, at);
  type TClockCondition = Extract<TBoostCondition, { kind: 'DUE' | 'WAIT_TIME' }>;

  it.each<{ name: string; condition: TClockCondition; at: number; until: number; dueAt?: number | null }>([
    {
      name: 'overdue, before the due date',
      condition: { kind: 'DUE', op: 'OVERDUE', seconds: 0 },
      at: now,
      until: early(due, now),
    },
    {
      name: 'overdue, after it: for good',
      condition: { kind: 'DUE', op: 'OVERDUE', seconds: 0 },
      at: due + SEC,
      until: Infinity,
    },
    {
      name: 'overdue by 60 s, before that',
      condition: { kind: 'DUE', op: 'OVERDUE_BY', seconds: 60 },
      at: due,
      until: early(due + MIN, due),
    },
    {
      name: 'due in 60 s, before the window',
      condition: { kind: 'DUE', op: 'DUE_IN', seconds: 60 },
      at: now,
      until: early(due - MIN, now),
    },
    {
      name: 'due in 60 s, inside the window: until the due date',
      condition: { kind: 'DUE', op: 'DUE_IN', seconds: 60 },
      at: due - 30 * SEC,
      until: early(due, due - 30 * SEC),
    },
    {
      name: 'due in, after the due date',
      condition: { kind: 'DUE', op: 'DUE_IN', seconds: 60 },
      at: due + SEC,
      until: Infinity,
    },
    {
      name: 'no due date: never',
      condition: { kind: 'DUE', op: 'OVERDUE', seconds: 0 },
      at: now,
      until: Infinity,
      dueAt: null,
    },
    {
      name: 'waited longer than 10 min, not yet',
      condition: { kind: 'WAIT_TIME', op: 'LONGER_THAN', seconds: 600 },
      at: now,
      until: early(enqueued + 10 * MIN, now),
    },
    {
      name: 'waited shorter than 10 min, until then',
      condition: { kind: 'WAIT_TIME', op: 'SHORTER_THAN', seconds: 600 },
      at: now,
      until: early(enqueued + 10 * MIN, now),
    },
    {
      name: 'waited longer, past the limit: for good',
      condition: { kind: 'WAIT_TIME', op: 'LONGER_THAN', seconds: 600 },
      at: enqueued + 11 * MIN,
      until: Infinity,
    },
    {
      name: 'within the margin of a threshold: look again next time',
      condition: { kind: 'DUE', op: 'OVERDUE', seconds: 0 },
      at: due - 1,
      until: due - 1,
    },
  ])('$name', ({ condition, at, until, dueAt }) => {
    const subject = dueAt === undefined ? it0 : { ...it0, dueAt };
    const got = itemConditionStableUntil(condition, subject, at);
    expect(got).toBe(until);
    // The value does not change anywhere before the answer (sampled), and the margin stays a few milliseconds.
    if (Number.isFinite(got) && got > at) {
      const holds = conditionHolds(condition, subject, agent('a1'), at);
      for (const t of [at, (at + got) / 2, got - 0.001])
        expect(conditionHolds(condition, subject, agent('a1'), t)).toBe(holds);
      expect(clockMargin(due, now)).toBeLessThan(10);
    }
  });
});

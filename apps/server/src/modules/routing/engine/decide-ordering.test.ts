import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import type { TAgentSnapshot, TBoostRule, TOfferDecision, TWorkItem } from './routing-types.js';
import { agent, item, MIN, SEC, snapshot, T0 } from './test-builders.js';

const now = T0;

function routed(agents: TAgentSnapshot[], items: TWorkItem[], boosts: TBoostRule[] = []) {
  return decide(snapshot({ agents, items, boosts }), now)
    .filter((d) => d.type === 'OFFER')
    .map((d) => `${d.itemId}->${d.agentId}`);
}

const spanish: TBoostRule = { id: 'es', points: 5, conditions: [{ kind: 'SKILLS', match: 'ALL', skills: ['es'] }] };
const vipEmail: TBoostRule = { id: 'vip', points: 3, conditions: [{ kind: 'CHANNEL', channels: ['EMAIL'] }] };
const transferred: TBoostRule = {
  id: 'rematch',
  points: 10,
  conditions: [{ kind: 'TRANSFER_STATUS', status: 'REMATCHING' }],
};

describe('decide: channel priority (voice > messaging > mail & tasks)', () => {
  it.each<{ name: string; items: TWorkItem[]; expected: string }>([
    {
      name: 'voice beats an older chat',
      items: [item('chat', { dueAt: now - 60 * MIN }), item('call', { channel: 'PHONE_CALL', dueAt: now + 60 * MIN })],
      expected: 'call',
    },
    {
      name: 'voice beats an overdue email',
      items: [item('mail', { channel: 'EMAIL', dueAt: now - 600 * MIN }), item('call', { channel: 'PHONE_CALL' })],
      expected: 'call',
    },
    {
      name: 'messaging beats an older email',
      items: [item('mail', { channel: 'EMAIL', dueAt: now - 600 * MIN }), item('sms', { channel: 'SMS' })],
      expected: 'sms',
    },
    {
      name: 'messaging beats an older task',
      items: [item('task', { channel: 'TASK', dueAt: now - 600 * MIN }), item('wa', { channel: 'WHATSAPP' })],
      expected: 'wa',
    },
    {
      name: 'a boosted email does not beat an unboosted chat',
      items: [item('mail', { channel: 'EMAIL' }), item('chat', { dueAt: now + 600 * MIN })],
      expected: 'chat',
    },
    {
      name: 'mail and tasks compete on due date: task first',
      items: [
        item('mail', { channel: 'VOICEMAIL', dueAt: now + 10 * MIN }),
        item('task', { channel: 'TASK', dueAt: now + 5 * MIN }),
      ],
      expected: 'task',
    },
    {
      name: 'mail and tasks compete on due date: mail first',
      items: [
        item('mail', { channel: 'VOICEMAIL', dueAt: now + 5 * MIN }),
        item('task', { channel: 'TASK', dueAt: now + 10 * MIN }),
      ],
      expected: 'mail',
    },
  ])('$name', ({ items, expected }) => {
    expect(routed([agent('a1')], items, [vipEmail])).toEqual([`${expected}->a1`]);
  });

  it('an agent busy on mail can still be offered a call', () => {
    const busy = agent('a1', { load: { voice: 0, messaging: 2, mail: 7, tasks: 3 }, mailTaskAutoPushPending: false });
    expect(routed([busy], [item('call', { channel: 'PHONE_CALL' }), item('mail', { channel: 'EMAIL' })])).toEqual([
      'call->a1',
    ]);
  });
});

describe('decide: order within a channel group', () => {
  it.each<{ name: string; items: TWorkItem[]; order: string[] }>([
    {
      name: 'oldest due first',
      items: [
        item('b', { dueAt: now + 2 * MIN }),
        item('a', { dueAt: now + MIN }),
        item('c', { dueAt: now + 3 * MIN }),
      ],
      order: ['a', 'b', 'c'],
    },
    {
      name: 'most overdue first',
      items: [item('late', { dueAt: now - MIN }), item('later', { dueAt: now - 9 * MIN })],
      order: ['later', 'late'],
    },
    {
      name: 'same due: oldest enqueued first',
      items: [item('x', { enqueuedAt: now - SEC }), item('y', { enqueuedAt: now - 2 * SEC })],
      order: ['y', 'x'],
    },
    { name: 'same due and enqueued: id', items: [item('b'), item('a')], order: ['a', 'b'] },
    {
      name: 'no due date after dated work',
      items: [item('none', { dueAt: null, enqueuedAt: now - 99 * MIN }), item('dated', { dueAt: now + 99 * MIN })],
      order: ['dated', 'none'],
    },
    {
      name: 'voice ignores boosts: due first',
      items: [
        item('v2', { channel: 'PHONE_CALL', dueAt: now + 2 * MIN, transferred: true }),
        item('v1', { channel: 'PHONE_CALL', dueAt: now + MIN }),
      ],
      order: ['v1', 'v2'],
    },
    {
      name: 'tasks ignore boosts: due first',
      items: [
        item('t2', { channel: 'TASK', dueAt: now + 2 * MIN, transferred: true }),
        item('t1', { channel: 'TASK', dueAt: now + MIN }),
      ],
      order: ['t1', 't2'],
    },
    {
      name: 'People Match points before due date (messaging)',
      items: [item('early', { dueAt: now - 60 * MIN }), item('rematch', { dueAt: now + 60 * MIN, transferred: true })],
      order: ['rematch', 'early'],
    },
    {
      name: 'People Match points before due date (email)',
      items: [
        item('early', { channel: 'EMAIL', dueAt: now - 60 * MIN }),
        item('rematch', { channel: 'EMAIL', dueAt: now + 60 * MIN, transferred: true }),
      ],
      order: ['rematch', 'early'],
    },
    {
      name: 'a boosted email goes ahead of an earlier-due task',
      items: [
        item('task', { channel: 'TASK', dueAt: now - 60 * MIN }),
        item('mail', { channel: 'EMAIL', dueAt: now + 60 * MIN, transferred: true }),
      ],
      order: ['mail', 'task'],
    },
  ])('$name', ({ items, order }) => {
    // Several identical agents, ranked by fairness, so the order of offers equals the order of items.
    const agents = order.map((_, i) => agent(`a${i}`, { lastOfferedAt: now - (100 - i) * SEC, nextRequests: 1 }));
    expect(routed(agents, items, [transferred])).toEqual(order.map((id, i) => `${id}->a${i}`));
  });
});

describe('decide: choosing among agents', () => {
  it.each<{ name: string; agents: TAgentSnapshot[]; expected: string }>([
    {
      name: 'never-served agent before a served one',
      agents: [agent('a1', { lastOfferedAt: now - SEC }), agent('a2')],
      expected: 'a2',
    },
    {
      name: 'least recently offered',
      agents: [agent('a1', { lastOfferedAt: now - SEC }), agent('a2', { lastOfferedAt: now - 2 * SEC })],
      expected: 'a2',
    },
    {
      name: 'least recently assigned',
      agents: [agent('a1', { lastAssignedAt: now - 3 * SEC }), agent('a2', { lastAssignedAt: now - 2 * SEC })],
      expected: 'a1',
    },
    {
      name: 'most recent of offered/assigned counts',
      agents: [
        agent('a1', { lastOfferedAt: now - 9 * SEC, lastAssignedAt: now - SEC }),
        agent('a2', { lastOfferedAt: now - 5 * SEC }),
      ],
      expected: 'a2',
    },
    { name: 'full tie: lowest id', agents: [agent('b'), agent('a'), agent('c')], expected: 'a' },
    {
      name: 'points beat fairness',
      agents: [agent('a1'), agent('a2', { skills: ['es'], lastOfferedAt: now - SEC })],
      expected: 'a2',
    },
    {
      name: 'equal points: fairness',
      agents: [
        agent('a1', { skills: ['es'], lastOfferedAt: now - SEC }),
        agent('a2', { skills: ['es'], lastOfferedAt: now - 5 * SEC }),
      ],
      expected: 'a2',
    },
  ])('$name', ({ agents, expected }) => {
    expect(routed(agents, [item('c1')], [spanish])).toEqual([`c1->${expected}`]);
  });

  it('the highest-scoring pair goes first even when its item is due later', () => {
    // c-old is due first, but c-es scores 5 with the Spanish speaker, so that pair is routed first.
    const items = [item('c-old', { dueAt: now - MIN }), item('c-es', { topicIds: ['es'], dueAt: now + MIN })];
    const boost: TBoostRule = {
      id: 'es-topic',
      points: 5,
      conditions: [
        { kind: 'TOPICS', match: 'ANY', topicIds: ['es'] },
        { kind: 'SKILLS', match: 'ALL', skills: ['es'] },
      ],
    };
    expect(routed([agent('en'), agent('es', { skills: ['es'] })], items, [boost])).toEqual(['c-es->es', 'c-old->en']);
  });

  it('skills do not guarantee a match: a boost only ranks', () => {
    expect(routed([agent('en')], [item('c1')], [spanish])).toEqual(['c1->en']);
  });

  it('each agent and each item appear at most once, and every free pair is used', () => {
    const agents = ['a1', 'a2', 'a3'].map((id) => agent(id));
    const items = ['c1', 'c2'].map((id, i) => item(id, { dueAt: now + i * MIN }));
    expect(routed(agents, items)).toEqual(['c1->a1', 'c2->a2']);
  });
});

describe('decide: match reasons', () => {
  it('explains inbox, required skills, boosts and the due-date rule', () => {
    const [offer] = decide(
      snapshot({
        agents: [agent('a1', { skills: ['es'], inboxIds: ['vip'] })],
        items: [item('c1', { inboxId: 'vip', requiredSkills: ['es'], transferred: true })],
        boosts: [spanish, transferred],
      }),
      now,
    ) as TOfferDecision[];
    expect(offer?.points).toBe(15);
    expect(offer?.matchReasons).toEqual(['inbox:vip', 'skill:es', 'boost:es:+5', 'boost:rematch:+10', 'oldest-due']);
  });

  it('says oldest-queued for work without a due date, and lists no boosts for voice', () => {
    const [offer] = decide(
      snapshot({
        agents: [agent('a1', { skills: ['es'] })],
        items: [item('v', { channel: 'PHONE_CALL', dueAt: null })],
        boosts: [spanish],
      }),
      now,
    ) as TOfferDecision[];
    expect(offer?.points).toBe(0);
    expect(offer?.matchReasons).toEqual(['inbox:inbox-1', 'oldest-queued']);
  });
});

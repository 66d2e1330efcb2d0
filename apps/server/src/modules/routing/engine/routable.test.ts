import { describe, expect, it } from 'vitest';
import { isRoutable, type TQueueCandidate } from './routable.js';

const open: TQueueCandidate = {
  kind: 'CONVERSATION',
  status: 'OPEN',
  assigneeId: null,
  noReplyNeeded: false,
  newestItemIsNote: false,
};

describe('isRoutable', () => {
  it.each<{ name: string; candidate: TQueueCandidate; expected: boolean }>([
    { name: 'unassigned open conversation whose customer waits', candidate: open, expected: true },
    { name: 'No Reply Needed', candidate: { ...open, noReplyNeeded: true }, expected: false },
    { name: 'newest item is a note', candidate: { ...open, newestItemIsNote: true }, expected: false },
    { name: 'assigned', candidate: { ...open, assigneeId: 'a1' }, expected: false },
    { name: 'waiting', candidate: { ...open, status: 'WAITING' }, expected: false },
    { name: 'closed', candidate: { ...open, status: 'CLOSED' }, expected: false },
    { name: 'open unassigned task', candidate: { kind: 'TASK', status: 'OPEN', assigneeId: null }, expected: true },
    { name: 'assigned task', candidate: { kind: 'TASK', status: 'OPEN', assigneeId: 'a1' }, expected: false },
    { name: 'closed task', candidate: { kind: 'TASK', status: 'CLOSED', assigneeId: null }, expected: false },
  ])('$name -> $expected', ({ candidate, expected }) => {
    expect(isRoutable(candidate)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { loginPath } from '../../pages/AppShell';
import { safeNext } from '../../pages/LoginPage';
import { countFor, type TInboxViews } from '../inbox/inbox-api';
import type { TPresence } from '../presence/presence-api';
import { nextBlockedReason } from './TopBar';

const presence = (over: Partial<TPresence>): TPresence => ({
  userId: 'u',
  loggedIn: true,
  status: 'ACTIVE',
  activeReason: null,
  awayReason: null,
  awaySince: null,
  availableFor: ['MAIL', 'TASK'],
  focusMode: false,
  skills: [],
  messagingCapacity: { standard: 3, maximum: 5 },
  ...over,
});

describe('nextBlockedReason (Next needs a logged-in, Active, unfocused agent available somewhere)', () => {
  it.each([
    [undefined, 'Loading your status…'],
    [presence({}), null],
    [presence({ loggedIn: false }), 'Log in to routing first'],
    [presence({ status: 'AWAY' }), 'You are Away'],
    [presence({ focusMode: true }), 'Focus mode is on'],
    [presence({ availableFor: [] }), 'Turn on at least one channel'],
  ])('%o → %s', (p, reason) => {
    expect(nextBlockedReason(p)).toBe(reason);
  });
});

describe('safeNext (no open redirect after sign-in)', () => {
  it.each([
    [null, '/'],
    ['', '/'],
    ['/inbox/mine/open', '/inbox/mine/open'],
    ['/customers/abc?conversation=x', '/customers/abc?conversation=x'],
    ['//evil.example/path', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    ['/login?next=/x', '/'],
  ])('%s → %s', (next, target) => {
    expect(safeNext(next)).toBe(target);
  });
});

describe('loginPath (where a signed-out user is sent)', () => {
  it.each([
    [{ pathname: '/inbox/mine/open', search: '', hash: '' }, '/login?next=%2Finbox%2Fmine%2Fopen'],
    [
      { pathname: '/customers/c1', search: '?conversation=v1', hash: '' },
      '/login?next=%2Fcustomers%2Fc1%3Fconversation%3Dv1',
    ],
    [{ pathname: '/', search: '', hash: '' }, '/login'],
    [{ pathname: '/login', search: '?next=%2Fx', hash: '' }, '/login'],
  ])('%o → %s', (location, path) => {
    expect(loginPath(location)).toBe(path);
  });
});

describe('countFor (tab counts)', () => {
  const views: TInboxViews = {
    inboxes: [{ id: 'i1', name: 'Email', counts: { new: 3, open: 4, waiting: 5, closed: 6 }, overdue: 1 }],
    mine: { open: 7, waiting: 8, overdue: 0 },
    closedWindowDays: 7,
  };
  it.each([
    ['i1', 'new', 3],
    ['i1', 'closed', 6],
    ['mine', 'open', 7],
    ['mine', 'waiting', 8],
    ['mine', 'closed', null],
    ['mine', 'new', null],
    ['unknown', 'open', null],
  ] as const)('%s/%s → %s', (inboxId, view, count) => {
    expect(countFor(views, inboxId, view)).toBe(count);
  });

  it('is null before the counts load', () => {
    expect(countFor(undefined, 'i1', 'new')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { canEditUsers, visibleSections } from './settings-sections';

describe('visibleSections', () => {
  it.each([
    {
      roles: ['ADMINISTRATOR'],
      expected: [
        'users',
        'teams',
        'inboxes',
        'topics',
        'business-hours',
        'agent-profiles',
        'status-reasons',
        'routing',
        'boosts',
        'organization',
        'webhooks',
        'api-tokens',
      ],
    },
    { roles: ['TEAM_MANAGER'], expected: ['users', 'teams', 'inboxes', 'topics', 'agent-profiles'] },
    { roles: ['AGENT'], expected: [] },
    { roles: ['AGENT', 'API_USER'], expected: ['api-tokens'] },
    {
      roles: ['TEAM_MANAGER', 'API_USER'],
      expected: ['users', 'teams', 'inboxes', 'topics', 'agent-profiles', 'api-tokens'],
    },
  ])('$roles sees $expected', ({ roles, expected }) => {
    expect(visibleSections(roles).map((s) => s.id)).toEqual(expected);
  });
});

describe('canEditUsers', () => {
  it.each([
    { roles: ['ADMINISTRATOR'], expected: true },
    { roles: ['TEAM_MANAGER'], expected: false },
    { roles: ['AGENT', 'API_USER'], expected: false },
  ])('$roles → $expected', ({ roles, expected }) => {
    expect(canEditUsers(roles)).toBe(expected);
  });
});

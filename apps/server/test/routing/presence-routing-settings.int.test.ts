import { describe, expect, it } from 'vitest';
import { loadBoostRules } from '../../src/modules/routing/boosts.queries.js';
import { DEFAULT_INBOX_ROUTING_CONFIG } from '../../src/modules/routing/engine/config.js';
import { loadRoutingConfig } from '../../src/modules/routing/routing-settings.queries.js';
import { makeInbox } from '../factories.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { expectError, signInAs } from './presence-helpers.js';

const t = useTestApp();

describe('routing settings', () => {
  it('start from the engine defaults and are readable by any signed-in user', async () => {
    const o = await createTestOrg(t);
    const agent = await signInAs(t, o, ['AGENT']);
    const res = await agent.request({ method: 'GET', url: '/api/internal/routing-settings' });
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({
      defaults: DEFAULT_INBOX_ROUTING_CONFIG,
      inboxOverrides: {},
      idleMinutesUntilAway: null,
      idleMinutesUntilLogout: null,
      sameAgentTimeLimitMinutes: 1440,
    });
    expect(await loadRoutingConfig(t.db, o.org.id)).toEqual({ defaults: DEFAULT_INBOX_ROUTING_CONFIG, inboxes: {} });
  });

  it('administrators save them; partial defaults merge, auto-end is capped at 24 h', async () => {
    const o = await createTestOrg(t);
    const admin = await signInAs(t, o, ['ADMINISTRATOR']);
    const inbox = await makeInbox(t, o.org.id);
    const res = await admin.request({
      method: 'PUT',
      url: '/api/internal/routing-settings',
      body: {
        defaults: { messagingAutoAssign: true, offerTimeoutSeconds: { VOICE: 30 }, messagingAutoEndSeconds: 200_000 },
        inboxOverrides: { [inbox.id]: { declineGraceSeconds: 5, messagingAutoEndSeconds: 100_000 } },
        idleMinutesUntilAway: 10,
        idleMinutesUntilLogout: 60,
        sameAgentTimeLimitMinutes: 120,
      },
    });
    expect(res.statusCode).toBe(200);
    const expected = {
      defaults: {
        ...DEFAULT_INBOX_ROUTING_CONFIG,
        messagingAutoAssign: true,
        offerTimeoutSeconds: { ...DEFAULT_INBOX_ROUTING_CONFIG.offerTimeoutSeconds, VOICE: 30 },
        messagingAutoEndSeconds: 86_400,
      },
      inboxOverrides: { [inbox.id]: { declineGraceSeconds: 5, messagingAutoEndSeconds: 86_400 } },
      idleMinutesUntilAway: 10,
      idleMinutesUntilLogout: 60,
      sameAgentTimeLimitMinutes: 120,
    };
    expect(res.data).toEqual(expected);
    expect((await admin.request({ method: 'GET', url: '/api/internal/routing-settings' })).data).toEqual(expected);
    expect(await loadRoutingConfig(t.db, o.org.id)).toEqual({
      defaults: expected.defaults,
      inboxes: expected.inboxOverrides,
    });

    const second = await admin.request({
      method: 'PUT',
      url: '/api/internal/routing-settings',
      body: { defaults: { nextMessageDelaySeconds: 15 }, idleMinutesUntilAway: null },
    });
    expect(second.data).toEqual({
      ...expected,
      defaults: { ...expected.defaults, nextMessageDelaySeconds: 15 },
      idleMinutesUntilAway: null,
    });
  });

  it('refuse bad input, other orgs’ inboxes and non-administrators', async () => {
    const o = await createTestOrg(t);
    const admin = await signInAs(t, o, ['ADMINISTRATOR']);
    const manager = await signInAs(t, o, ['TEAM_MANAGER']);
    const put = (body: unknown, who = admin) =>
      who.request({ method: 'PUT', url: '/api/internal/routing-settings', body });
    expectError(await put({ idleMinutesUntilAway: 0 }), 400);
    expectError(await put({ defaults: { offerTimeoutSeconds: { VOICE: 0 } } }), 400);
    expectError(await put({ defaults: { messagingAutoAssign: 'yes' } }), 400);
    expectError(await put({ defaults: { unknownKnob: 1 } }), 400);
    const foreignInbox = await makeInbox(t, (await createTestOrg(t)).org.id);
    expectError(await put({ inboxOverrides: { [foreignInbox.id]: { declineGraceSeconds: 1 } } }), 400);
    expectError(await put({ idleMinutesUntilAway: 5 }, manager), 403, 'forbidden');
  });
});

describe('routing boosts', () => {
  const spanish = { kind: 'SKILLS', match: 'ANY', skills: ['spanish'] };
  const vipRegex = { kind: 'STRING_ATTRIBUTE', key: 'tier', op: 'CONTAINS', mode: 'REGEX', values: ['^vip'] };

  it('administrators create, list, edit and delete boosts; the engine gets the enabled ones', async () => {
    const o = await createTestOrg(t);
    const admin = await signInAs(t, o, ['ADMINISTRATOR']);
    const created = await admin.request({
      method: 'POST',
      url: '/api/internal/routing-boosts',
      body: { name: 'Spanish speakers', points: 5, conditions: [spanish, vipRegex] },
    });
    expect(created.statusCode).toBe(201);
    const boost = created.data as { id: string };
    expect(created.data).toEqual({
      id: expect.any(String),
      name: 'Spanish speakers',
      points: 5,
      enabled: true,
      conditions: [spanish, vipRegex],
    });
    const second = await admin.request({
      method: 'POST',
      url: '/api/internal/routing-boosts',
      body: { name: 'Everything', points: 1, enabled: false },
    });
    expect(second.statusCode).toBe(201);
    const list = await admin.request({ method: 'GET', url: '/api/internal/routing-boosts' });
    expect((list.data as { name: string }[]).map((b) => b.name)).toEqual(['Spanish speakers', 'Everything']);
    expect(await loadBoostRules(t.db, o.org.id)).toEqual([
      { id: boost.id, points: 5, conditions: [spanish, vipRegex] },
    ]);

    const patched = await admin.request({
      method: 'PATCH',
      url: `/api/internal/routing-boosts/${boost.id}`,
      body: { points: 10, enabled: false },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.data).toMatchObject({ points: 10, enabled: false, name: 'Spanish speakers' });
    expect(await loadBoostRules(t.db, o.org.id)).toEqual([]);

    const removed = await admin.request({ method: 'DELETE', url: `/api/internal/routing-boosts/${boost.id}` });
    expect(removed.statusCode).toBe(204);
    expectError(await admin.request({ method: 'DELETE', url: `/api/internal/routing-boosts/${boost.id}` }), 404);
    expectError(
      await admin.request({ method: 'PATCH', url: `/api/internal/routing-boosts/${boost.id}`, body: { points: 3 } }),
      404,
    );
  });

  it('validates points and conditions', async () => {
    const o = await createTestOrg(t);
    const admin = await signInAs(t, o, ['ADMINISTRATOR']);
    const post = (body: unknown) => admin.request({ method: 'POST', url: '/api/internal/routing-boosts', body });
    expectError(await post({ name: 'x', points: 4 }), 400);
    expectError(await post({ name: '', points: 1 }), 400);
    expectError(await post({ name: 'x', points: 1, conditions: [{ ...vipRegex, values: ['(unclosed'] }] }), 400);
    expectError(await post({ name: 'x', points: 1, conditions: [{ kind: 'MOOD', value: 'happy' }] }), 400);
    expectError(await post({ name: 'x', points: 1, conditions: [{ kind: 'CHANNEL', channels: ['FAX'] }] }), 400);
    expectError(
      await post({
        name: 'x',
        points: 1,
        conditions: [{ kind: 'NUMBER_ATTRIBUTE', key: 'ltv', negate: false, comparator: 'BETWEEN', value: 10 }],
      }),
      400,
    );
    const ok = await post({
      name: 'x',
      points: 3,
      conditions: [
        { kind: 'NUMBER_ATTRIBUTE', key: 'ltv', negate: false, comparator: 'BETWEEN', value: 10, upper: 20 },
        { kind: 'DUE', op: 'OVERDUE', seconds: 0 },
        { kind: 'CHANNEL', channels: ['EMAIL', 'CHAT'] },
      ],
    });
    expect(ok.statusCode).toBe(201);
  });

  it('are administrators’ only and per org', async () => {
    const o = await createTestOrg(t);
    const admin = await signInAs(t, o, ['ADMINISTRATOR']);
    const manager = await signInAs(t, o, ['TEAM_MANAGER']);
    const created = await admin.request({
      method: 'POST',
      url: '/api/internal/routing-boosts',
      body: { name: 'VIP', points: 10 },
    });
    const id = (created.data as { id: string }).id;
    expectError(await manager.request({ method: 'GET', url: '/api/internal/routing-boosts' }), 403, 'forbidden');
    expectError(
      await manager.request({ method: 'POST', url: '/api/internal/routing-boosts', body: { name: 'x', points: 1 } }),
      403,
    );
    expectError(
      await manager.request({ method: 'PATCH', url: `/api/internal/routing-boosts/${id}`, body: { points: 1 } }),
      403,
    );
    expectError(await manager.request({ method: 'DELETE', url: `/api/internal/routing-boosts/${id}` }), 403);
    const other = await createTestOrg(t);
    const otherAdmin = await signInAs(t, other, ['ADMINISTRATOR']);
    expect((await otherAdmin.request({ method: 'GET', url: '/api/internal/routing-boosts' })).data).toEqual([]);
    expectError(
      await otherAdmin.request({ method: 'PATCH', url: `/api/internal/routing-boosts/${id}`, body: { points: 1 } }),
      404,
      'not_exist',
    );
    expectError(await otherAdmin.request({ method: 'DELETE', url: `/api/internal/routing-boosts/${id}` }), 404);
  });
});

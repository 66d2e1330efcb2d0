import { afterEach, describe, expect, it } from 'vitest';
import { recordAgentActivity } from '../../src/modules/routing/presence-activity.js';
import { sweepIdleAgents } from '../../src/modules/routing/presence-workers.js';
import { eventsOf } from '../factories.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { signInAs } from './presence-helpers.js';

const t = useTestApp();
const T0 = new Date('2026-06-01T08:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

afterEach(() => t.clock.reset());

describe('idle timing', () => {
  it('sets idle agents Away without reason, then logs them out; activity resets the timer', async () => {
    t.clock.set(T0);
    const o = await createTestOrg(t);
    const admin = await signInAs(t, o, ['ADMINISTRATOR']);
    const agent = await signInAs(t, o, ['AGENT']);
    const settings = await admin.request({
      method: 'PUT',
      url: '/api/internal/routing-settings',
      body: { idleMinutesUntilAway: 10, idleMinutesUntilLogout: 30 },
    });
    expect(settings.statusCode).toBe(200);

    expect(await sweepIdleAgents(t.ctx, minutes(5), { orgId: o.org.id })).toEqual({ away: 0, loggedOut: 0 });
    t.clock.set(minutes(5));
    await recordAgentActivity(t.ctx, o.org.id, agent.user.id);
    expect(await sweepIdleAgents(t.ctx, minutes(14), { orgId: o.org.id })).toEqual({ away: 0, loggedOut: 0 });
    expect(await sweepIdleAgents(t.ctx, minutes(16), { orgId: o.org.id })).toEqual({ away: 1, loggedOut: 0 });
    expect(await sweepIdleAgents(t.ctx, minutes(17), { orgId: o.org.id })).toEqual({ away: 0, loggedOut: 0 });

    t.clock.set(minutes(16));
    const away = await agent.request({ method: 'GET', url: '/api/internal/me/presence' });
    expect(away.data).toMatchObject({ loggedIn: true, status: 'AWAY', awayReason: null });

    expect(await sweepIdleAgents(t.ctx, minutes(36), { orgId: o.org.id })).toEqual({ away: 0, loggedOut: 1 });
    const out = await agent.request({ method: 'GET', url: '/api/internal/me/presence' });
    expect(out.data).toMatchObject({ loggedIn: false });
    const events = await eventsOf(t, o.org.id, ['AGENT_STATUS/WENT_AWAY', 'AGENT_STATUS/LOGGED_OUT']);
    expect(events).toEqual([
      {
        type: 'AGENT_STATUS/WENT_AWAY',
        initiator: { id: agent.user.id, type: 'SYSTEM' },
        content: { agentId: agent.user.id, occurredAt: minutes(16).toISOString() },
      },
      {
        type: 'AGENT_STATUS/LOGGED_OUT',
        initiator: { id: agent.user.id, type: 'SYSTEM' },
        content: { agentId: agent.user.id, occurredAt: minutes(36).toISOString() },
      },
    ]);
    expect(await sweepIdleAgents(t.ctx, minutes(120), { orgId: o.org.id })).toEqual({ away: 0, loggedOut: 0 });
  });

  it('logs out straight away an agent idle past both limits', async () => {
    t.clock.set(T0);
    const o = await createTestOrg(t);
    const admin = await signInAs(t, o, ['ADMINISTRATOR']);
    const agent = await signInAs(t, o, ['AGENT']);
    await admin.request({
      method: 'PUT',
      url: '/api/internal/routing-settings',
      body: { idleMinutesUntilAway: 10, idleMinutesUntilLogout: 30 },
    });
    expect(await sweepIdleAgents(t.ctx, minutes(45), { orgId: o.org.id })).toEqual({ away: 0, loggedOut: 1 });
    const types = (await eventsOf(t, o.org.id, ['AGENT_STATUS/WENT_AWAY', 'AGENT_STATUS/LOGGED_OUT'])).map(
      (e) => e.type,
    );
    expect(types).toEqual(['AGENT_STATUS/LOGGED_OUT']);
    expect(agent.user.id).toBeTruthy();
  });

  it('leaves orgs without idle settings alone, and Away-only settings never log out', async () => {
    t.clock.set(T0);
    const o = await createTestOrg(t);
    await signInAs(t, o, ['AGENT']);
    expect(await sweepIdleAgents(t.ctx, minutes(600), { orgId: o.org.id })).toEqual({ away: 0, loggedOut: 0 });

    const p = await createTestOrg(t);
    const admin = await signInAs(t, p, ['ADMINISTRATOR']);
    await signInAs(t, p, ['AGENT']);
    await admin.request({ method: 'PUT', url: '/api/internal/routing-settings', body: { idleMinutesUntilAway: 10 } });
    expect(await sweepIdleAgents(t.ctx, minutes(600), { orgId: p.org.id })).toEqual({ away: 1, loggedOut: 0 });
    expect(await sweepIdleAgents(t.ctx, minutes(6000), { orgId: p.org.id })).toEqual({ away: 0, loggedOut: 0 });
  });

  it('recording activity for a user without presence is harmless', async () => {
    const o = await createTestOrg(t);
    await expect(recordAgentActivity(t.ctx, o.org.id, 'no-such-user')).resolves.toBeUndefined();
  });
});

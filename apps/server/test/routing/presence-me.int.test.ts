import { USER_NOTIFY_CHANNEL } from '@hearth/shared';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { eventsOf } from '../factories.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { expectError, reasonsByName, signInAs } from './presence-helpers.js';

const t = useTestApp();

type TPresenceBody = {
  userId: string;
  loggedIn: boolean;
  status: string;
  activeReason: { id: string; name: string } | null;
  awayReason: { id: string; name: string } | null;
  awaySince: string | null;
  availableFor: string[];
  focusMode: boolean;
  skills: string[];
  messagingCapacity: { standard: number; maximum: number };
};

const AGENT_EVENTS = [
  'AGENT_AVAILABILITY/UPDATED',
  'AGENT_AVAILABILITY/FOCUS_ENTERED',
  'AGENT_AVAILABILITY/FOCUS_EXITED',
  'AGENT_STATUS/LOGGED_IN',
  'AGENT_STATUS/LOGGED_OUT',
  'AGENT_STATUS/CHANGED_ACTIVE_REASON',
  'AGENT_STATUS/WENT_AWAY',
  'AGENT_STATUS/RETURNED_FROM_AWAY',
] as const;

async function presenceEvents(orgId: string) {
  return eventsOf(t, orgId, [...AGENT_EVENTS]);
}

describe('signing in and out of the web app', () => {
  it('logs an agent in with the default Active reason and out again, keeping availability', async () => {
    const o = await createTestOrg(t);
    const agent = await signInAs(t, o, ['AGENT']);
    const res = await agent.request({ method: 'GET', url: '/api/internal/me/presence' });
    expect(res.statusCode).toBe(200);
    const presence = res.data as TPresenceBody;
    expect(presence).toEqual({
      userId: agent.user.id,
      loggedIn: true,
      status: 'ACTIVE',
      activeReason: { id: expect.any(String), name: 'Working' },
      awayReason: null,
      awaySince: null,
      availableFor: [],
      focusMode: false,
      skills: [],
      messagingCapacity: { standard: 3, maximum: 5 },
    });
    const events = await presenceEvents(o.org.id);
    expect(events).toEqual([
      {
        type: 'AGENT_STATUS/LOGGED_IN',
        initiator: { id: agent.user.id, type: 'AGENT' },
        content: { agentId: agent.user.id, occurredAt: expect.any(String), activeReason: presence.activeReason },
      },
    ]);

    await agent.request({ method: 'PUT', url: '/api/internal/me/presence', body: { availableFor: ['VOICE'] } });
    const out = await agent.request({ method: 'POST', url: '/api/internal/auth/logout' });
    expect(out.statusCode).toBe(204);
    const row = await t.db
      .selectFrom('agent_presence')
      .selectAll()
      .where('org_id', '=', o.org.id)
      .where('user_id', '=', agent.user.id)
      .executeTakeFirstOrThrow();
    expect(row.logged_in).toBe(false);
    expect(row.available_for).toEqual(['VOICE']);
    const types = (await presenceEvents(o.org.id)).map((e) => e.type);
    expect(types).toEqual(['AGENT_STATUS/LOGGED_IN', 'AGENT_AVAILABILITY/UPDATED', 'AGENT_STATUS/LOGGED_OUT']);
    const last = (await presenceEvents(o.org.id)).at(-1);
    expect(last?.content).toEqual({ agentId: agent.user.id, occurredAt: expect.any(String) });
  });

  it('does not log in a user without the AGENT role', async () => {
    const o = await createTestOrg(t);
    const admin = await signInAs(t, o, ['ADMINISTRATOR']);
    const res = await admin.request({ method: 'GET', url: '/api/internal/me/presence' });
    expect(res.statusCode).toBe(200);
    expect((res.data as TPresenceBody).loggedIn).toBe(false);
    expect(await presenceEvents(o.org.id)).toEqual([]);
  });

  it('a second sign-in while logged in appends nothing', async () => {
    const o = await createTestOrg(t);
    const agent = await signInAs(t, o, ['AGENT']);
    const again = await agent.request({
      method: 'POST',
      url: '/api/internal/auth/login',
      body: { email: agent.user.email, password: 'correct horse battery' },
    });
    expect(again.statusCode).toBe(200);
    expect((await presenceEvents(o.org.id)).map((e) => e.type)).toEqual(['AGENT_STATUS/LOGGED_IN']);
  });

  it('desktop login and logout endpoints', async () => {
    const o = await createTestOrg(t);
    const agent = await signInAs(t, o, ['AGENT']);
    const out = await agent.request({ method: 'POST', url: '/api/internal/me/presence/logout' });
    expect(out.statusCode).toBe(200);
    expect((out.data as TPresenceBody).loggedIn).toBe(false);
    const outAgain = await agent.request({ method: 'POST', url: '/api/internal/me/presence/logout' });
    expect(outAgain.statusCode).toBe(200);
    const back = await agent.request({ method: 'POST', url: '/api/internal/me/presence/login' });
    expect(back.statusCode).toBe(200);
    expect((back.data as TPresenceBody).loggedIn).toBe(true);
    expect((await presenceEvents(o.org.id)).map((e) => e.type)).toEqual([
      'AGENT_STATUS/LOGGED_IN',
      'AGENT_STATUS/LOGGED_OUT',
      'AGENT_STATUS/LOGGED_IN',
    ]);
  });

  it('needs a session and the CSRF header', async () => {
    const o = await createTestOrg(t);
    const agent = await signInAs(t, o, ['AGENT']);
    const anonymous = await agent.request({ method: 'GET', url: '/api/internal/me/presence', cookie: null });
    expect(anonymous.statusCode).toBe(401);
    const noCsrf = await agent.request({
      method: 'PUT',
      url: '/api/internal/me/presence',
      body: { availableFor: ['VOICE'] },
      noCsrfHeader: true,
    });
    expect(noCsrf.statusCode).toBe(403);
  });
});

describe('PUT /me/presence', () => {
  it('availability: event per real change, canonical order, Mail & Tasks push flag', async () => {
    const o = await createTestOrg(t);
    const agent = await signInAs(t, o, ['AGENT']);
    const put = (body: unknown) => agent.request({ method: 'PUT', url: '/api/internal/me/presence', body });
    const res = await put({ availableFor: ['MESSAGING', 'VOICE'] });
    expect(res.statusCode).toBe(200);
    expect((res.data as TPresenceBody).availableFor).toEqual(['VOICE', 'MESSAGING']);
    const pending = async () =>
      (
        await t.db
          .selectFrom('agent_presence')
          .select('mail_task_auto_push_pending')
          .where('org_id', '=', o.org.id)
          .where('user_id', '=', agent.user.id)
          .executeTakeFirstOrThrow()
      ).mail_task_auto_push_pending;
    expect(await pending()).toBe(false);
    await put({ availableFor: ['VOICE', 'MESSAGING'] });
    await put({ availableFor: ['VOICE', 'MESSAGING', 'MAIL', 'TASK'] });
    expect(await pending()).toBe(true);
    const updates = await eventsOf(t, o.org.id, ['AGENT_AVAILABILITY/UPDATED']);
    expect(updates.map((e) => e.content)).toEqual([
      { agentId: agent.user.id, availableFor: ['VOICE', 'MESSAGING'], occurredAt: expect.any(String) },
      { agentId: agent.user.id, availableFor: ['VOICE', 'MESSAGING', 'MAIL', 'TASK'], occurredAt: expect.any(String) },
    ]);
    expect(updates[0]?.initiator).toEqual({ id: agent.user.id, type: 'AGENT' });
  });

  it('focus mode needs availability, and its events carry the availability', async () => {
    const o = await createTestOrg(t);
    const agent = await signInAs(t, o, ['AGENT']);
    const put = (body: unknown) => agent.request({ method: 'PUT', url: '/api/internal/me/presence', body });
    expectError(await put({ focusMode: true }), 400, 'invalid_state');
    const res = await put({ availableFor: ['MAIL', 'TASK'], focusMode: true });
    expect(res.statusCode).toBe(200);
    expect((res.data as TPresenceBody).focusMode).toBe(true);
    await put({ focusMode: true });
    const off = await put({ focusMode: false });
    expect((off.data as TPresenceBody).focusMode).toBe(false);
    const focus = await eventsOf(t, o.org.id, ['AGENT_AVAILABILITY/FOCUS_ENTERED', 'AGENT_AVAILABILITY/FOCUS_EXITED']);
    expect(focus.map((e) => [e.type, e.content])).toEqual([
      ['AGENT_AVAILABILITY/FOCUS_ENTERED', { agentId: agent.user.id, context: { availableFor: ['MAIL', 'TASK'] } }],
      ['AGENT_AVAILABILITY/FOCUS_EXITED', { agentId: agent.user.id, context: { availableFor: ['MAIL', 'TASK'] } }],
    ]);
  });

  it('Away needs a valid Away reason; return applies the default Active reason', async () => {
    const o = await createTestOrg(t);
    const agent = await signInAs(t, o, ['AGENT']);
    const reasons = await reasonsByName(agent);
    const put = (body: unknown) => agent.request({ method: 'PUT', url: '/api/internal/me/presence', body });
    expectError(await put({ status: 'AWAY' }), 400, 'invalid_state');
    expectError(await put({ status: 'AWAY', awayReasonId: 'nope' }), 400, 'invalid_state');
    expectError(await put({ status: 'AWAY', awayReasonId: reasons.Working?.id }), 400, 'invalid_state');
    t.clock.set(new Date('2026-05-01T12:00:00.000Z'));
    try {
      const away = await put({ status: 'AWAY', awayReasonId: reasons.Lunch?.id });
      expect(away.statusCode).toBe(200);
      expect(away.data).toMatchObject({
        status: 'AWAY',
        awayReason: { id: reasons.Lunch?.id, name: 'Lunch' },
        activeReason: null,
        awaySince: '2026-05-01T12:00:00.000Z',
      });
      t.clock.set(new Date('2026-05-01T12:30:00.000Z'));
      const back = await put({ status: 'ACTIVE' });
      expect(back.data).toMatchObject({
        status: 'ACTIVE',
        activeReason: { id: reasons.Working?.id, name: 'Working' },
        awayReason: null,
        awaySince: null,
      });
    } finally {
      t.clock.reset();
    }
    const events = await eventsOf(t, o.org.id, ['AGENT_STATUS/WENT_AWAY', 'AGENT_STATUS/RETURNED_FROM_AWAY']);
    expect(events.map((e) => e.content)).toEqual([
      {
        agentId: agent.user.id,
        awayReason: { id: reasons.Lunch?.id, name: 'Lunch' },
        occurredAt: '2026-05-01T12:00:00.000Z',
      },
      {
        agentId: agent.user.id,
        awayAt: '2026-05-01T12:00:00.000Z',
        activeReason: { id: reasons.Working?.id, name: 'Working' },
        awayReason: { id: reasons.Lunch?.id, name: 'Lunch' },
        occurredAt: '2026-05-01T12:30:00.000Z',
      },
    ]);
  });

  it('going Away needs no reason when the org has no enabled Away reason', async () => {
    const o = await createTestOrg(t);
    const agent = await signInAs(t, o, ['AGENT']);
    await t.db
      .updateTable('agent_status_reasons')
      .set({ disabled: true })
      .where('org_id', '=', o.org.id)
      .where('kind', '=', 'AWAY')
      .execute();
    const res = await agent.request({ method: 'PUT', url: '/api/internal/me/presence', body: { status: 'AWAY' } });
    expect(res.statusCode).toBe(200);
    expect(res.data).toMatchObject({ status: 'AWAY', awayReason: null });
    const [event] = await eventsOf(t, o.org.id, ['AGENT_STATUS/WENT_AWAY']);
    expect(event?.content).toEqual({ agentId: agent.user.id, occurredAt: expect.any(String) });
  });

  it('changing the Active reason appends CHANGED_ACTIVE_REASON; a disabled one is refused', async () => {
    const o = await createTestOrg(t);
    const admin = await signInAs(t, o, ['ADMINISTRATOR']);
    const agent = await signInAs(t, o, ['AGENT']);
    const created = await admin.request({
      method: 'POST',
      url: '/api/internal/status-reasons',
      body: { kind: 'ACTIVE', name: 'Coaching' },
    });
    expect(created.statusCode).toBe(201);
    const coaching = created.data as { id: string };
    const res = await agent.request({
      method: 'PUT',
      url: '/api/internal/me/presence',
      body: { activeReasonId: coaching.id },
    });
    expect(res.statusCode).toBe(200);
    expect((res.data as TPresenceBody).activeReason).toEqual({ id: coaching.id, name: 'Coaching' });
    const events = await eventsOf(t, o.org.id, ['AGENT_STATUS/CHANGED_ACTIVE_REASON']);
    expect(events.map((e) => e.content)).toEqual([
      { agentId: agent.user.id, occurredAt: expect.any(String), activeReason: { id: coaching.id, name: 'Coaching' } },
    ]);
    await admin.request({
      method: 'PATCH',
      url: `/api/internal/status-reasons/${coaching.id}`,
      body: { disabled: true },
    });
    const reasons = await reasonsByName(agent);
    await agent.request({
      method: 'PUT',
      url: '/api/internal/me/presence',
      body: { activeReasonId: reasons.Working?.id },
    });
    expectError(
      await agent.request({ method: 'PUT', url: '/api/internal/me/presence', body: { activeReasonId: coaching.id } }),
      400,
      'invalid_state',
    );
  });

  it('refuses bad input with the error envelope', async () => {
    const o = await createTestOrg(t);
    const agent = await signInAs(t, o, ['AGENT']);
    const put = (body: unknown) => agent.request({ method: 'PUT', url: '/api/internal/me/presence', body });
    expectError(await put({ availableFor: ['FAX'] }), 400);
    expectError(await put({ status: 'BUSY' }), 400);
    expectError(await put({ focusMode: 'yes' }), 400);
    expectError(await put({ color: 'red' }), 400);
    const reasons = await reasonsByName(agent);
    expectError(await put({ awayReasonId: reasons.Lunch?.id }), 400, 'invalid_state');
  });

  it('tells the user’s other tabs to refetch after a change', async () => {
    const o = await createTestOrg(t);
    const agent = await signInAs(t, o, ['AGENT']);
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    const received: unknown[] = [];
    client.on('notification', (n) => received.push(JSON.parse(n.payload ?? 'null')));
    try {
      await client.query(`LISTEN ${USER_NOTIFY_CHANNEL}`);
      await agent.request({ method: 'PUT', url: '/api/internal/me/presence', body: { availableFor: ['VOICE'] } });
      const expected = { orgId: o.org.id, userId: agent.user.id, message: { type: 'presence', userId: agent.user.id } };
      for (let i = 0; i < 50 && !received.some((m) => JSON.stringify(m) === JSON.stringify(expected)); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(received).toContainEqual(expected);
    } finally {
      await client.end();
    }
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { TAppContext } from '../../src/app-context.js';
import { buildApp } from '../../src/http/app.js';
import { recordInboundMessage } from '../../src/modules/conversations/commands/record-inbound-message.js';
import { LISTENER_APPLICATION_NAME } from '../../src/realtime/pg-listener.js';
import { makeInbox } from '../factories.js';
import { createTestOrg, type TTestApp, useTestApp } from '../helpers.js';
import { signIn } from '../internal/session-helpers.js';
import { browserOf, connectSocket, realtimeUrlOf } from './realtime-helpers.js';

const t = useTestApp();

/** A second app on the same context with fast timers: heartbeat and session checks in a fraction of a second. */
let fast: TTestApp['app'];
let fastUrl: string;
beforeAll(async () => {
  fast = await buildApp(t.ctx as TAppContext, {
    realtime: { silenceTimeoutMs: 400, pingIntervalMs: 100, refreshIntervalMs: 100 },
  });
  await fast.listen({ host: '127.0.0.1', port: 0 });
  const address = fast.server.address() as { port: number };
  fastUrl = `ws://127.0.0.1:${address.port}/api/realtime`;
});
afterAll(async () => {
  await fast?.close();
});

function closeCodeOf(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

async function listenerPids(): Promise<number[]> {
  const { rows } = await sql<{ pid: number }>`
    SELECT pid FROM pg_stat_activity
    WHERE datname = current_database() AND application_name = ${LISTENER_APPLICATION_NAME}`.execute(t.db);
  return rows.map((r) => r.pid);
}

describe('realtime socket lifecycle', { timeout: 90_000 }, () => {
  it('closes a socket that answers nothing (no message, no pong) with 4408', async () => {
    const o = await createTestOrg(t);
    const agent = await signIn(t, o, ['AGENT']);
    const { cookie, host } = { cookie: agent.cookie, host: o.host };
    const silent = new WebSocket(fastUrl, { headers: { host, cookie, origin: `http://${host}` }, autoPong: false });
    expect(await closeCodeOf(silent)).toBe(4408);
  });

  it('closes the socket with 4401 once the session has ended', async () => {
    const o = await createTestOrg(t);
    const agent = await signIn(t, o, ['AGENT']);
    const socket = await connectSocket(fastUrl, browserOf(o, agent.cookie));
    const closed = closeCodeOf(socket.ws);
    expect((await agent.request({ method: 'POST', url: '/api/internal/auth/logout' })).statusCode).toBeLessThan(300);
    expect(await closed).toBe(4401);
  });

  it('records activity on an active ping, at most once per 30 s per user', async () => {
    const o = await createTestOrg(t);
    const agent = await signIn(t, o, ['AGENT']);
    await t.db
      .insertInto('agent_presence')
      .values({
        org_id: o.org.id,
        user_id: agent.user.id,
        logged_in_at: null,
        active_reason_id: null,
        away_reason_id: null,
        away_since: null,
        last_offered_at: null,
        last_assigned_at: null,
        last_messaging_assigned_at: null,
        last_activity_at: null,
      })
      .onConflict((oc) => oc.columns(['org_id', 'user_id']).doUpdateSet({ last_activity_at: null }))
      .execute();
    const socket = await connectSocket(await realtimeUrlOf(t), browserOf(o, agent.cookie));
    const activity = async () =>
      (
        await t.db
          .selectFrom('agent_presence')
          .select('last_activity_at')
          .where('org_id', '=', o.org.id)
          .where('user_id', '=', agent.user.id)
          .executeTakeFirstOrThrow()
      ).last_activity_at;
    const activePing = async () => {
      const from = socket.messages.length;
      socket.send({ type: 'ping', active: true });
      socket.send({ type: 'ping', active: false });
      // Messages are handled in order: once the second pong is here, the active ping has been recorded.
      const pongs = () => socket.messages.slice(from).filter((m) => m.type === 'pong').length;
      await socket.waitFor('both pongs', () => pongs() >= 2, from);
    };
    const t0 = new Date(Date.now() - 60_000);
    try {
      t.clock.set(t0);
      await socket.roundTrip();
      expect(await activity()).toBeNull();
      await activePing();
      expect(await activity()).toEqual(t0);
      t.clock.advance(10_000);
      await activePing();
      expect(await activity()).toEqual(t0);
      t.clock.advance(25_000);
      await activePing();
      expect(await activity()).toEqual(new Date(t0.getTime() + 35_000));
    } finally {
      t.clock.reset();
      await socket.close();
    }
  });

  it('LISTENs again after its connection drops, and delivers what was written meanwhile', async () => {
    const o = await createTestOrg(t);
    const agent = await signIn(t, o, ['AGENT']);
    const inbox = await makeInbox(t, o.org.id, { memberIds: [agent.user.id] });
    const socket = await connectSocket(await realtimeUrlOf(t), browserOf(o, agent.cookie));
    const before = await listenerPids();
    expect(before.length).toBeGreaterThan(0);
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = ${LISTENER_APPLICATION_NAME}`.execute(t.db);
    const message = await recordInboundMessage(t.db, {
      orgId: o.org.id,
      inboxId: inbox.id,
      contact: { emailAddress: 'dropped@example.com' },
      channel: 'EMAIL',
      item: { contentType: 'EMAIL', content: { subject: 'while away', content: 'hello' } },
      now: new Date(),
    });
    await socket.waitForEvent(
      'the message written while the listener was away',
      (e) => e.type === 'CONTACT/MESSAGE_RECEIVED' && e.content.conversationId === message.conversationId,
    );
    for (let i = 0; i < 500; i++) {
      const now = await listenerPids();
      if (now.length > 0 && now.every((pid) => !before.includes(pid))) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const after = await listenerPids();
    expect(after.length).toBeGreaterThan(0);
    expect(after.some((pid) => before.includes(pid))).toBe(false);
    await socket.close();
  });
});

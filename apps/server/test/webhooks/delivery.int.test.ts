import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startWebhookDispatcher, type TWebhookDispatcher } from '../../src/modules/webhooks/webhook-dispatcher.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { createWebhook, deliveriesOf, emit } from './arrange.js';
import { startReceiver, type TReceiver } from './receiver.js';

// Delivery from the outbox through a real dispatcher to a real receiver on 127.0.0.1. Retries run on the app's
// injectable clock: the test moves it and waits (expect.poll) for the next attempt, never for wall-clock time.
const t = useTestApp({ HEARTH_ALLOW_INSECURE_WEBHOOKS: 'true' });
let receiver: TReceiver;
let dispatcher: TWebhookDispatcher;
let n = 0;
const nextPath = () => `/delivery-${++n}`;
const POLL = { timeout: 15_000, interval: 50 };

beforeAll(async () => {
  receiver = await startReceiver();
  dispatcher = await startWebhookDispatcher(t.ctx, {
    databaseUrl: inject('databaseUrl'),
    pollIntervalMs: 100,
  });
});
afterAll(async () => {
  await dispatcher?.stop();
  await receiver?.close();
  t.clock.reset();
});

describe('webhook delivery', () => {
  it('delivers each subscribed event once, in order, as the exact envelope, with credentials and headers', async () => {
    const o = await createTestOrg(t);
    await emit(t, o.org.id, 'TASK/CREATED', { taskId: 'before-the-webhook' });
    const path = nextPath();
    const id = await createWebhook(o, {
      url: `${receiver.base}${path}`,
      events: ['TASK/CREATED', 'TASK/CLOSED', 'CUSTOMER_PROFILE/CREATED'],
      enabled: true,
      credentials: { username: 'hook', password: 'pw', realm: 'r' },
      headers: { 'X-Static': 'static-value' },
    });
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      ids.push(await emit(t, o.org.id, i % 2 ? 'TASK/CLOSED' : 'TASK/CREATED', { taskId: `t${i}` }));
      if (i % 10 === 0) await emit(t, o.org.id, 'CONVERSATION/CREATED', { conversationId: 'not subscribed' });
    }
    const viaApi = await o.request({
      method: 'POST',
      url: '/api/v1/customer-profiles',
      body: { name: 'Ada', emails: [{ original: 'ada@example.com' }] },
    });
    expect(viaApi.statusCode).toBe(201);

    await expect.poll(() => receiver.events(path).length, POLL).toBe(31);
    const got = receiver.events(path);
    expect(got.slice(0, 30).map((r) => r.body.id)).toEqual(ids);
    expect(got.slice(0, 30).map((r) => r.body.content.taskId)).toEqual(ids.map((_, i) => `t${i}`));
    expect(got[30]?.body).toMatchObject({
      type: 'CUSTOMER_PROFILE/CREATED',
      initiator: { id: o.apiUser.user.id, type: 'API' },
    });
    const first = got[0];
    expect(Object.keys(first?.body ?? {})).toEqual(['id', 'type', 'timestamp', 'initiator', 'content']);
    expect(first?.body).toMatchObject({ type: 'TASK/CREATED', initiator: { id: 'agent-1', type: 'AGENT' } });
    expect(first?.headers['content-type']).toBe('application/json');
    expect(first?.headers.authorization).toBe(`Basic ${Buffer.from('hook:pw').toString('base64')}`);
    expect(first?.headers['x-static']).toBe('static-value');

    // The dispatcher records an attempt after the receiver has answered it: the last record may still be on its way
    // when the receiver already holds all 31 events.
    const deliveryLog = () => o.request({ method: 'GET', url: `/api/v1/webhooks/${id}/deliveries` });
    await expect.poll(async () => ((await deliveryLog()).data as unknown[]).length, POLL).toBe(31);
    const log = await deliveryLog();
    expect(log.statusCode).toBe(200);
    const entries = log.data as { response: { durationMs: unknown } }[];
    expect(entries).toHaveLength(31);
    expect(entries[entries.length - 1]).toMatchObject({
      eventId: ids[0],
      eventType: 'TASK/CREATED',
      attempt: 1,
      status: 'SUCCESS',
      request: {
        url: `${receiver.base}${path}`,
        headers: { authorization: 'Basic [redacted]', 'x-static': '[redacted]', 'content-type': 'application/json' },
        body: first?.text,
      },
      response: { status: 200, body: 'ok', headers: expect.objectContaining({ 'x-receiver': 'test' }) },
    });
    expect(typeof entries[0]?.response.durationMs).toBe('number');
    expect(log.body).not.toContain('static-value');
    expect(log.body).not.toContain(Buffer.from('hook:pw').toString('base64'));
  });

  it('retries at +30 s, +5 min, +30 min, +1 h, keeps later events waiting, then disables and notifies', async () => {
    const o = await createTestOrg(t);
    const second = await o.addUser(['API_USER']);
    const plainAgent = await o.addUser(['AGENT']);
    const path = nextPath();
    const id = await createWebhook(o, { url: `${receiver.base}${path}`, events: ['TASK/CREATED'], enabled: true });
    receiver.respond((r) => (r.url === path && r.body.type !== 'PING' ? 500 : 200));
    const e1 = await emit(t, o.org.id, 'TASK/CREATED', { taskId: 'one' });
    const e2 = await emit(t, o.org.id, 'TASK/CREATED', { taskId: 'two' });
    await expect.poll(() => receiver.events(path).length, POLL).toBe(1);

    for (const [attempt, delay] of [
      [2, 30_000],
      [3, 5 * 60_000],
      [4, 30 * 60_000],
      [5, 60 * 60_000],
    ] as const) {
      // The dispatcher records an attempt after its send: wait for the log, not only for the receiver.
      const logOf = async () =>
        (await o.request({ method: 'GET', url: `/api/v1/webhooks/${id}/deliveries` })).data as {
          attemptedAt: string;
        }[];
      await expect.poll(async () => (await logOf()).length, POLL).toBe(attempt - 1);
      const [head] = await deliveriesOf(t, o.org.id, id);
      const log = await logOf();
      expect(head?.next_attempt_at.getTime() ?? 0).toBe(Date.parse(log[0]?.attemptedAt ?? '') + delay);
      t.clock.advance(delay);
      await expect.poll(() => receiver.events(path).length, POLL).toBe(attempt);
    }
    await expect
      .poll(async () => (await o.request({ method: 'GET', url: `/api/v1/webhooks/${id}` })).data, POLL)
      .toMatchObject({ enabled: false, disabledAtDueToRetryLimit: expect.stringMatching(/Z$/) });
    expect(receiver.events(path).map((r) => r.body.id)).toEqual([e1, e1, e1, e1, e1]);

    const log = (await o.request({ method: 'GET', url: `/api/v1/webhooks/${id}/deliveries` })).data as {
      status: string;
      attempt: number;
      response: { status: number };
    }[];
    expect(log.map((l) => [l.attempt, l.status, l.response.status])).toEqual([
      [5, 'ERROR', 500],
      [4, 'DEBUG', 500],
      [3, 'DEBUG', 500],
      [2, 'DEBUG', 500],
      [1, 'DEBUG', 500],
    ]);
    const notes = await t.db.selectFrom('notifications').selectAll().where('org_id', '=', o.org.id).execute();
    expect(notes.map((x) => x.user_id).sort()).toEqual([o.apiUser.user.id, second.user.id].sort());
    expect(notes.map((x) => x.user_id)).not.toContain(plainAgent.user.id);
    expect(notes[0]).toMatchObject({ kind: 'webhook.disabled', read_at: null });
    expect(notes[0]?.body).toContain(`${receiver.base}${path}`);

    // Re-enabling resumes where it stopped: the failed event first, then the one that waited, then newer ones.
    const e3 = await emit(t, o.org.id, 'TASK/CREATED', { taskId: 'three, while disabled' });
    receiver.respond(() => 200);
    const res = await o.request({ method: 'PATCH', url: `/api/v1/webhooks/${id}`, body: { enabled: true } });
    expect(res.statusCode).toBe(204);
    const e4 = await emit(t, o.org.id, 'TASK/CREATED', { taskId: 'four' });
    await expect.poll(() => receiver.events(path).length, POLL).toBe(9);
    expect(receiver.events(path).map((r) => r.body.id)).toEqual([e1, e1, e1, e1, e1, e1, e2, e3, e4]);
    const after = (await o.request({ method: 'GET', url: `/api/v1/webhooks/${id}` })).data as Record<string, unknown>;
    expect(after.enabled).toBe(true);
    expect(after).not.toHaveProperty('disabledAtDueToRetryLimit');
  });

  it('a 404 counts as a failure too, and a success on retry unblocks the waiting deliveries', async () => {
    const o = await createTestOrg(t);
    const path = nextPath();
    const id = await createWebhook(o, { url: `${receiver.base}${path}`, events: ['TASK/CLOSED'], enabled: true });
    let fail = true;
    receiver.respond((r) => (r.url === path && fail ? 404 : 200));
    const e1 = await emit(t, o.org.id, 'TASK/CLOSED');
    const e2 = await emit(t, o.org.id, 'TASK/CLOSED');
    await expect.poll(() => receiver.events(path).length, POLL).toBe(1);
    fail = false;
    t.clock.advance(30_000);
    await expect.poll(() => receiver.events(path).map((r) => r.body.id), POLL).toEqual([e1, e1, e2]);
    // The dispatcher records an attempt after its send: wait for the rows, not only for the receiver.
    await expect
      .poll(async () => (await deliveriesOf(t, o.org.id, id)).map((r) => [r.status, r.attempts]), POLL)
      .toEqual([
        ['SUCCEEDED', 2],
        ['SUCCEEDED', 1],
      ]);
  });

  it('redeliver sends a delivery again with the same event id (202)', async () => {
    const o = await createTestOrg(t);
    const path = nextPath();
    const id = await createWebhook(o, { url: `${receiver.base}${path}`, events: ['TASK/CREATED'], enabled: true });
    const e1 = await emit(t, o.org.id, 'TASK/CREATED');
    await expect.poll(() => receiver.events(path).length, POLL).toBe(1);
    const [delivery] = await deliveriesOf(t, o.org.id, id);
    const res = await o.request({
      method: 'POST',
      url: `/api/v1/webhooks/${id}/deliveries/${delivery?.id}/redeliver`,
    });
    expect(res.statusCode).toBe(202);
    expect(res.body).toBe('');
    await expect.poll(() => receiver.events(path).map((r) => r.body.id), POLL).toEqual([e1, e1]);
  });

  it('a disabled webhook gets nothing; events from before it was first enabled are not sent', async () => {
    const o = await createTestOrg(t);
    const path = nextPath();
    const id = await createWebhook(o, { url: `${receiver.base}${path}`, events: ['TASK/CREATED'] });
    await emit(t, o.org.id, 'TASK/CREATED', { taskId: 'while never enabled' });
    await o.request({ method: 'PATCH', url: `/api/v1/webhooks/${id}`, body: { enabled: true } });
    const e2 = await emit(t, o.org.id, 'TASK/CREATED', { taskId: 'after enabling' });
    await expect.poll(() => receiver.events(path).map((r) => r.body.id), POLL).toEqual([e2]);
  });

  it('checks the target again at delivery time: an address that became internal is refused and logged', async () => {
    const o = await createTestOrg(t);
    const path = nextPath();
    const id = await createWebhook(o, { url: `${receiver.base}${path}`, events: ['TASK/CREATED'], enabled: true });
    // As if the name now resolved to an internal address (DNS rebinding): the stored URL points there.
    await t.db.updateTable('webhooks').set({ url: 'http://10.0.0.1:9/hook' }).where('id', '=', id).execute();
    await emit(t, o.org.id, 'TASK/CREATED');
    await expect
      .poll(async () => (await o.request({ method: 'GET', url: `/api/v1/webhooks/${id}/deliveries` })).data, POLL)
      .toMatchObject([
        {
          attempt: 1,
          status: 'DEBUG',
          response: { error: 'url resolves to a private address (10.0.0.1), which webhooks may not call' },
        },
      ]);
    expect(receiver.events(path)).toEqual([]);
  });

  it('two dispatchers never send the same delivery twice, and order holds', async () => {
    const second = await startWebhookDispatcher(t.ctx, { databaseUrl: inject('databaseUrl'), pollIntervalMs: 100 });
    try {
      const o = await createTestOrg(t);
      const path = nextPath();
      await createWebhook(o, { url: `${receiver.base}${path}`, events: ['TASK/CREATED'], enabled: true });
      const ids: string[] = [];
      for (let i = 0; i < 150; i++) ids.push(await emit(t, o.org.id, 'TASK/CREATED', { i }));
      await expect.poll(() => receiver.events(path).length, POLL).toBeGreaterThanOrEqual(150);
      expect(receiver.events(path).map((r) => r.body.id)).toEqual(ids);
    } finally {
      await second.stop();
    }
  });
});

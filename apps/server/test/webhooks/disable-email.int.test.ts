import { sql } from 'kysely';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { TJobQueue } from '../../src/jobs/job-queue.js';
import { newId } from '../../src/lib/ids.js';
import { registerSystemEmailWorker, SYSTEM_EMAIL_JOB } from '../../src/modules/email/outbound/system-email.worker.js';
import { startWebhookDispatcher, type TWebhookDispatcher } from '../../src/modules/webhooks/webhook-dispatcher.js';
import {
  arrangeEmailSetup,
  startSmtpSink,
  TEST_SECRET_KEY,
  type TSmtpSink,
} from '../email/outbound/outbound-helpers.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { createWebhook, emit } from './arrange.js';
import { startReceiver, type TReceiver } from './receiver.js';

// A webhook whose last retry fails is disabled and its org's API Users are told: in-app always, and by email through
// the org's relay (a real SMTP sink on 127.0.0.1) when one is configured. The system-email jobs of this file go to a
// queue of its own, so a worker of another test file (or a CLI test's process) cannot take them.
const t = useTestApp({ HEARTH_ALLOW_INSECURE_WEBHOOKS: 'true', HEARTH_SECRET_KEY: TEST_SECRET_KEY });
const queue = `${SYSTEM_EMAIL_JOB}.test-${newId().replace(/[^A-Za-z0-9]/g, '')}`;
const POLL = { timeout: 15_000, interval: 50 };
let receiver: TReceiver;
let sink: TSmtpSink;
let dispatcher: TWebhookDispatcher;
let original: TJobQueue;
let n = 0;

beforeAll(async () => {
  original = t.ctx.jobs;
  const real = original;
  const rename = (name: string) => (name === SYSTEM_EMAIL_JOB ? queue : name);
  t.ctx.jobs = {
    send: (trx, name, data, options) => real.send(trx, rename(name), data, options),
    work: (name, handler, options) => real.work(rename(name), handler, { pollingIntervalSeconds: 0.5, ...options }),
    schedule: (...args) => real.schedule(...args),
    stop: () => real.stop(),
  };
  receiver = await startReceiver();
  receiver.respond((r) => (r.body.type === 'PING' ? 200 : 500));
  sink = await startSmtpSink();
  await registerSystemEmailWorker(t.ctx);
  dispatcher = await startWebhookDispatcher(t.ctx, { databaseUrl: inject('databaseUrl'), pollIntervalMs: 100 });
});
afterAll(async () => {
  await dispatcher?.stop();
  await receiver?.close();
  await sink?.close();
  if (original) t.ctx.jobs = original;
  t.clock.reset();
});

/** A webhook to the failing receiver, driven through its first attempt and 4 retries until it is disabled. */
async function disableByRetryLimit(o: TTestOrg) {
  const path = `/disable-email-${++n}`;
  const url = `${receiver.base}${path}`;
  const id = await createWebhook(o, { name: `Order sync ${n}`, url, events: ['TASK/CREATED'], enabled: true });
  await emit(t, o.org.id, 'TASK/CREATED', { taskId: 'one' });
  await expect.poll(() => receiver.events(path).length, POLL).toBe(1);
  for (const [attempt, delay] of [
    [2, 30_000],
    [3, 5 * 60_000],
    [4, 30 * 60_000],
    [5, 60 * 60_000],
  ] as const) {
    t.clock.advance(delay);
    await expect.poll(() => receiver.events(path).length, POLL).toBe(attempt);
  }
  await expect
    .poll(async () => (await o.request({ method: 'GET', url: `/api/v1/webhooks/${id}` })).data, POLL)
    .toMatchObject({ enabled: false, disabledAtDueToRetryLimit: expect.stringMatching(/Z$/) });
  return { id, url, name: `Order sync ${n}` };
}

async function notificationsOf(orgId: string) {
  return t.db.selectFrom('notifications').selectAll().where('org_id', '=', orgId).execute();
}

/** The states of this org's system-email jobs in pg-boss. */
async function jobStates(orgId: string): Promise<string[]> {
  const { rows } = await sql<{ state: string }>`
    select state from pgboss.job where name = ${queue} and data->>'orgId' = ${orgId}
  `.execute(t.db);
  return rows.map((r) => r.state);
}

describe('webhook disabled by its retry limit: email to API Users', () => {
  it('emails each API User once through the org relay, from the default From, naming the webhook and the fix', async () => {
    const o = await createTestOrg(t);
    const second = await o.addUser(['API_USER']);
    const agent = await o.addUser(['AGENT']);
    const { support } = await arrangeEmailSetup(t, o, sink);
    const apiEmails = [o.apiUser.user.email, second.user.email].map((e) => e.toLowerCase()).sort();

    const hook = await disableByRetryLimit(o);

    const ours = () => sink.received.filter((m) => m.rcptTo.some((r) => apiEmails.includes(r.toLowerCase())));
    await expect.poll(() => ours().length, POLL).toBe(1);
    await expect.poll(() => jobStates(o.org.id), POLL).toEqual(['completed']);
    const [message] = ours();
    expect(message?.rcptTo.map((r) => r.toLowerCase()).sort()).toEqual(apiEmails);
    expect(message?.mailFrom).toBe(support);
    const mail = await simpleParser(message?.raw ?? '');
    expect(mail.from?.value).toEqual([{ name: 'Acme Support', address: support }]);
    const to = Array.isArray(mail.to) ? mail.to.flatMap((a) => a.value) : (mail.to?.value ?? []);
    expect(to.map((a) => a.address?.toLowerCase()).sort()).toEqual(apiEmails);
    expect(mail.subject).toBe(`Webhook "${hook.name}" was disabled`);
    expect(mail.text).toContain(hook.url);
    expect(mail.text).toContain('enable the webhook again');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    const everyRecipient = sink.received.flatMap((m) => m.rcptTo.map((r) => r.toLowerCase()));
    expect(everyRecipient).not.toContain(agent.user.email.toLowerCase());
    expect(everyRecipient.filter((r) => apiEmails.includes(r))).toEqual(apiEmails);

    const notes = await notificationsOf(o.org.id);
    expect(notes.map((x) => x.user_id).sort()).toEqual([o.apiUser.user.id, second.user.id].sort());
    expect(notes.every((x) => x.kind === 'webhook.disabled' && x.title === mail.subject)).toBe(true);
  });

  it('without a relay the webhook is still disabled and notified in-app, and the email job ends without error', async () => {
    const o = await createTestOrg(t);
    const second = await o.addUser(['API_USER']);
    const before = sink.received.length;

    await disableByRetryLimit(o);

    const notes = await notificationsOf(o.org.id);
    expect(notes.map((x) => x.user_id).sort()).toEqual([o.apiUser.user.id, second.user.id].sort());
    await expect.poll(() => jobStates(o.org.id), POLL).toEqual(['completed']);
    const addresses = [o.apiUser.user.email, second.user.email].map((e) => e.toLowerCase());
    const mailed = sink.received.slice(before).flatMap((m) => m.rcptTo.map((r) => r.toLowerCase()));
    expect(mailed.filter((r) => addresses.includes(r))).toEqual([]);
  });
});

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TAppContext } from '../../src/app-context.js';
import { expireSameAgentHolds } from '../../src/modules/contacts/commands/expire-same-agent-holds.js';
import { registerContactWorkers, SAME_AGENT_HOLDS_JOB } from '../../src/modules/contacts/contacts-workers.js';
import { registerEmailDelivery } from '../../src/modules/email/outbound/email-delivery-adapter.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import {
  arrangeContactsWorld,
  chatMessage,
  contactsOf,
  conversationRow,
  emailMessage,
  MINUTE,
  makeEmailEntryPoint,
  reply,
  routingEvents,
} from './arrange.js';

const t = useTestApp();
const T0 = new Date('2026-03-02T10:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

beforeAll(() => registerEmailDelivery());
afterEach(() => t.clock.reset());

/** An org with an email entry point and a relay (never reached: these tests run no delivery worker). */
async function emailWorld() {
  const o = await createTestOrg(t);
  const world = await arrangeContactsWorld(t, o, { slaMinutes: 60 });
  const entry = await makeEmailEntryPoint(t, o, world.inbox.id);
  await t.db
    .insertInto('email_relays')
    .values({
      org_id: o.org.id,
      host: '127.0.0.1',
      port: 9,
      tls_mode: 'NONE',
      username: null,
      password_encrypted: null,
      dkim_domain: null,
      dkim_selector: null,
      dkim_private_key_encrypted: null,
    })
    .execute();
  return { o, ...world, entry };
}

async function repliedEmail(w: Awaited<ReturnType<typeof emailWorld>>, from: string) {
  t.clock.set(at(0));
  const inbound = await emailMessage(t, w.o, w.entry, { from });
  t.clock.set(at(5));
  expect((await reply(w.o, inbound.id, { type: 'EMAIL', body: '<p>It ships today.</p>' })).statusCode).toBe(201);
  return inbound;
}

async function statusOf(o: TTestOrg, conversationId: string) {
  return (await conversationRow(t, o.org.id, conversationId)).status;
}

describe('same-agent assignment time limit for email (product spec 2.2)', () => {
  it('a replied email stays OPEN with its agent until the limit (default 1440 min) passes, then goes WAITING', async () => {
    const w = await emailWorld();
    const inbound = await repliedEmail(w, 'hold@customer.example');
    expect(await conversationRow(t, w.o.org.id, inbound.conversationId)).toMatchObject({
      status: 'OPEN',
      agent_id: w.o.apiUser.user.id,
      customer_waiting_since: null,
    });
    // The email contact is fulfilled but not awaiting: that clock is for messaging sessions only.
    expect((await contactsOf(t, w.o.org.id, inbound.conversationId))[0]).toMatchObject({
      fulfilled_type: 'RESPONDED',
      awaiting_customer_since: null,
      ended_at: null,
    });

    expect(await expireSameAgentHolds(t.ctx, at(5 + 1439), { orgId: w.o.org.id })).toBe(0);
    expect(await statusOf(w.o, inbound.conversationId)).toBe('OPEN');

    expect(await expireSameAgentHolds(t.ctx, at(5 + 1440), { orgId: w.o.org.id })).toBe(1);
    expect(await conversationRow(t, w.o.org.id, inbound.conversationId)).toMatchObject({
      status: 'WAITING',
      agent_id: w.o.apiUser.user.id,
    });
    const [contact] = await contactsOf(t, w.o.org.id, inbound.conversationId);
    expect(contact).toMatchObject({
      status: 'ENDED',
      ended_at: at(5 + 1440),
      end_reason: 'CUSTOMER_NO_REPLY',
      end_status: 'ANSWERED',
    });
    const events = await routingEvents(t, w.o.org.id, inbound.conversationId);
    expect(events.at(-1)).toEqual({
      type: 'CONTACT/ENDED',
      initiator: { id: '', type: 'SYSTEM' },
      content: {
        channel: 'EMAIL',
        contactId: contact!.id,
        conversationId: inbound.conversationId,
        customerId: inbound.customerId,
        reason: 'CUSTOMER_NO_REPLY',
        status: 'ANSWERED',
        context: { assignee: { inboxId: w.inbox.id, agentId: w.o.apiUser.user.id }, status: 'OPEN' },
      },
    });
    const statusUpdates = await t.db
      .selectFrom('outbox_events')
      .select('initiator')
      .where('org_id', '=', w.o.org.id)
      .where('type', '=', 'CONVERSATION_STATUS/UPDATED')
      .execute();
    expect(statusUpdates.map((e) => e.initiator)).toEqual([{ id: '', type: 'SYSTEM' }]);

    // A second sweep finds nothing more to do.
    expect(await expireSameAgentHolds(t.ctx, at(5 + 2000), { orgId: w.o.org.id })).toBe(0);
    expect((await routingEvents(t, w.o.org.id, inbound.conversationId)).length).toBe(events.length);
  });

  it("follows the org's routing_settings limit; a customer reply or a chat conversation is never moved", async () => {
    const w = await emailWorld();
    await t.db
      .insertInto('routing_settings')
      .values({ org_id: w.o.org.id, same_agent_time_limit_minutes: 30 })
      .execute();
    const quiet = await repliedEmail(w, 'quiet@customer.example');
    const answered = await repliedEmail(w, 'answered@customer.example');
    t.clock.set(at(10));
    await emailMessage(t, w.o, w.entry, { from: 'answered@customer.example', subject: 'Re: Where is my order?' });
    const chat = await chatMessage(w.o, w.channel.id);
    expect((await reply(w.o, chat.id, { type: 'CUSTOM_CHANNEL', body: 'Hi!' })).statusCode).toBe(201);

    expect(await expireSameAgentHolds(t.ctx, at(34), { orgId: w.o.org.id })).toBe(0);
    expect(await expireSameAgentHolds(t.ctx, at(35), { orgId: w.o.org.id })).toBe(1);
    expect(await statusOf(w.o, quiet.conversationId)).toBe('WAITING');
    expect(await statusOf(w.o, answered.conversationId)).toBe('OPEN');
    expect(await statusOf(w.o, chat.conversationId)).toBe('OPEN');
    expect(await expireSameAgentHolds(t.ctx, at(600), { orgId: w.o.org.id })).toBe(0);
    expect(await statusOf(w.o, answered.conversationId)).toBe('OPEN');
    expect(await statusOf(w.o, chat.conversationId)).toBe('OPEN');
  });
});

describe('registerContactWorkers', () => {
  it('works the sweep queue and schedules it every minute; the handler sweeps at the app clock', async () => {
    const w = await emailWorld();
    const inbound = await repliedEmail(w, 'cron@customer.example');
    const handlers = new Map<string, (data: object) => Promise<void>>();
    const schedules: [string, string][] = [];
    const jobs = {
      ...t.ctx.jobs,
      work: async (name: string, handler: (data: object) => Promise<void>) => {
        handlers.set(name, handler);
      },
      schedule: async (name: string, cron: string) => {
        schedules.push([name, cron]);
      },
    } as TAppContext['jobs'];
    await registerContactWorkers({ ...t.ctx, jobs, now: () => at(5 + 1440) });
    expect(schedules).toEqual([[SAME_AGENT_HOLDS_JOB, '* * * * *']]);
    await handlers.get(SAME_AGENT_HOLDS_JOB)?.({});
    expect(await statusOf(w.o, inbound.conversationId)).toBe('WAITING');
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealSecret } from '../../../src/lib/secret-key.js';
import { createEntryPoint } from '../../../src/modules/email/entry-points/commands/create-entry-point.js';
import { registerEmailDelivery } from '../../../src/modules/email/outbound/email-delivery-adapter.js';
import { eventsOf } from '../../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../../helpers.js';
import {
  arrangeEmailSetup,
  arrangeInboundEmail,
  header,
  startSmtpSink,
  TEST_SECRET_KEY,
  type TSmtpSink,
  useOwnDeliveryQueue,
} from './outbound-helpers.js';

const t = useTestApp({ HEARTH_SECRET_KEY: TEST_SECRET_KEY });
useOwnDeliveryQueue(t);

let sink: TSmtpSink;
beforeAll(async () => {
  registerEmailDelivery();
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

function reply(o: TTestOrg, itemId: string, content: unknown) {
  return o.request({ method: 'POST', url: `/api/v1/conversation-items/${itemId}/reply`, body: { content } });
}

async function statusOf(orgId: string, itemId: string) {
  const row = await t.db
    .selectFrom('conversation_items')
    .select(['delivery_status', 'content'])
    .where('org_id', '=', orgId)
    .where('id', '=', itemId)
    .executeTakeFirstOrThrow();
  return row;
}

async function waitForStatus(orgId: string, itemId: string, status: 'SENT' | 'FAILED') {
  await expect
    .poll(async () => (await statusOf(orgId, itemId)).delivery_status, { timeout: 30_000, interval: 200 })
    .toBe(status);
}

function receivedFor(messageIdHeader: string) {
  return sink.received.find((m) => header(m.raw, 'Message-ID') === messageIdHeader);
}

describe('EMAIL reply through the org relay', () => {
  it('arrives on the thread: From, To, Cc, Subject with token, Message-ID recorded first, References, multipart', async () => {
    const o = await createTestOrg(t);
    const setup = await arrangeEmailSetup(t, o, sink, { username: 'relay-user', password: 's3cret pass' });
    const thread = await arrangeInboundEmail(t, o, setup, {
      to: [setup.support, 'Dana <dana@partner.example>'],
      cc: ['boss@customer.example', `billing@${setup.domain}`],
      subject: 'Re: Where is my order?',
      references: ['root@mail.customer.example'],
    });
    await createEntryPoint(t.ctx, o.org.id, { address: `billing@${setup.domain}`, inboxId: setup.inbox.id });
    // Whether our Message-ID was already committed when the relay got the message (a fast reply must thread).
    const committedBeforeSend = new Map<string, boolean>();
    sink.beforeAnswer = async (raw) => {
      const id = (header(raw, 'Message-ID') ?? '').replace(/^<|>$/g, '');
      const row = await t.db
        .selectFrom('email_message_ids')
        .select('item_id')
        .where('org_id', '=', o.org.id)
        .where('message_id', '=', id)
        .executeTakeFirst();
      committedBeforeSend.set(id, row !== undefined);
    };

    const res = await reply(o, thread.itemId, {
      type: 'EMAIL',
      body: '<p>It ships <b>today</b>.</p>',
      bodyPlain: 'It ships today.',
    });
    expect(res.statusCode).toBe(201);
    const itemId = String(res.headers.location).split('/').pop() as string;
    await waitForStatus(o.org.id, itemId, 'SENT');

    const recorded = await t.db
      .selectFrom('email_message_ids')
      .selectAll()
      .where('org_id', '=', o.org.id)
      .where('item_id', '=', itemId)
      .execute();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ direction: 'OUTBOUND', conversation_id: thread.conversation.id });
    const ourId = recorded[0]?.message_id as string;
    sink.beforeAnswer = undefined;
    expect(committedBeforeSend.get(ourId)).toBe(true);
    expect(ourId).toMatch(new RegExp(`^[A-Za-z0-9_-]{24}@${setup.domain.replace(/\./g, '\\.')}$`));

    const mail = receivedFor(`<${ourId}>`);
    expect(mail, 'the relay received the reply').toBeDefined();
    const raw = mail?.raw as string;
    expect(header(raw, 'From')).toBe(`Acme Support <${setup.support}>`);
    expect(header(raw, 'To')).toBe(thread.customerEmail);
    // Reply-all: the other To and the Cc'd third party, never our own addresses or the customer twice.
    expect(header(raw, 'Cc')).toBe('Dana <dana@partner.example>, boss@customer.example');
    expect(header(raw, 'Subject')).toBe(`Re: Where is my order? [#hx-${thread.conversation.id}]`);
    expect(header(raw, 'In-Reply-To')).toBe(`<${thread.messageId}>`);
    expect(header(raw, 'References')).toBe(`<root@mail.customer.example> <${thread.messageId}>`);
    expect(header(raw, 'Content-Type')).toMatch(/^multipart\/alternative; boundary=/);
    expect(raw).toContain(
      'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\nIt ships today.',
    );
    expect(raw).toContain('Content-Type: text/html; charset=utf-8');
    expect(raw).toContain('<p>It ships <b>today</b>.</p>');
    expect(header(raw, 'DKIM-Signature')).toBeUndefined();
    expect(mail?.mailFrom).toBe(setup.support);
    expect(mail?.rcptTo.sort()).toEqual([thread.customerEmail, 'boss@customer.example', 'dana@partner.example'].sort());
    expect(sink.auths).toContainEqual({ username: 'relay-user', password: 's3cret pass' });

    // The item shows what really went out.
    const read = await o.request({ method: 'GET', url: `/api/v1/conversation-items/${itemId}` });
    expect((read.data as { content: Record<string, unknown> }).content).toMatchObject({
      type: 'EMAIL',
      from: setup.support,
      to: [thread.customerEmail],
      cc: ['dana@partner.example', 'boss@customer.example'],
      subject: 'Re: Where is my order?',
      content: 'It ships today.',
    });
    expect(await eventsOf(t, o.org.id, ['CONTACT/MESSAGE_SENT'])).toHaveLength(1);
  });

  it('signs with DKIM when the relay has a key', async () => {
    const o = await createTestOrg(t);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const setup = await arrangeEmailSetup(t, o, sink, {
      dkim: { domain: `${o.org.slug}.example.com`, selector: 'hearth1', privateKey: pem },
    });
    const thread = await arrangeInboundEmail(t, o, setup);
    const res = await reply(o, thread.itemId, { type: 'EMAIL', body: '<p>Signed.</p>' });
    expect(res.statusCode).toBe(201);
    const itemId = String(res.headers.location).split('/').pop() as string;
    await waitForStatus(o.org.id, itemId, 'SENT');
    const row = await t.db
      .selectFrom('email_message_ids')
      .select('message_id')
      .where('org_id', '=', o.org.id)
      .where('item_id', '=', itemId)
      .executeTakeFirstOrThrow();
    const raw = receivedFor(`<${row.message_id}>`)?.raw as string;
    const signature = header(raw, 'DKIM-Signature') as string;
    expect(signature).toContain(`d=${setup.domain}`);
    expect(signature).toContain('s=hearth1');
    expect(signature).toMatch(/a=rsa-sha256/);
    // A reply with no bodyPlain gets a text part derived from the HTML.
    expect(raw).toContain('\r\n\r\nSigned.');
  });

  it('a 4xx answer is tried again later and then succeeds', async () => {
    const o = await createTestOrg(t);
    const setup = await arrangeEmailSetup(t, o, sink);
    const thread = await arrangeInboundEmail(t, o, setup);
    const before = sink.received.length;
    let refused = 0;
    const plan = sink.plan;
    sink.plan = (n) => {
      if (refused === 0) {
        refused += 1;
        return { code: 451, message: 'Try again later' };
      }
      return plan(n);
    };
    try {
      const res = await reply(o, thread.itemId, { type: 'EMAIL', body: '<p>Second time lucky.</p>' });
      const itemId = String(res.headers.location).split('/').pop() as string;
      await waitForStatus(o.org.id, itemId, 'SENT');
      expect(refused).toBe(1);
      const ids = await t.db
        .selectFrom('email_message_ids')
        .select('message_id')
        .where('org_id', '=', o.org.id)
        .where('item_id', '=', itemId)
        .execute();
      // The retry resent the same message (same Message-ID), and it arrived once.
      expect(ids).toHaveLength(1);
      const arrived = sink.received
        .slice(before)
        .filter((m) => header(m.raw, 'Message-ID') === `<${ids[0]?.message_id}>`);
      expect(arrived).toHaveLength(1);
      expect((await statusOf(o.org.id, itemId)).content.deliveryError).toBeUndefined();
    } finally {
      sink.plan = plan;
    }
  });

  it('a 5xx answer marks the item FAILED with the reason, shown on the item in the timeline', async () => {
    const o = await createTestOrg(t);
    const setup = await arrangeEmailSetup(t, o, sink);
    const thread = await arrangeInboundEmail(t, o, setup);
    const plan = sink.plan;
    sink.plan = () => ({ code: 550, message: 'Mailbox unavailable' });
    try {
      const res = await reply(o, thread.itemId, { type: 'EMAIL', body: '<p>Hello?</p>' });
      const itemId = String(res.headers.location).split('/').pop() as string;
      await waitForStatus(o.org.id, itemId, 'FAILED');
      const list = await o.request({ method: 'GET', url: `/api/v1/conversations/${thread.conversation.id}/items` });
      const item = (list.data as { id: string; content: Record<string, unknown> }[]).find((i) => i.id === itemId);
      expect(item?.content.deliveryError).toEqual({
        detail: expect.stringMatching(/^relay 550 Mailbox unavailable/),
        failedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
    } finally {
      sink.plan = plan;
    }
  });

  it('a relay secret sealed under another key fails the item, saying why', async () => {
    const o = await createTestOrg(t);
    const setup = await arrangeEmailSetup(t, o, sink, { username: 'u', password: 'p' });
    const foreign = sealSecret(
      { HEARTH_SECRET_KEY: 'another-key-another-key-another-key', HEARTH_DATA_DIR: '/x' },
      'email-relay',
      'p',
    );
    await t.db
      .updateTable('email_relays')
      .set({ password_encrypted: foreign })
      .where('org_id', '=', o.org.id)
      .execute();
    const thread = await arrangeInboundEmail(t, o, setup);
    const res = await reply(o, thread.itemId, { type: 'EMAIL', body: '<p>x</p>' });
    const itemId = String(res.headers.location).split('/').pop() as string;
    await waitForStatus(o.org.id, itemId, 'FAILED');
    expect((await statusOf(o.org.id, itemId)).content.deliveryError).toMatchObject({
      detail: expect.stringMatching(/cannot be decrypted: HEARTH_SECRET_KEY is not the key they were saved with/),
    });
  });

  it('answers from the address the customer wrote to when the inbox has no default From', async () => {
    const o = await createTestOrg(t);
    const setup = await arrangeEmailSetup(t, o, sink);
    await t.db
      .updateTable('email_entry_points')
      .set({ is_default_from: false })
      .where('org_id', '=', o.org.id)
      .execute();
    await createEntryPoint(t.ctx, o.org.id, {
      address: `@help.${setup.domain}`,
      displayName: 'Help Desk',
      inboxId: setup.inbox.id,
    });
    const thread = await arrangeInboundEmail(t, o, setup, { to: [`orders@help.${setup.domain}`], subject: '' });
    const res = await reply(o, thread.itemId, { type: 'EMAIL', body: '<p>On it.</p>' });
    const itemId = String(res.headers.location).split('/').pop() as string;
    await waitForStatus(o.org.id, itemId, 'SENT');
    const row = await t.db
      .selectFrom('email_message_ids')
      .select('message_id')
      .where('org_id', '=', o.org.id)
      .where('item_id', '=', itemId)
      .executeTakeFirstOrThrow();
    const raw = receivedFor(`<${row.message_id}>`)?.raw as string;
    expect(header(raw, 'From')).toBe(`Help Desk <orders@help.${setup.domain}>`);
    expect(header(raw, 'Subject')).toBe(`[#hx-${thread.conversation.id}]`);
    expect(row.message_id.endsWith(`@help.${setup.domain}`)).toBe(true);
  });
});

describe('EMAIL reply refused at reply time (nothing stored, no event, no job)', () => {
  it('400 when the org has no relay', async () => {
    const o = await createTestOrg(t);
    const setup = await arrangeEmailSetup(t, o, sink);
    await t.db.deleteFrom('email_relays').where('org_id', '=', o.org.id).execute();
    const thread = await arrangeInboundEmail(t, o, setup);
    const res = await reply(o, thread.itemId, { type: 'EMAIL', body: '<p>x</p>' });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      errors: [
        {
          attr: 'content.type',
          code: 'invalid',
          detail: 'email cannot be sent: no outbound email relay is configured',
        },
      ],
    });
    const items = await t.db.selectFrom('conversation_items').select('id').where('org_id', '=', o.org.id).execute();
    expect(items).toHaveLength(1);
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('400 when there is no address to send from', async () => {
    const o = await createTestOrg(t);
    const setup = await arrangeEmailSetup(t, o, sink);
    await t.db
      .updateTable('email_entry_points')
      .set({ is_default_from: false })
      .where('org_id', '=', o.org.id)
      .execute();
    const thread = await arrangeInboundEmail(t, o, setup, { to: ['someone@elsewhere.example'] });
    const res = await reply(o, thread.itemId, { type: 'EMAIL', body: '<p>x</p>' });
    expect(res.statusCode).toBe(400);
    expect(res.data).toEqual({
      errors: [
        {
          attr: 'content.type',
          code: 'invalid',
          detail:
            'email cannot be sent: the inbox has no default From address and the customer did not write to an address of this organization',
        },
      ],
    });
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });
});

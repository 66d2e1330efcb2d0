import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerEmailDelivery } from '../../../src/modules/email/outbound/email-delivery-adapter.js';
import { eventsOf, makeCustomer } from '../../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../../helpers.js';
import {
  arrangeEmailSetup,
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

const URL = '/api/v1/communications/email';

function send(o: TTestOrg, body: unknown) {
  return o.request({ method: 'POST', url: URL, body });
}

async function countsOf(orgId: string) {
  const [items, customers, jobs] = await Promise.all([
    t.db.selectFrom('conversation_items').select('id').where('org_id', '=', orgId).execute(),
    t.db.selectFrom('customers').select('id').where('org_id', '=', orgId).execute(),
    t.db.selectFrom('email_message_ids').select('message_id').where('org_id', '=', orgId).execute(),
  ]);
  return { items: items.length, customers: customers.length, messageIds: jobs.length };
}

describe('POST /api/v1/communications/email', () => {
  it('200 {customerId, conversationItemId}: creates the customer, an EMAIL item outside any conversation, and sends it', async () => {
    const o = await createTestOrg(t);
    const setup = await arrangeEmailSetup(t, o, sink);
    const res = await send(o, {
      to: [{ email: 'New.Person@Example.org', name: 'New Person' }],
      from: setup.support.toUpperCase(),
      subject: 'Your order shipped',
      body: { html: '<p>It is <b>on its way</b>.</p><script>x()</script>', text: 'It is on its way.' },
    });
    expect(res.statusCode).toBe(200);
    const { customerId, conversationItemId } = res.data as { customerId: string; conversationItemId: string };
    expect(Object.keys(res.data as object).sort()).toEqual(['conversationItemId', 'customerId']);
    const profile = await o.request({ method: 'GET', url: `/api/v1/customer-profiles/${customerId}` });
    expect(profile.statusCode).toBe(200);
    expect(JSON.stringify(profile.data)).toContain('new.person@example.org');
    // Not part of a conversation, so no CONTACT/* event: only the new profile is announced.
    expect(await eventsOf(t, o.org.id)).toEqual([
      { type: 'CUSTOMER_PROFILE/CREATED', initiator: { id: o.apiUser.user.id, type: 'API' }, content: { customerId } },
    ]);

    await expect
      .poll(
        async () => {
          const row = await t.db
            .selectFrom('conversation_items')
            .select('delivery_status')
            .where('org_id', '=', o.org.id)
            .where('id', '=', conversationItemId)
            .executeTakeFirst();
          return row?.delivery_status;
        },
        { timeout: 30_000, interval: 200 },
      )
      .toBe('SENT');
    const item = await o.request({ method: 'GET', url: `/api/v1/conversation-items/${conversationItemId}` });
    expect(item.data).toEqual({
      id: conversationItemId,
      customerId,
      timestamp: expect.any(String),
      initiator: { id: o.apiUser.user.id, type: 'API' },
      content: {
        type: 'EMAIL',
        from: setup.support,
        to: ['new.person@example.org'],
        cc: [],
        bcc: [],
        subject: 'Your order shipped',
        content: 'It is on its way.',
        body: '<p>It is <b>on its way</b>.</p>',
        attachments: [],
      },
    });
    const ids = await t.db
      .selectFrom('email_message_ids')
      .selectAll()
      .where('org_id', '=', o.org.id)
      .where('item_id', '=', conversationItemId)
      .execute();
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatchObject({ direction: 'OUTBOUND', conversation_id: null });
    const mail = sink.received.find((m) => header(m.raw, 'Message-ID') === `<${ids[0]?.message_id}>`);
    const raw = mail?.raw as string;
    expect(header(raw, 'From')).toBe(`Acme Support <${setup.support}>`);
    expect(header(raw, 'To')).toBe('New Person <new.person@example.org>');
    expect(header(raw, 'Subject')).toBe('Your order shipped');
    expect(header(raw, 'In-Reply-To')).toBeUndefined();
    expect(header(raw, 'References')).toBeUndefined();
    expect(header(raw, 'Cc')).toBeUndefined();
    expect(header(raw, 'Content-Type')).toMatch(/^multipart\/alternative/);
    expect(raw).not.toContain('<script>');
  });

  it('finds an existing customer by the address; text only is enough (html optional)', async () => {
    const o = await createTestOrg(t);
    const setup = await arrangeEmailSetup(t, o, sink);
    const customer = await makeCustomer(t, o.org.id, { email: 'known@example.org' });
    const res = await send(o, {
      to: [{ email: 'KNOWN@example.org', name: 'Known' }],
      from: setup.support,
      subject: 'x'.repeat(999),
      body: { text: 'Plain only.' },
    });
    expect(res.statusCode).toBe(200);
    expect((res.data as { customerId: string }).customerId).toBe(customer.id);
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('400 for every documented refusal; nothing stored and nothing queued', async () => {
    const o = await createTestOrg(t);
    const setup = await arrangeEmailSetup(t, o, sink);
    const other = await createTestOrg(t);
    const otherSetup = await arrangeEmailSetup(t, other, sink);
    const valid = {
      to: [{ email: 'pat@example.org', name: 'Pat' }],
      from: setup.support,
      subject: 'Hello',
      body: { html: '<p>Hi</p>', text: 'Hi' },
    };
    const cases: [unknown, Record<string, unknown>][] = [
      [
        { ...valid, to: [] },
        { attr: 'to', code: 'invalid', detail: 'to must hold exactly one recipient' },
      ],
      [
        { ...valid, to: [valid.to[0], { email: 'b@example.org', name: 'B' }] },
        { attr: 'to', code: 'invalid', detail: 'to must hold exactly one recipient' },
      ],
      [
        { ...valid, to: undefined },
        { attr: 'to', code: 'blank', detail: 'to cannot be blank' },
      ],
      [
        { ...valid, to: [{ email: 'nope', name: 'x' }] },
        { attr: 'to.0.email', code: 'invalid', detail: 'invalid email address' },
      ],
      [
        { ...valid, from: undefined },
        { attr: 'from', code: 'blank', detail: 'from cannot be blank' },
      ],
      [
        { ...valid, from: 'someone@elsewhere.example' },
        {
          attr: 'from',
          code: 'invalid',
          detail: 'from [someone@elsewhere.example] is not an email address configured for this organization',
        },
      ],
      [
        { ...valid, from: otherSetup.support },
        {
          attr: 'from',
          code: 'invalid',
          detail: `from [${otherSetup.support}] is not an email address configured for this organization`,
        },
      ],
      [
        { ...valid, subject: 'x'.repeat(1000) },
        { attr: 'subject', code: 'too_long', detail: 'subject cannot be longer than 999 characters' },
      ],
      [
        { ...valid, subject: undefined },
        { attr: 'subject', code: 'blank', detail: 'subject cannot be blank' },
      ],
      [
        { ...valid, body: undefined },
        { attr: 'body', code: 'blank', detail: 'body cannot be blank' },
      ],
      [
        { ...valid, body: { html: ' ', text: '' } },
        { attr: 'body', code: 'blank', detail: 'body cannot be blank: give body.html or body.text' },
      ],
    ];
    const before = await countsOf(o.org.id);
    for (const [body, error] of cases) {
      const res = await send(o, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 200)).toBe(400);
      expect(res.data).toEqual({ errors: [error] });
    }
    // A disabled address is not a configured From.
    await t.db.updateTable('email_entry_points').set({ disabled: true }).where('org_id', '=', o.org.id).execute();
    expect((await send(o, valid)).statusCode).toBe(400);
    await t.db.updateTable('email_entry_points').set({ disabled: false }).where('org_id', '=', o.org.id).execute();
    await t.db.deleteFrom('email_relays').where('org_id', '=', o.org.id).execute();
    const noRelay = await send(o, valid);
    expect(noRelay.statusCode).toBe(400);
    expect(noRelay.data).toEqual({
      errors: [{ code: 'invalid', detail: 'email cannot be sent: no outbound email relay is configured' }],
    });
    expect(await countsOf(o.org.id)).toEqual(before);
    expect(await eventsOf(t, o.org.id)).toEqual([]);
  });

  it('401 without credentials', async () => {
    const o = await createTestOrg(t);
    const res = await o.request({ method: 'POST', url: URL, body: {}, authorization: null });
    expect(res.statusCode).toBe(401);
  });
});

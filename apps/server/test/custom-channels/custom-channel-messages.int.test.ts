import { describe, expect, it } from 'vitest';
import { eventsOf, makeCustomer } from '../factories.js';
import { createTestOrg, type TTestOrg, useTestApp } from '../helpers.js';
import { makeCustomChannel } from './custom-channel-factory.js';

const t = useTestApp({ HEARTH_ALLOW_INSECURE_WEBHOOKS: 'true' });

function send(o: TTestOrg, channelId: string, body: unknown) {
  return o.request({ method: 'POST', url: `/api/v1/communications/custom-channels/${channelId}/messages`, body });
}

const text = (overrides: Record<string, unknown> = {}) => ({
  sender: { address: 'user-42@acme-chat', displayName: 'Robin Sender' },
  to: 'support@acme-chat',
  type: 'TEXT',
  content: { text: 'Where is my parcel?' },
  ...overrides,
});

async function counts(orgId: string) {
  const count = async (table: 'customers' | 'conversations' | 'conversation_items' | 'outbox_events') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('org_id', '=', orgId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    customers: await count('customers'),
    conversations: await count('conversations'),
    items: await count('conversation_items'),
    events: await count('outbox_events'),
  };
}

describe('POST /communications/custom-channels/{customChannelId}/messages (TEXT)', () => {
  it('creates the customer and a conversation in the channel inbox; the item reads back field by field', async () => {
    const o = await createTestOrg(t);
    const channel = await makeCustomChannel(t, o.org.id);
    const res = await send(o, channel.id, text({ groupId: 'g-1', groupName: 'Order 1001' }));
    expect(res.statusCode).toBe(201);
    expect(res.body).toBe('');
    const location = res.headers.location as string;
    expect(location).toMatch(/^\/api\/v1\/conversation-items\/[A-Za-z0-9_-]{22}$/);

    const item = await o.request({ method: 'GET', url: location });
    expect(item.statusCode).toBe(200);
    const read = item.data as { id: string; customerId: string; conversationId: string; sessionId: string };
    expect(read).toEqual({
      id: location.split('/').pop(),
      customerId: expect.any(String),
      conversationId: expect.any(String),
      sessionId: expect.any(String),
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      initiator: { id: read.customerId, type: 'CUSTOMER' },
      content: {
        type: 'CUSTOM_CHANNEL',
        customChannelId: channel.id,
        companyAddress: 'support@acme-chat',
        customerAddress: 'user-42@acme-chat',
        sessionId: read.sessionId,
        groupId: 'g-1',
        groupName: 'Order 1001',
        messageType: 'TEXT',
        content: { text: 'Where is my parcel?' },
        attachments: [],
        status: { value: 'SENT' },
      },
    });

    const customer = await o.request({ method: 'GET', url: `/api/v1/customer-profiles/${read.customerId}` });
    expect(customer.data).toMatchObject({ id: read.customerId, name: 'Robin Sender' });
    const conversation = await o.request({ method: 'GET', url: `/api/v1/conversations/${read.conversationId}` });
    expect(conversation.data).toMatchObject({ customerId: read.customerId, status: 'OPEN', inboxId: channel.inboxId });
    const list = await o.request({ method: 'GET', url: `/api/v1/conversations/${read.conversationId}/items` });
    expect(list.data).toEqual([item.data]);

    const events = await eventsOf(t, o.org.id);
    expect(events.map((e) => e.type)).toEqual([
      'CUSTOMER_PROFILE/CREATED',
      'CONVERSATION/CREATED',
      'CONTACT/STARTED',
      'CONTACT/MESSAGE_RECEIVED',
    ]);
    expect(events[3]).toEqual({
      type: 'CONTACT/MESSAGE_RECEIVED',
      initiator: { id: read.customerId, type: 'CUSTOMER' },
      content: {
        channel: 'CUSTOM_CHANNEL',
        contactId: expect.any(String),
        conversationId: read.conversationId,
        customerId: read.customerId,
        messageId: read.id,
        context: expect.objectContaining({ assignee: { inboxId: channel.inboxId } }),
      },
    });
  });

  it('the same sender address is the same customer, conversation and session; another address is not', async () => {
    const o = await createTestOrg(t);
    const channel = await makeCustomChannel(t, o.org.id);
    const first = await send(o, channel.id, text());
    const second = await send(o, channel.id, text({ content: { text: 'Hello?' } }));
    const other = await send(o, channel.id, text({ sender: { address: 'user-43@acme-chat' } }));
    const read = async (res: typeof first) =>
      (await o.request({ method: 'GET', url: res.headers.location as string })).data as {
        customerId: string;
        conversationId: string;
        sessionId: string;
      };
    const [a, b, c] = [await read(first), await read(second), await read(other)];
    expect(b.customerId).toBe(a.customerId);
    expect(b.conversationId).toBe(a.conversationId);
    expect(b.sessionId).toBe(a.sessionId);
    expect(c.customerId).not.toBe(a.customerId);
    expect(c.sessionId).not.toBe(a.sessionId);
    // A customer created with no display name has an empty name, as profiles created by contact do.
    const profile = await o.request({ method: 'GET', url: `/api/v1/customer-profiles/${c.customerId}` });
    expect((profile.data as { name: string }).name).toBe('');
  });

  it('a profile identifier finds the customer by email or mobile phone', async () => {
    const o = await createTestOrg(t);
    const channel = await makeCustomChannel(t, o.org.id, { companyAddresses: ['a@chat', 'b@chat'] });
    const byEmail = await makeCustomer(t, o.org.id, { email: 'pat@example.com' });
    const byPhone = await makeCustomer(t, o.org.id, { mobile: '+14155550123' });
    const viaEmail = await send(
      o,
      channel.id,
      text({
        to: 'b@chat',
        sender: { address: 'x1', profileIdentifier: { type: 'EMAIL', address: 'Pat@Example.com' } },
      }),
    );
    const viaPhone = await send(
      o,
      channel.id,
      text({
        to: 'a@chat',
        sender: { address: 'x2', profileIdentifier: { type: 'PHONE_NUMBER', address: '+1 415 555 0123' } },
      }),
    );
    expect(viaEmail.statusCode).toBe(201);
    expect(viaPhone.statusCode).toBe(201);
    const email = (await o.request({ method: 'GET', url: viaEmail.headers.location as string })).data as {
      customerId: string;
      content: { companyAddress: string };
    };
    const phone = (await o.request({ method: 'GET', url: viaPhone.headers.location as string })).data as {
      customerId: string;
    };
    expect(email.customerId).toBe(byEmail.id);
    expect(email.content.companyAddress).toBe('b@chat');
    expect(phone.customerId).toBe(byPhone.id);
    // The address is now that customer's identity on the channel: later messages without the identifier find them.
    const later = await send(o, channel.id, text({ to: 'a@chat', sender: { address: 'x1' } }));
    const laterItem = (await o.request({ method: 'GET', url: later.headers.location as string })).data as {
      customerId: string;
    };
    expect(laterItem.customerId).toBe(byEmail.id);
  });

  it('answers 400 with Gladly attrs and stores nothing', async () => {
    const o = await createTestOrg(t);
    const channel = await makeCustomChannel(t, o.org.id);
    const before = await counts(o.org.id);
    const cases: [unknown, { attr?: string; code: string; detail?: string }][] = [
      [text({ sender: {} }), { attr: 'sender.address', code: 'blank' }],
      [text({ sender: { address: '  ' } }), { attr: 'sender.address', code: 'blank' }],
      [text({ to: undefined }), { attr: 'to', code: 'blank' }],
      [text({ type: undefined }), { attr: 'type', code: 'blank' }],
      [text({ type: 'VIDEO' }), { attr: 'type', code: 'invalid' }],
      [text({ content: {} }), { attr: 'content.text', code: 'blank' }],
      [text({ type: 'FILES', content: { files: [] } }), { attr: 'content.files', code: 'invalid' }],
      [
        text({ type: 'FILES', content: { files: [{ fileName: 'a' }] } }),
        { attr: 'content.files.0.url', code: 'blank' },
      ],
      [
        text({ type: 'FILES', content: { files: [{ url: 'ftp://example.com/a' }] } }),
        {
          attr: 'content.files.0.url',
          code: 'invalid',
          detail: 'content.files.0.url: only http and https URLs are fetched',
        },
      ],
      [
        text({ sender: { address: 'x', profileIdentifier: { type: 'FAX', address: '1' } } }),
        { attr: 'sender.profileIdentifier.type', code: 'invalid' },
      ],
      [
        text({ sender: { address: 'x', profileIdentifier: { type: 'EMAIL', address: 'not-an-email' } } }),
        {
          attr: 'sender.profileIdentifier.address',
          code: 'invalid',
          detail: 'sender.profileIdentifier.address: invalid email address',
        },
      ],
      [
        text({ to: 'someone-else@acme-chat' }),
        {
          attr: 'to',
          code: 'invalid',
          detail: 'to [someone-else@acme-chat] is not an address of this custom channel',
        },
      ],
    ];
    for (const [body, expected] of cases) {
      const res = await send(o, channel.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const errors = (res.data as { errors: Record<string, unknown>[] }).errors;
      expect(errors[0], JSON.stringify(body)).toMatchObject(expected);
    }
    expect(await counts(o.org.id)).toEqual(before);
  });

  it('answers 404 for an unknown channel and for another org’s channel', async () => {
    const o = await createTestOrg(t);
    const other = await createTestOrg(t);
    const theirs = await makeCustomChannel(t, other.org.id);
    for (const id of ['nope', theirs.id]) {
      const res = await send(o, id, text());
      expect(res.statusCode).toBe(404);
      expect(res.data).toEqual({ errors: [{ code: 'not_exist', detail: `custom channel ${id} does not exist` }] });
    }
    expect(await counts(o.org.id)).toEqual({ customers: 0, conversations: 0, items: 0, events: 0 });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createTestOrg, useTestApp } from '../helpers.js';
import {
  arrangeContactsWorld,
  chatMessage,
  contactsOf,
  conversationRow,
  emailMessage,
  MINUTE,
  makeEmailEntryPoint,
  routingEvents,
} from './arrange.js';

const t = useTestApp();
const T0 = new Date('2026-03-02T22:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

afterEach(() => t.clock.reset());

describe('due dates of inbound contacts (product spec 5.5)', () => {
  it("an email entry point's own SLA overrides the inbox's; without one the inbox SLA applies (calendar time)", async () => {
    const o = await createTestOrg(t);
    const { inbox } = await arrangeContactsWorld(t, o, { slaMinutes: 300 });
    const withSla = await makeEmailEntryPoint(t, o, inbox.id, { slaMinutes: 15 });
    t.clock.set(at(0));
    const fast = await emailMessage(t, o, withSla, { from: 'fast@customer.example' });
    const [contact] = await contactsOf(t, o.org.id, fast.conversationId);
    expect(contact).toMatchObject({ channel: 'EMAIL', entry_point: withSla.address, due_at: at(15), status: 'QUEUED' });
    expect(await conversationRow(t, o.org.id, fast.conversationId)).toMatchObject({
      channel: 'EMAIL',
      due_at: at(15),
      queued_at: at(0),
      last_inbound_at: at(0),
    });
    const [started] = await routingEvents(t, o.org.id, fast.conversationId);
    expect(started).toEqual({
      type: 'CONTACT/STARTED',
      initiator: { id: fast.customerId, type: 'CUSTOMER' },
      content: {
        channel: 'EMAIL',
        contactId: contact!.id,
        conversationId: fast.conversationId,
        customerId: fast.customerId,
        dueAt: at(15).toISOString(),
        entryPoint: withSla.address,
        context: { assignee: { inboxId: inbox.id }, status: 'OPEN' },
      },
    });

    await t.db
      .updateTable('email_entry_points')
      .set({ sla_minutes: null })
      .where('org_id', '=', o.org.id)
      .where('id', '=', withSla.id)
      .execute();
    const slow = await emailMessage(t, o, withSla, { from: 'slow@customer.example' });
    // 22:00 + 5 h = 03:00 the next day: SLAs run on calendar time.
    expect((await conversationRow(t, o.org.id, slow.conversationId)).due_at).toEqual(
      new Date('2026-03-03T03:00:00.000Z'),
    );
  });

  it('a contact on a new channel ends the live one (STARTED_NEW) and starts another; the earlier due date wins', async () => {
    const o = await createTestOrg(t);
    const { inbox, channel } = await arrangeContactsWorld(t, o, { slaMinutes: 60 });
    const slowEntry = await makeEmailEntryPoint(t, o, inbox.id, { slaMinutes: 120 });
    t.clock.set(at(0));
    const email = await emailMessage(t, o, slowEntry, { from: 'pat@customer.example' });
    expect((await conversationRow(t, o.org.id, email.conversationId)).due_at).toEqual(at(120));

    // 30 minutes later on chat: candidate 30 + 60 = 90 is earlier than 120, so it replaces it.
    t.clock.set(at(30));
    const chat = await chatMessage(o, channel.id, { email: 'pat@customer.example' });
    expect(chat.conversationId).toBe(email.conversationId);
    const contacts = await contactsOf(t, o.org.id, email.conversationId);
    expect(contacts).toHaveLength(2);
    expect(contacts[0]).toMatchObject({
      channel: 'EMAIL',
      status: 'ENDED',
      ended_at: at(30),
      end_reason: 'STARTED_NEW',
      end_status: 'UNANSWERED',
    });
    expect(contacts[1]).toMatchObject({
      channel: 'CUSTOM_CHANNEL',
      status: 'QUEUED',
      ended_at: null,
      due_at: at(90),
      entry_point: null,
    });
    expect(await conversationRow(t, o.org.id, email.conversationId)).toMatchObject({
      channel: 'CUSTOM_CHANNEL',
      due_at: at(90),
      queued_at: at(0),
      last_inbound_at: at(30),
    });
    const events = await routingEvents(t, o.org.id, email.conversationId);
    expect(events.map((e) => [e.type, (e.content as { contactId: string }).contactId])).toEqual([
      ['CONTACT/STARTED', contacts[0]!.id],
      ['CONTACT/MESSAGE_RECEIVED', contacts[0]!.id],
      ['CONTACT/ENDED', contacts[0]!.id],
      ['CONTACT/STARTED', contacts[1]!.id],
      ['CONTACT/MESSAGE_RECEIVED', contacts[1]!.id],
    ]);
    expect(events[2]!.content).toMatchObject({ channel: 'EMAIL', reason: 'STARTED_NEW', status: 'UNANSWERED' });
    expect(events[3]!.content).toMatchObject({ channel: 'CUSTOM_CHANNEL', dueAt: at(90).toISOString() });

    // Back on email 10 minutes later: candidate 40 + 120 = 160 is later than 90, which is kept.
    t.clock.set(at(40));
    await emailMessage(t, o, slowEntry, { from: 'pat@customer.example', subject: 'Also' });
    expect(await conversationRow(t, o.org.id, email.conversationId)).toMatchObject({
      channel: 'EMAIL',
      due_at: at(90),
    });
    const live = (await contactsOf(t, o.org.id, email.conversationId)).filter((c) => c.ended_at === null);
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ channel: 'EMAIL', due_at: at(90) });
  });

  it('an auto-reply starts no contact and moves no due date', async () => {
    const o = await createTestOrg(t);
    const { inbox } = await arrangeContactsWorld(t, o);
    const entry = await makeEmailEntryPoint(t, o, inbox.id);
    t.clock.set(at(0));
    const auto = await emailMessage(t, o, entry, {
      from: 'robot@customer.example',
      headers: ['Auto-Submitted: auto-replied'],
    });
    expect(await contactsOf(t, o.org.id, auto.conversationId)).toEqual([]);
    expect(await routingEvents(t, o.org.id, auto.conversationId)).toEqual([]);
    expect((await conversationRow(t, o.org.id, auto.conversationId)).due_at).toBeNull();

    // Inside a live contact it is recorded against it, without touching the wait.
    const human = await emailMessage(t, o, entry, { from: 'pat@customer.example' });
    t.clock.set(at(5));
    const autoInThread = await emailMessage(t, o, entry, {
      from: 'pat@customer.example',
      subject: 'Out of office',
      headers: ['Auto-Submitted: auto-replied'],
    });
    expect(autoInThread.conversationId).toBe(human.conversationId);
    const [contact] = await contactsOf(t, o.org.id, human.conversationId);
    expect(contact).toMatchObject({ last_inbound_at: at(0), due_at: at(60) });
    const last = (await routingEvents(t, o.org.id, human.conversationId)).at(-1);
    expect(last).toMatchObject({
      type: 'CONTACT/MESSAGE_RECEIVED',
      content: { contactId: contact!.id, messageId: autoInThread.id },
    });
  });
});

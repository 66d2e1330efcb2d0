import { afterEach, describe, expect, it } from 'vitest';
import type { TTransaction } from '../../src/db/database.js';
import { endContact, fulfillContact, transferContact } from '../../src/modules/contacts/contact-lifecycle.js';
import {
  markContactAccepted,
  markContactRejected,
  markContactsOffered,
} from '../../src/modules/contacts/contact-offers.js';
import { findLiveContact } from '../../src/modules/contacts/contacts.queries.js';
import { makeInbox } from '../factories.js';
import { createTestOrg, useTestApp } from '../helpers.js';
import { arrangeContactsWorld, chatMessage, contactsOf, MINUTE, routingEvents } from './arrange.js';

const t = useTestApp();
const T0 = new Date('2026-03-02T10:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);
const ROUTING = { id: '', type: 'SYSTEM' } as const;

afterEach(() => t.clock.reset());

// The functions the routing service calls inside its transactions: each changes the live contact and appends its event.
describe('contact lifecycle functions used by routing', () => {
  it('OFFERED → OFFER_REJECTED (back to QUEUED) → OFFERED → OFFER_ACCEPTED + JOINED (ACTIVE with the agent)', async () => {
    const o = await createTestOrg(t);
    const { inbox, channel, agent } = await arrangeContactsWorld(t, o);
    t.clock.set(at(0));
    const inbound = await chatMessage(o, channel.id);
    const orgId = o.org.id;
    const conversationId = inbound.conversationId;
    const agentId = agent.user.id;
    const step = (fn: (trx: TTransaction) => Promise<unknown>) => t.db.transaction().execute(fn);
    const conversationRow = (trx: TTransaction) =>
      trx
        .selectFrom('conversations')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('id', '=', conversationId)
        .executeTakeFirstOrThrow();
    // As a routing run does: the conversation row it locked and the live contact it listed.
    const offer = async (trx: TTransaction, when: Date, matchReasons: string[]) => {
      const conversation = await conversationRow(trx);
      const contact = await findLiveContact(trx, orgId, conversationId);
      await markContactsOffered(trx, orgId, [{ contactId: contact!.id, conversation, agentId, matchReasons }], when);
    };

    await step((trx) => offer(trx, at(1), ['SKILL']));
    expect((await contactsOf(t, orgId, conversationId))[0]).toMatchObject({
      status: 'OFFERED',
      offered_at: at(1),
      agent_id: agentId,
    });
    await step((trx) =>
      markContactRejected(trx, { orgId, conversationId, agentId, reason: 'MISSED', at: at(2), initiator: ROUTING }),
    );
    expect((await contactsOf(t, orgId, conversationId))[0]).toMatchObject({ status: 'QUEUED', agent_id: null });
    await step((trx) => offer(trx, at(3), []));
    const byAgent = { id: agentId, type: 'AGENT' } as const;
    // As an accepted offer does: with the conversation row as its assignment left it.
    await step(async (trx) =>
      markContactAccepted(trx, { conversation: await conversationRow(trx), agentId, at: at(4), initiator: byAgent }),
    );
    const [contact] = await contactsOf(t, orgId, conversationId);
    expect(contact).toMatchObject({ status: 'ACTIVE', agent_id: agentId, accepted_at: at(4), offered_at: at(3) });

    const ids = { channel: 'CUSTOM_CHANNEL', contactId: contact!.id, conversationId, customerId: inbound.customerId };
    const context = { assignee: { inboxId: inbox.id }, status: 'OPEN' };
    expect((await routingEvents(t, orgId, conversationId)).slice(2)).toEqual([
      { type: 'CONTACT/OFFERED', initiator: ROUTING, content: { ...ids, agentId, matchReasons: ['SKILL'], context } },
      {
        type: 'CONTACT/OFFER_REJECTED',
        initiator: ROUTING,
        content: { ...ids, agentId, reason: 'MISSED', context },
      },
      { type: 'CONTACT/OFFERED', initiator: ROUTING, content: { ...ids, agentId, matchReasons: [], context } },
      { type: 'CONTACT/OFFER_ACCEPTED', initiator: byAgent, content: { ...ids, agentId, context } },
      { type: 'CONTACT/JOINED', initiator: byAgent, content: { ...ids, messageId: inbound.id, context } },
    ]);
  });

  it('fulfil once; end is a no-op without a live contact; an automatic transfer follows the new assignee', async () => {
    const o = await createTestOrg(t);
    const { channel, agent } = await arrangeContactsWorld(t, o);
    const other = await makeInbox(t, o.org.id, { memberIds: [agent.user.id] });
    const inbound = await chatMessage(o, channel.id);
    const orgId = o.org.id;
    const conversationId = inbound.conversationId;
    const base = { orgId, conversationId, at: at(1), initiator: ROUTING };

    await t.db.transaction().execute((trx) =>
      transferContact(trx, {
        ...base,
        reason: 'AUTOMATION',
        assignee: { inboxId: other.id, agentId: agent.user.id },
      }),
    );
    const transferred = (await routingEvents(t, orgId, conversationId)).at(-1);
    expect(transferred).toMatchObject({
      type: 'CONTACT/TRANSFERRED',
      content: { transferType: 'COLD', reason: 'AUTOMATION', assignee: { inboxId: other.id, agentId: agent.user.id } },
    });
    expect((await contactsOf(t, orgId, conversationId))[0]).toMatchObject({
      inbox_id: other.id,
      agent_id: agent.user.id,
      status: 'ACTIVE',
    });

    expect(await t.db.transaction().execute((trx) => fulfillContact(trx, { ...base, type: 'RESPONDED' }))).toBe(true);
    expect(await t.db.transaction().execute((trx) => fulfillContact(trx, { ...base, type: 'CANCELED' }))).toBe(false);
    await t.db.transaction().execute((trx) => endContact(trx, { ...base, reason: 'AGENT_ENDED' }));
    expect(await findLiveContact(t.db, orgId, conversationId)).toBeUndefined();
    const count = (await routingEvents(t, orgId, conversationId)).length;
    await t.db.transaction().execute((trx) => endContact(trx, { ...base, reason: 'AGENT_ENDED' }));
    await t.db.transaction().execute((trx) => fulfillContact(trx, { ...base, type: 'RESPONDED' }));
    expect((await routingEvents(t, orgId, conversationId)).length).toBe(count);
    const [ended] = await contactsOf(t, orgId, conversationId);
    expect(ended).toMatchObject({ fulfilled_type: 'RESPONDED', end_reason: 'AGENT_ENDED', end_status: 'ANSWERED' });
  });
});

import { newId } from '../../src/lib/ids.js';
import { getDeliveryAdapter, registerDeliveryAdapter } from '../../src/modules/channels/delivery-registry.js';
import { makeCustomChannelWorld, type TCustomChannelWorld } from '../custom-channels/world-custom-channels.js';
import { makeEmailWorld, type TEmailWorld } from '../email/outbound/world-email.js';
import { makeExportWorld, type TExportWorld } from '../exports/world-exports.js';
import { makeConversation, makeCustomer, makeInboundItem, makeInbox, makeTopic } from '../factories.js';
import { createTestOrg, type TTestApp, type TTestOrg, type TTestUser } from '../helpers.js';
import { makeWebhookWorld, type TWebhookWorld } from '../webhooks/world-webhooks.js';
import { insertItem, lastSegment, makeStepper } from './world-steps.js';

/**
 * One org with a little of everything the public API touches, so every endpoint of the catalogue can be given a
 * valid request. Rows the API cannot create (inboxes, teams, audiences, custom attribute definitions, channel
 * messages) are inserted; the rest goes through the public API when its route exists, and falls back to an insert
 * while a module is still being built, so the cross-cutting suites run at every stage.
 */
export interface TWorld extends TWebhookWorld, TExportWorld, TEmailWorld, TCustomChannelWorld {
  o: TTestOrg;
  /** An agent with API User and Compliance Administrator: deleting a customer needs both. */
  compliance: Required<TTestUser>;
  /** A plain agent, member of the inbox and the team. */
  agent: TTestUser;
  inbox: { id: string; name: string };
  team: { id: string; name: string };
  audience: { id: string; name: string };
  /** On the open conversation. */
  topic: { id: string; name: string };
  /** Not on any conversation: what a valid "add topics" request adds. */
  spareTopic: { id: string; name: string };
  customAttribute: { id: string; key: string };
  customer: { id: string; email: string; mobile: string; name: string };
  /** A customer with no open conversation, so a valid delete request exists. */
  spareCustomer: { id: string; email: string };
  openConversation: { id: string };
  closedConversation: { id: string };
  /** The customer's inbound SMS in the open conversation: what reply and redact act on. */
  smsItem: { id: string };
  /** A CUSTOMER_ACTIVITY item on the customer's timeline (outside any conversation). */
  activityItem: { id: string };
  /** A second activity item, for the customer-scoped delete. */
  spareActivityItem: { id: string };
  note: { id: string };
  task: { id: string };
  comment: { id: string };
  primaryHours: { id: string };
  secondaryHours: { id: string };
  /** Steps that fell back to an insert because the route answered an error (a hint when a suite fails). */
  fallbacks: string[];
}

export const OFFICE_HOURS = {
  timezone: 'America/New_York',
  monday: [{ start: '09:00', stop: '17:00' }],
  tuesday: [{ start: '09:00', stop: '17:00' }],
  wednesday: [{ start: '09:00', stop: '17:00' }],
  thursday: [{ start: '09:00', stop: '17:00' }],
  friday: [{ start: '09:00', stop: '12:00' }],
  saturday: [],
  sunday: [],
  exceptions: [],
};

export function activityContent(): Record<string, unknown> & { type: string } {
  return {
    type: 'CUSTOMER_ACTIVITY',
    activityType: 'EMAIL',
    title: 'Order shipped',
    body: '<p>Your order <b>#123</b> shipped.</p>',
    sourceName: 'Shop',
    link: { url: 'https://shop.example.com/orders/123', text: 'Order 123' },
    expandByDefault: false,
  };
}

export function futureIso(days = 3): string {
  return new Date(Date.now() + days * 24 * 3600_000).toISOString();
}

export async function buildWorld(t: TTestApp, existing?: TTestOrg): Promise<TWorld> {
  // Replies are refused on a channel nothing could send on; these suites never run the delivery worker.
  if (!getDeliveryAdapter('SMS')) registerDeliveryAdapter('SMS', { deliver: async () => {} });
  const o = existing ?? (await createTestOrg(t));
  const orgId = o.org.id;
  const fallbacks: string[] = [];
  const apiUserId = o.apiUser.user.id;
  const compliance = (await o.addUser(['AGENT', 'API_USER', 'COMPLIANCE_ADMINISTRATOR'], {
    name: 'Compliance User',
  })) as Required<TTestUser>;
  const agent = await o.addUser(['AGENT'], { name: 'Plain Agent' });

  const inbox = await makeInbox(t, orgId, { memberIds: [apiUserId, agent.user.id, compliance.user.id] });
  const team = { id: newId(), name: `Team ${newId().slice(0, 6)}` };
  await t.db.insertInto('teams').values({ org_id: orgId, id: team.id, name: team.name, description: 'd' }).execute();
  await t.db.insertInto('team_members').values({ org_id: orgId, team_id: team.id, user_id: agent.user.id }).execute();
  const audience = { id: newId(), name: `Audience ${newId().slice(0, 6)}` };
  await t.db.insertInto('audiences').values({ org_id: orgId, id: audience.id, name: audience.name }).execute();
  const topic = await makeTopic(t, orgId);
  const spareTopic = await makeTopic(t, orgId);
  const customAttribute = {
    id: newId(),
    key: `ORDER_ID_${newId()
      .slice(0, 5)
      .replace(/[^A-Za-z0-9]/g, 'X')}`,
  };
  await t.db
    .insertInto('custom_attribute_definitions')
    .values({ org_id: orgId, id: customAttribute.id, key: customAttribute.key, label: 'Order', created_by: apiUserId })
    .execute();

  const tag = newId()
    .slice(0, 8)
    .replace(/[^A-Za-z0-9]/g, 'x')
    .toLowerCase();
  const customer = {
    id: newId(),
    email: `pat.${tag}@example.com`,
    mobile: `+1415555${String(Math.floor(1000 + Math.random() * 8999))}`,
    name: `Pat ${tag}`,
  };
  await makeCustomer(t, orgId, customer);
  const spareCustomer = { id: newId(), email: `sam.${tag}@example.com` };
  await makeCustomer(t, orgId, { ...spareCustomer, name: `Sam ${tag}` });

  const closedConversation = await makeConversation(t, orgId, {
    customerId: customer.id,
    inboxId: inbox.id,
    status: 'CLOSED',
    createdAt: new Date(Date.now() - 3 * 24 * 3600_000),
    closedAt: new Date(Date.now() - 2 * 24 * 3600_000),
  });
  await makeConversation(t, orgId, {
    customerId: spareCustomer.id,
    inboxId: inbox.id,
    status: 'CLOSED',
    createdAt: new Date(Date.now() - 3 * 24 * 3600_000),
  });
  const openConversation = await makeConversation(t, orgId, {
    customerId: customer.id,
    inboxId: inbox.id,
    agentId: apiUserId,
    customerWaiting: true,
  });
  const smsItem = await makeInboundItem(t, orgId, {
    customerId: customer.id,
    conversationId: openConversation.id,
    content: { from: customer.mobile, to: '+14155550199' },
  });
  await t.db
    .insertInto('conversation_topics')
    .values({ org_id: orgId, conversation_id: openConversation.id, topic_id: topic.id })
    .execute();
  await t.db
    .insertInto('conversation_custom_attributes')
    .values({
      org_id: orgId,
      conversation_id: openConversation.id,
      custom_attribute_id: customAttribute.id,
      value: 'ORD_1',
    })
    .execute();

  const step = makeStepper(t, o, fallbacks);

  const activityItem = { id: newId() };
  const spareActivityItem = { id: newId() };
  for (const item of [activityItem, spareActivityItem]) {
    await step(
      `activity ${item.id}`,
      {
        method: 'POST',
        url: `/api/v1/customers/${customer.id}/conversation-items`,
        body: { id: item.id, content: activityContent() },
      },
      () =>
        insertItem(t, orgId, {
          id: item.id,
          customerId: customer.id,
          conversationId: null,
          initiatorId: apiUserId,
          content: activityContent(),
          direction: 'INBOUND',
        }),
    );
  }

  const note = { id: '' };
  const noteRes = await step(
    'note',
    {
      method: 'POST',
      url: `/api/v1/conversations/${openConversation.id}/notes`,
      body: { body: 'Called the carrier.' },
    },
    async () => {
      note.id = newId();
      await insertItem(t, orgId, {
        id: note.id,
        customerId: customer.id,
        conversationId: openConversation.id,
        initiatorId: apiUserId,
        content: { type: 'CONVERSATION_NOTE', body: 'Called the carrier.', attachments: [] },
        direction: 'INTERNAL',
      });
    },
  );
  if (noteRes) note.id = lastSegment(noteRes);

  const task = { id: newId() };
  await step(
    'task',
    {
      method: 'POST',
      url: `/api/v1/customers/${customer.id}/tasks`,
      body: { id: task.id, assignee: { inboxId: inbox.id, agentId: apiUserId }, body: 'Call back', dueAt: futureIso() },
    },
    async () => {
      await t.db
        .insertInto('tasks')
        .values({
          org_id: orgId,
          id: task.id,
          customer_id: customer.id,
          inbox_id: inbox.id,
          agent_id: apiUserId,
          body: 'Call back',
          due_at: new Date(futureIso()),
          status: 'OPEN',
          created_by_id: apiUserId,
          created_by_type: 'API',
          closed_at: null,
        })
        .execute();
    },
  );
  const comment = { id: newId() };
  await step(
    'comment',
    {
      method: 'POST',
      url: `/api/v1/tasks/${task.id}/comments`,
      body: { id: comment.id, agentId: apiUserId, comment: 'On it' },
    },
    async () => {
      await t.db
        .insertInto('task_comments')
        .values({ org_id: orgId, id: comment.id, task_id: task.id, agent_id: apiUserId, comment: 'On it' })
        .execute();
    },
  );

  const primaryHours = { id: '' };
  const secondaryHours = { id: '' };
  for (const [hours, primary] of [
    [primaryHours, true],
    [secondaryHours, false],
  ] as const) {
    const name = `${primary ? 'Main' : 'Holiday'} hours ${tag}`;
    const res = await step(
      `business hours ${name}`,
      { method: 'POST', url: '/api/v1/business-hours', body: { name, primary, officeHours: OFFICE_HOURS } },
      async () => {
        hours.id = `bh_${newId()}`;
        await t.db
          .insertInto('business_hours')
          .values({
            org_id: orgId,
            id: hours.id,
            name,
            is_primary: primary,
            office_hours: JSON.stringify(OFFICE_HOURS),
          })
          .execute();
      },
    );
    if (res) hours.id = ((res.data as { id?: string } | undefined)?.id ?? lastSegment(res)) || hours.id;
  }

  return {
    o,
    compliance,
    agent,
    inbox,
    team,
    audience,
    topic,
    spareTopic,
    customAttribute,
    customer,
    spareCustomer: { id: spareCustomer.id, email: spareCustomer.email },
    openConversation,
    closedConversation,
    smsItem,
    activityItem,
    spareActivityItem,
    note,
    task,
    comment,
    primaryHours,
    secondaryHours,
    ...(await makeWebhookWorld(t, orgId)),
    ...(await makeExportWorld(t, orgId)),
    ...(await makeEmailWorld(t, orgId, inbox.id)),
    ...(await makeCustomChannelWorld(t, orgId, inbox.id, agent.user.id)),
    fallbacks,
  };
}

/** Every value of the world that another org must never see: ids, names, emails. */
export function secretsOf(w: TWorld): string[] {
  return [
    w.o.org.id,
    w.o.org.slug,
    w.o.apiUser.user.id,
    w.o.apiUser.user.email,
    w.compliance.user.id,
    w.compliance.user.email,
    w.agent.user.id,
    w.agent.user.email,
    w.inbox.id,
    w.inbox.name,
    w.team.id,
    w.team.name,
    w.audience.id,
    w.audience.name,
    w.topic.id,
    w.topic.name,
    w.spareTopic.id,
    w.spareTopic.name,
    w.customAttribute.id,
    w.customAttribute.key,
    w.customer.id,
    w.customer.email,
    w.customer.name,
    w.spareCustomer.id,
    w.spareCustomer.email,
    w.openConversation.id,
    w.closedConversation.id,
    w.smsItem.id,
    w.activityItem.id,
    w.spareActivityItem.id,
    w.note.id,
    w.task.id,
    w.comment.id,
    w.primaryHours.id,
    w.secondaryHours.id,
    w.webhook.id,
    w.spareWebhook.id,
    w.exportJob.id,
    w.spareExportJob.id,
    w.emailFrom,
    w.customChannel.id,
    w.customChannel.companyAddress,
    w.customChannelItem.id,
    w.customChannelAttachment.id,
    w.customChannelReply.id,
  ].filter((s) => s.length >= 6);
}

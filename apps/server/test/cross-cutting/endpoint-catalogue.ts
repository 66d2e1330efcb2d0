import { newId } from '../../src/lib/ids.js';
import type { TTestApp } from '../helpers.js';
import { publicWebhookUrl } from '../webhooks/world-webhooks.js';
import { activityContent, futureIso, OFFICE_HOURS, type TWorld } from './world.js';

export type TMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A request as data: path parameters by name, query values, a JSON body; `as` picks a user other than the API user. */
export interface TValidRequest {
  params: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  as?: 'compliance';
}

export interface TEndpoint {
  method: TMethod;
  /** The path as OpenAPI writes it: `/api/v1/tasks/{taskId}`. */
  path: string;
  /** The statuses a valid request may answer. */
  ok: number[];
  /** A valid request against the world, fresh per call (client ids are new each time). */
  build(w: TWorld, t: TTestApp): TValidRequest | Promise<TValidRequest>;
  /**
   * The body names other entities of the org (an inbox, a topic, an agent, a custom attribute key): in another org,
   * even on that org's own entities, such a body must be refused with a 400 or 404.
   */
  bodyRefs?: boolean;
}

export function keyOf(e: { method: string; path: string }): string {
  return `${e.method.toUpperCase()} ${e.path}`;
}

const V = '/api/v1';

export const CATALOGUE: TEndpoint[] = [
  // 4.10 directory and configuration
  { method: 'GET', path: `${V}/organization`, ok: [200], build: () => ({ params: {} }) },
  { method: 'GET', path: `${V}/agents`, ok: [200], build: () => ({ params: {} }) },
  {
    method: 'GET',
    path: `${V}/agents/{agentId}`,
    ok: [200],
    build: (w) => ({ params: { agentId: w.agent.user.id } }),
  },
  {
    method: 'GET',
    path: `${V}/agents/{agentIdOrEmail}/call-recorder`,
    ok: [200],
    build: (w) => ({ params: { agentIdOrEmail: w.agent.user.id } }),
  },
  {
    method: 'PATCH',
    path: `${V}/agents/{agentIdOrEmail}/call-recorder`,
    ok: [204],
    build: (w) => ({ params: { agentIdOrEmail: w.agent.user.email }, body: { recording: false } }),
  },
  { method: 'GET', path: `${V}/inboxes`, ok: [200], build: () => ({ params: {} }) },
  { method: 'GET', path: `${V}/inboxes/{inboxId}`, ok: [200], build: (w) => ({ params: { inboxId: w.inbox.id } }) },
  { method: 'GET', path: `${V}/teams`, ok: [200], build: () => ({ params: {} }) },
  { method: 'GET', path: `${V}/teams/{teamId}`, ok: [200], build: (w) => ({ params: { teamId: w.team.id } }) },
  { method: 'GET', path: `${V}/audiences`, ok: [200], build: () => ({ params: {} }) },
  { method: 'GET', path: `${V}/topics`, ok: [200], build: () => ({ params: {} }) },
  {
    method: 'POST',
    path: `${V}/topics`,
    ok: [201],
    bodyRefs: true,
    build: (w) => ({
      params: {},
      body: { id: newId(), name: `New topic ${newId()}`, disabled: false, parentId: w.topic.id },
    }),
  },
  { method: 'GET', path: `${V}/topics/{topicId}`, ok: [200], build: (w) => ({ params: { topicId: w.topic.id } }) },
  {
    method: 'PATCH',
    path: `${V}/topics/{topicId}`,
    ok: [204],
    bodyRefs: true,
    build: (w) => ({
      params: { topicId: w.spareTopic.id },
      body: { id: w.spareTopic.id, name: `Renamed ${newId()}`, disabled: false, parentId: w.topic.id },
    }),
  },
  {
    method: 'GET',
    path: `${V}/custom-attributes/{customAttributeId}`,
    ok: [200],
    build: (w) => ({ params: { customAttributeId: w.customAttribute.id } }),
  },
  { method: 'GET', path: `${V}/business-hours`, ok: [200], build: () => ({ params: {} }) },
  {
    method: 'POST',
    path: `${V}/business-hours`,
    ok: [201],
    build: () => ({ params: {}, body: { name: `Hours ${newId()}`, primary: false, officeHours: OFFICE_HOURS } }),
  },
  {
    method: 'GET',
    path: `${V}/business-hours/{businessHoursId}`,
    ok: [200],
    build: (w) => ({ params: { businessHoursId: w.primaryHours.id } }),
  },
  {
    method: 'PUT',
    path: `${V}/business-hours/{businessHoursId}`,
    ok: [200],
    build: async (w, t) => {
      const row = await t.db
        .selectFrom('business_hours')
        .select('version')
        .where('org_id', '=', w.o.org.id)
        .where('id', '=', w.secondaryHours.id)
        .executeTakeFirst();
      return {
        params: { businessHoursId: w.secondaryHours.id },
        body: { version: row?.version ?? 1, name: `Hours ${newId()}`, primary: false, officeHours: OFFICE_HOURS },
      };
    },
  },
  {
    method: 'DELETE',
    path: `${V}/business-hours/{businessHoursId}`,
    ok: [204],
    build: (w) => ({ params: { businessHoursId: w.secondaryHours.id } }),
  },

  // 4.2 customers
  {
    method: 'POST',
    path: `${V}/customer-profiles`,
    ok: [201],
    build: () => {
      const tag = newId()
        .replace(/[^A-Za-z0-9]/g, 'x')
        .toLowerCase();
      return {
        params: {},
        body: {
          id: newId(),
          name: 'Robin Example',
          image: 'https://example.com/robin.png',
          address: '1 Main St, Springfield',
          emails: [{ original: `robin.${tag}@example.com`, primary: true }],
          phones: [{ original: '+1 650 123 4567', regionCode: 'US', type: 'HOME', primary: true, smsPreference: 'ON' }],
          customAttributes: { tier: 'gold' },
        },
      };
    },
  },
  {
    method: 'GET',
    path: `${V}/customer-profiles`,
    ok: [200],
    build: (w) => ({ params: {}, query: { email: w.customer.email } }),
  },
  {
    method: 'GET',
    path: `${V}/customer-profiles/{customerId}`,
    ok: [200],
    build: (w) => ({ params: { customerId: w.customer.id } }),
  },
  {
    method: 'PATCH',
    path: `${V}/customer-profiles/{customerId}`,
    ok: [204],
    build: (w) => ({
      params: { customerId: w.customer.id },
      body: {
        id: w.customer.id,
        name: `Pat ${newId().slice(0, 6)}`,
        address: '2 Side St',
        emails: [{ original: w.customer.email, normalized: w.customer.email, primary: true }],
        phones: [{ original: w.customer.mobile, type: 'MOBILE', regionCode: 'US', primary: true, smsPreference: 'ON' }],
        customAttributes: { tier: 'silver' },
      },
    }),
  },
  {
    method: 'DELETE',
    path: `${V}/customer-profiles/{customerId}`,
    ok: [204],
    build: (w) => ({ params: { customerId: w.spareCustomer.id }, as: 'compliance' }),
  },

  // 4.3 conversations
  {
    method: 'GET',
    path: `${V}/customers/{customerId}/conversations`,
    ok: [200],
    build: (w) => ({ params: { customerId: w.customer.id } }),
  },
  {
    method: 'GET',
    path: `${V}/conversations/{conversationId}`,
    ok: [200],
    build: (w) => ({ params: { conversationId: w.openConversation.id } }),
  },
  {
    method: 'PATCH',
    path: `${V}/conversations/{conversationId}`,
    ok: [204],
    bodyRefs: true,
    build: (w) => ({
      params: { conversationId: w.openConversation.id },
      body: {
        assignee: { inboxId: w.inbox.id, agentId: w.o.apiUser.user.id },
        status: { value: 'OPEN', force: false },
      },
    }),
  },
  {
    method: 'POST',
    path: `${V}/conversations/{conversationId}/topics`,
    ok: [204],
    bodyRefs: true,
    build: (w) => ({ params: { conversationId: w.openConversation.id }, body: { topicIds: [w.spareTopic.id] } }),
  },
  {
    method: 'DELETE',
    path: `${V}/conversations/{conversationId}/topics/{topicId}`,
    ok: [204],
    build: (w) => ({ params: { conversationId: w.openConversation.id, topicId: w.topic.id } }),
  },
  {
    method: 'POST',
    path: `${V}/customer-history/{customerId}/conversations/{conversationId}/custom-attributes`,
    ok: [204],
    bodyRefs: true,
    build: (w) => ({
      params: { customerId: w.customer.id, conversationId: w.openConversation.id },
      body: {
        add: [{ key: w.customAttribute.key, value: `ORD_${newId().slice(0, 4)}` }],
        remove: [{ key: w.customAttribute.key, value: 'ORD_1' }],
      },
    }),
  },

  // 4.4 conversation items
  {
    method: 'GET',
    path: `${V}/conversations/{conversationId}/items`,
    ok: [200],
    build: (w) => ({ params: { conversationId: w.openConversation.id } }),
  },
  {
    method: 'POST',
    path: `${V}/conversation-items`,
    ok: [200],
    build: (w) => ({
      params: {},
      body: { id: newId(), customer: { emailAddress: w.customer.email }, content: activityContent() },
    }),
  },
  {
    method: 'GET',
    path: `${V}/conversation-items/{itemId}`,
    ok: [200],
    build: (w) => ({ params: { itemId: w.smsItem.id } }),
  },
  {
    method: 'DELETE',
    path: `${V}/conversation-items/{itemId}`,
    ok: [204],
    build: (w) => ({ params: { itemId: w.activityItem.id } }),
  },
  {
    method: 'POST',
    path: `${V}/conversation-items/{itemId}/reply`,
    ok: [201],
    build: (w) => ({ params: { itemId: w.smsItem.id }, body: { content: { type: 'SMS', body: 'We are on it.' } } }),
  },
  {
    method: 'POST',
    path: `${V}/conversation-items/{itemId}/redact`,
    ok: [201],
    build: (w) => ({ params: { itemId: w.smsItem.id } }),
  },
  {
    method: 'POST',
    path: `${V}/customers/{customerId}/conversation-items`,
    ok: [200],
    build: (w) => ({ params: { customerId: w.customer.id }, body: { id: newId(), content: activityContent() } }),
  },
  {
    method: 'DELETE',
    path: `${V}/customers/{customerId}/conversation-items/{itemId}`,
    ok: [204],
    build: (w) => ({ params: { customerId: w.customer.id, itemId: w.spareActivityItem.id } }),
  },

  // 4.5 notes
  {
    method: 'POST',
    path: `${V}/conversations/{conversationId}/notes`,
    ok: [201],
    build: (w) => ({
      params: { conversationId: w.openConversation.id },
      body: { body: '<p>Refund <b>approved</b></p>' },
    }),
  },
  {
    method: 'GET',
    path: `${V}/conversations/{conversationId}/notes/{noteId}`,
    ok: [200],
    build: (w) => ({ params: { conversationId: w.openConversation.id, noteId: w.note.id } }),
  },

  // 4.7 tasks
  {
    method: 'POST',
    path: `${V}/tasks`,
    ok: [201],
    bodyRefs: true,
    build: (w) => ({
      params: {},
      body: {
        id: newId(),
        assignee: { inboxId: w.inbox.id, agentId: w.o.apiUser.user.id },
        body: 'Follow up on the refund',
        dueAt: futureIso(),
        customer: { emailAddress: w.customer.email },
      },
    }),
  },
  {
    method: 'GET',
    path: `${V}/customers/{customerId}/tasks`,
    ok: [200],
    build: (w) => ({ params: { customerId: w.customer.id }, query: { status: 'OPEN' } }),
  },
  {
    method: 'POST',
    path: `${V}/customers/{customerId}/tasks`,
    ok: [201],
    bodyRefs: true,
    build: (w) => ({
      params: { customerId: w.customer.id },
      body: { id: newId(), assignee: { inboxId: w.inbox.id, agentId: null }, body: 'Check stock', dueAt: futureIso(2) },
    }),
  },
  { method: 'GET', path: `${V}/tasks/{taskId}`, ok: [200], build: (w) => ({ params: { taskId: w.task.id } }) },
  {
    method: 'PATCH',
    path: `${V}/tasks/{taskId}`,
    ok: [204],
    bodyRefs: true,
    build: (w) => ({
      params: { taskId: w.task.id },
      body: {
        status: 'OPEN',
        body: 'Call back tomorrow',
        dueAt: futureIso(4),
        assignee: { inboxId: w.inbox.id, agentId: w.o.apiUser.user.id },
      },
    }),
  },
  {
    method: 'GET',
    path: `${V}/tasks/{taskId}/comments`,
    ok: [200],
    build: (w) => ({ params: { taskId: w.task.id } }),
  },
  {
    method: 'POST',
    path: `${V}/tasks/{taskId}/comments`,
    ok: [201],
    bodyRefs: true,
    build: (w) => ({
      params: { taskId: w.task.id },
      body: { id: newId(), agentId: w.o.apiUser.user.id, comment: 'Left a voicemail' },
    }),
  },
  {
    method: 'GET',
    path: `${V}/tasks/{taskId}/comments/{commentId}`,
    ok: [200],
    build: (w) => ({ params: { taskId: w.task.id, commentId: w.comment.id } }),
  },
  // 4.15 webhooks (created disabled, so no PING leaves the machine)
  { method: 'GET', path: `${V}/webhooks`, ok: [200], build: () => ({ params: {} }) },
  {
    method: 'POST',
    path: `${V}/webhooks`,
    ok: [201],
    build: () => ({
      params: {},
      body: { name: `Hook ${newId()}`, url: publicWebhookUrl(), events: ['CONVERSATION/CREATED', 'TASK/CREATED'] },
    }),
  },
  {
    method: 'GET',
    path: `${V}/webhooks/{webhookId}`,
    ok: [200],
    build: (w) => ({ params: { webhookId: w.webhook.id } }),
  },
  {
    method: 'PATCH',
    path: `${V}/webhooks/{webhookId}`,
    ok: [204],
    build: (w) => ({
      params: { webhookId: w.webhook.id },
      body: { name: `Renamed ${newId()}`, events: ['CUSTOMER_PROFILE/CREATED'], headers: { 'X-Token': 'abc' } },
    }),
  },
  {
    method: 'DELETE',
    path: `${V}/webhooks/{webhookId}`,
    ok: [204],
    build: (w) => ({ params: { webhookId: w.spareWebhook.id } }),
  },
  {
    method: 'GET',
    path: `${V}/webhooks/{webhookId}/deliveries`,
    ok: [200],
    build: (w) => ({ params: { webhookId: w.webhook.id } }),
  },
  {
    method: 'POST',
    path: `${V}/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver`,
    ok: [202],
    build: (w) => ({ params: { webhookId: w.webhook.id, deliveryId: w.webhookDelivery.id } }),
  },

  // 4.16 events, 4.17 exports
  {
    method: 'GET',
    path: `${V}/events`,
    ok: [200],
    build: () => ({
      params: {},
      query: { startAt: new Date(Date.now() - 3600_000).toISOString(), entities: 'CONVERSATION' },
    }),
  },
  { method: 'GET', path: `${V}/export/schedules`, ok: [200], build: () => ({ params: {} }) },
  { method: 'GET', path: `${V}/export/jobs`, ok: [200], build: () => ({ params: {}, query: { status: 'COMPLETED' } }) },
  {
    method: 'GET',
    path: `${V}/export/jobs/{jobId}`,
    ok: [200],
    build: (w) => ({ params: { jobId: w.exportJob.id } }),
  },
  {
    method: 'DELETE',
    path: `${V}/export/jobs/{jobId}`,
    ok: [204],
    build: (w) => ({ params: { jobId: w.spareExportJob.id } }),
  },
  {
    method: 'GET',
    path: `${V}/export/jobs/{jobId}/files/{filename}`,
    ok: [200],
    build: (w) => ({ params: { jobId: w.exportJob.id, filename: 'conversation_items.jsonl' } }),
  },
  // 4.8 communications
  {
    method: 'POST',
    path: `${V}/communications/email`,
    ok: [200],
    bodyRefs: true,
    build: (w) => ({
      params: {},
      body: {
        to: [
          {
            email: `pat.${newId()
              .slice(0, 6)
              .replace(/[^A-Za-z0-9]/g, 'x')
              .toLowerCase()}@example.org`,
            name: 'Pat',
          },
        ],
        from: w.emailFrom,
        subject: 'Your order shipped',
        body: { html: '<p>On its way.</p>', text: 'On its way.' },
      },
    }),
  },
  // 4.8 custom channels and 4.4 attachments
  {
    method: 'POST',
    path: `${V}/communications/custom-channels/{customChannelId}/messages`,
    ok: [201],
    build: (w) => ({
      params: { customChannelId: w.customChannel.id },
      body: {
        sender: { address: `sender-${newId()}`, displayName: 'Sam' },
        to: w.customChannel.companyAddress,
        type: 'TEXT',
        content: { text: 'Is my order on its way?' },
      },
    }),
  },
  {
    method: 'PUT',
    path: `${V}/communications/custom-channels/{customChannelId}/messages/{messageId}/status`,
    ok: [200],
    build: (w) => ({
      params: { customChannelId: w.customChannel.id, messageId: w.customChannelReply.id },
      body: { value: 'DELIVERED' },
    }),
  },
  {
    method: 'GET',
    path: `${V}/conversation-items/{itemId}/attachments/{attachmentId}`,
    ok: [303],
    build: (w) => ({ params: { itemId: w.customChannelItem.id, attachmentId: w.customChannelAttachment.id } }),
  },
  {
    method: 'GET',
    path: `${V}/conversation-items/{itemId}/attachments/{attachmentId}/content`,
    ok: [200],
    build: (w) => ({ params: { itemId: w.customChannelItem.id, attachmentId: w.customChannelAttachment.id } }),
  },
];

export const CATALOGUE_BY_KEY = new Map(CATALOGUE.map((e) => [keyOf(e), e]));

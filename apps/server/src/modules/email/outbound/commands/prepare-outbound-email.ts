import type Mail from 'nodemailer/lib/mailer/index.js';
import type { TAppContext } from '../../../../app-context.js';
import type { TConversationItemRow } from '../../../../db/schema.js';
import type { TDeliveryJob } from '../../../channels/delivery-registry.js';
import {
  findSendingAddress,
  ourAddressTest,
  resolveSender,
  type TSender,
} from '../../entry-points/entry-points.queries.js';
import {
  headerOf,
  messageIdsOf,
  newMessageId,
  parseMailbox,
  parseMailboxes,
  replyCc,
  replyReferences,
  replySubject,
  type TMailbox,
} from '../email-composer.js';
import {
  findConversationInboxId,
  findInboundSource,
  findItemById,
  findLatestInboundEmail,
  findMessageIdOfItem,
  listItemAttachments,
  mergeItemContent,
  recordOutboundMessageId,
} from '../outbound.repository.js';

interface TEnvelope {
  from: TSender;
  to: TMailbox;
  cc: TMailbox[];
  subject: string;
  inReplyTo: string | null;
  references: string[];
}

/**
 * Everything the relay gets for one outbound EMAIL item. Commits first, in one transaction: our Message-ID (reused
 * on a retry, so a resend is recognisably the same message) in email_message_ids, and the From and Cc the mail
 * really carries into the item. Only then is it sent.
 */
export async function prepareOutboundEmail(ctx: TAppContext, job: TDeliveryJob): Promise<Mail.Options> {
  const { orgId, item } = job;
  const envelope = item.conversation_id
    ? await replyEnvelope(ctx, job, item.conversation_id)
    : await standaloneEnvelope(ctx, job);
  const messageId =
    (await findMessageIdOfItem(ctx.db, orgId, item.id, 'OUTBOUND')) ?? newMessageId(envelope.from.address);
  await ctx.db.transaction().execute(async (trx) => {
    await recordOutboundMessageId(trx, { orgId, messageId, conversationId: item.conversation_id, itemId: item.id });
    await mergeItemContent(trx, orgId, item.id, {
      from: envelope.from.address,
      to: [envelope.to.address],
      cc: envelope.cc.map((m) => m.address),
    });
  });
  const attachments = await listItemAttachments(ctx.db, orgId, item.id);
  const html = typeof item.content.body === 'string' ? item.content.body : undefined;
  const text = typeof item.content.content === 'string' ? item.content.content : '';
  return {
    from: { name: envelope.from.name, address: envelope.from.address },
    to: [{ name: envelope.to.name, address: envelope.to.address }],
    ...(envelope.cc.length > 0 ? { cc: envelope.cc } : {}),
    subject: envelope.subject,
    ...(html ? { html } : {}),
    text,
    messageId: `<${messageId}>`,
    ...(envelope.inReplyTo ? { inReplyTo: `<${envelope.inReplyTo}>` } : {}),
    ...(envelope.references.length > 0 ? { references: envelope.references.map((id) => `<${id}>`) } : {}),
    attachments: attachments.map((a) => ({
      filename: a.filename,
      contentType: a.content_type,
      content: a.content,
      ...(a.content_id ? { cid: a.content_id } : {}),
      contentDisposition: a.inline ? ('inline' as const) : ('attachment' as const),
    })),
  };
}

/** A reply: to the customer's address on the message answered, everyone else on it copied, on its thread. */
async function replyEnvelope(ctx: TAppContext, job: TDeliveryJob, conversationId: string): Promise<TEnvelope> {
  const { orgId, item } = job;
  const parent = job.replyToItemId
    ? await findItemById(ctx.db, orgId, job.replyToItemId)
    : await findLatestInboundEmail(ctx.db, orgId, conversationId, item.occurred_at);
  const source = parent ?? item;
  const to = parseMailbox(parent ? parent.content.from : asList(item.content.to)[0]);
  if (!to) throw new Error('the message answered has no customer address to reply to');
  const wroteTo = parseMailboxes(asList(source.content.to));
  const copied = parseMailboxes(asList(source.content.cc));
  const inboxId = await findConversationInboxId(ctx.db, orgId, conversationId);
  const from = await resolveSender(ctx.db, orgId, {
    inboxId,
    wroteTo: [...wroteTo, ...copied].map((m) => m.address),
  });
  if (!from) throw new Error('no From address: the inbox has no default From and the customer wrote to none of ours');
  const isOurs = await ourAddressTest(ctx.db, orgId);
  const cc = replyCc({ to: wroteTo, cc: copied, customer: to.address, isOurs });
  const subjectOf = (row: TConversationItemRow) => (typeof row.content.subject === 'string' ? row.content.subject : '');
  const thread = parent ? await parentThread(ctx, orgId, parent) : { messageId: null, references: [] };
  return {
    from,
    to,
    cc,
    subject: replySubject(parent ? subjectOf(parent) : subjectOf(item), conversationId),
    inReplyTo: thread.messageId,
    references: replyReferences(thread.references, thread.messageId),
  };
}

/** The answered message's Message-ID and References, from the raw message it was made from. */
async function parentThread(ctx: TAppContext, orgId: string, parent: TConversationItemRow) {
  const source = await findInboundSource(ctx.db, orgId, parent.id);
  const messageId = source?.messageId ?? (await findMessageIdOfItem(ctx.db, orgId, parent.id, 'INBOUND'));
  const references = source ? messageIdsOf(headerOf(source.head, 'references')) : [];
  return { messageId: messageId ? messageId.replace(/^<|>$/g, '') : null, references };
}

/** A Send Email API message: its item holds the addresses, checked when it was accepted. */
async function standaloneEnvelope(ctx: TAppContext, job: TDeliveryJob): Promise<TEnvelope> {
  const { item } = job;
  const to = parseMailbox(asList(item.content.to)[0]);
  const fromAddress = parseMailbox(item.content.from);
  if (!to || !fromAddress) throw new Error('the email has no From or To address');
  const sender = await findSendingAddress(ctx.db, job.orgId, fromAddress.address);
  return {
    from: sender ?? { entryPointId: '', name: '', address: fromAddress.address },
    to: { name: job.channelData?.toName ?? '', address: to.address },
    cc: [],
    subject: typeof item.content.subject === 'string' ? item.content.subject : '',
    inReplyTo: null,
    references: [],
  };
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

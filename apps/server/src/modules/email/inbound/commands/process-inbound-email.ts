import type { TAppContext } from '../../../../app-context.js';
import type { TTransaction } from '../../../../db/database.js';
import { newId } from '../../../../lib/ids.js';
import { sanitizeEmailHtml } from '../../../../lib/rich-content.js';
import { recordInboundMessageIn } from '../../../conversations/commands/record-inbound-message.js';
import { findCustomerIdByEmail } from '../../../customers/customers.repository.js';
import { parseConversationToken } from '../../conversation-token.js';
import {
  claimMessageId,
  findConversationBrief,
  findThreadedMessageIds,
  insertAttachment,
  linkMessageId,
  lockInboundEmail,
  markItemFailed,
  settleInboundEmail,
} from '../inbound.repository.js';
import { lookupForms, normalizeMessageId } from '../message-id.js';
import { parseEmail, type TParsedEmail, type TParsedPart } from '../parse-email.js';
import type { TProcessEmailJobData } from './accept-inbound-email.js';
import { orgAddressBook, type TOrgAddressBook } from './org-addresses.js';
import { recordUnparseableEmail } from './record-unparseable-email.js';

/**
 * Turn a stored message into a timeline item (the `email.process` job). Runs at least once per message: the row
 * is locked and only a RECEIVED row is processed, so a retried or duplicated job changes nothing. Everything the
 * message leads to (customer, conversation, item, parts, Message-ID, status) commits together.
 */
export async function processInboundEmail(ctx: TAppContext, job: TProcessEmailJobData): Promise<void> {
  const stored = await ctx.db
    .selectFrom('inbound_emails')
    .select(['status', 'raw'])
    .where('org_id', '=', job.orgId)
    .where('id', '=', job.inboundEmailId)
    .executeTakeFirst();
  if (stored?.status !== 'RECEIVED') return;
  const parsed = await parseEmail(stored.raw);
  try {
    await recordParsedEmail(ctx, job, parsed);
  } catch (error) {
    if (isTransient(error)) throw error;
    // A failure that would repeat on every attempt (bad data, a bug): keep the message visible as UNPARSEABLE
    // rather than retrying it forever.
    ctx.log.error({ err: error, ...job }, 'an inbound email could not be recorded');
    await ctx.db.transaction().execute(async (trx) => {
      const row = await lockInboundEmail(trx, job.orgId, job.inboundEmailId);
      if (row?.status !== 'RECEIVED') return;
      const reason = `the message could not be recorded: ${(error as Error).message ?? String(error)}`;
      await recordUnparseableEmail(trx, { row, error: reason.slice(0, 1000), now: ctx.now() });
    });
  }
}

/** Connection loss, serialization failures, deadlocks, resource limits: worth another attempt. */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return /connection|timeout/i.test((error as Error)?.message ?? '');
  return /^(08|40|53|57)/.test(code) || /^E[A-Z]+$/.test(code);
}

async function recordParsedEmail(
  ctx: TAppContext,
  job: TProcessEmailJobData,
  parsed: Awaited<ReturnType<typeof parseEmail>>,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockInboundEmail(trx, job.orgId, job.inboundEmailId);
    if (row?.status !== 'RECEIVED') return;
    const now = ctx.now();
    if (!parsed.ok) {
      await recordUnparseableEmail(trx, { row, error: parsed.error, now });
      return;
    }
    const email = parsed.email;
    const settle = (outcome: Omit<Parameters<typeof settleInboundEmail>[3], 'messageId' | 'now'>) =>
      settleInboundEmail(trx, job.orgId, row.id, { ...outcome, messageId: email.messageId, now });

    if (!(await claimMessageId(trx, job.orgId, email.messageId))) return settle({ status: 'DUPLICATE' });
    if (email.bounce) {
      const failedItem = email.bounce.failed ? await markBouncedItem(trx, job.orgId, email) : null;
      return settle({ status: 'BOUNCE', itemId: failedItem, error: email.bounce.error });
    }
    const entryPoint = await entryPointOf(trx, job.orgId, row.entry_point_id);
    const inboxId = entryPoint?.inbox_id;
    if (!inboxId) return settle({ status: 'UNPARSEABLE', error: 'the entry point no longer exists' });
    const book = await orgAddressBook(trx, job.orgId);
    const thread = await findThread(trx, job.orgId, email);
    const author = await authorOf(trx, job.orgId, email, thread, book);

    const itemId = newId();
    const partIds = email.parts.map(() => newId());
    const result = await recordInboundMessageIn(trx, {
      orgId: job.orgId,
      inboxId,
      contact: { emailAddress: email.from.address },
      ...(email.from.name ? { contactName: email.from.name } : {}),
      channel: 'EMAIL',
      item: { id: itemId, contentType: 'EMAIL', content: itemContent(email, itemId, partIds, book, row.rcpt_to) },
      now,
      threadConversationId: thread?.conversationId,
      ...(author ? { customerId: author.customerId, thirdParty: author.type } : {}),
      awaitsReply: !email.autoReply,
      entryPoint: { identifier: entryPoint.address, slaMinutes: entryPoint.sla_minutes },
    });
    for (const [index, part] of email.parts.entries()) {
      await insertAttachment(trx, { orgId: job.orgId, id: partIds[index]!, itemId, ...part });
    }
    await linkMessageId(trx, job.orgId, email.messageId, { conversationId: result.conversationId, itemId });
    await settle({
      status: email.autoReply ? 'AUTO_REPLY' : 'PROCESSED',
      itemId,
      conversationId: result.conversationId,
    });
  });
}

async function entryPointOf(trx: TTransaction, orgId: string, entryPointId: string) {
  return trx
    .selectFrom('email_entry_points')
    .select(['inbox_id', 'address', 'sla_minutes'])
    .where('org_id', '=', orgId)
    .where('id', '=', entryPointId)
    .executeTakeFirst();
}

/** Mark the outbound item a bounce refers to as failed; its id, or null when the report names nothing of ours. */
async function markBouncedItem(trx: TTransaction, orgId: string, email: TParsedEmail): Promise<string | null> {
  const ids = email.bounce?.referencedMessageIds ?? [];
  if (ids.length === 0) return null;
  const known = await findThreadedMessageIdsAny(trx, orgId, ids);
  for (const id of ids) {
    const row = known.find((k) => normalizeMessageId(k.message_id) === id && k.direction === 'OUTBOUND' && k.item_id);
    if (row?.item_id && (await markItemFailed(trx, orgId, row.item_id, email.bounce?.error ?? 'delivery failed'))) {
      return row.item_id;
    }
  }
  return null;
}

function findThreadedMessageIdsAny(trx: TTransaction, orgId: string, ids: string[]) {
  return trx
    .selectFrom('email_message_ids')
    .select(['message_id', 'direction', 'item_id'])
    .where('org_id', '=', orgId)
    .where('message_id', 'in', lookupForms(ids))
    .execute();
}

/**
 * The conversation a reply belongs to, by layer: a Message-ID we sent (In-Reply-To, then References newest
 * first), then one we received, then the subject's conversation token. Null: the customer's open or recently
 * closed conversation decides (recordInboundMessage).
 */
async function findThread(
  trx: TTransaction,
  orgId: string,
  email: TParsedEmail,
): Promise<{ conversationId: string; customerId: string } | null> {
  const ids = email.threadIds.filter((id) => id !== email.messageId);
  if (ids.length > 0) {
    const known = await findThreadedMessageIds(trx, orgId, lookupForms(ids));
    for (const direction of ['OUTBOUND', 'INBOUND'] as const) {
      for (const id of ids) {
        const row = known.find((k) => k.direction === direction && normalizeMessageId(k.message_id) === id);
        const conversation = row?.conversation_id && (await findConversationBrief(trx, orgId, row.conversation_id));
        if (conversation) return { conversationId: conversation.id, customerId: conversation.customer_id };
      }
    }
  }
  const token = parseConversationToken(email.subject);
  const conversation = token ? await findConversationBrief(trx, orgId, token) : undefined;
  return conversation ? { conversationId: conversation.id, customerId: conversation.customer_id } : null;
}

/**
 * When someone other than the thread's customer writes in it (a colleague or another party who was on TO/CC),
 * the message joins the customer's conversation as theirs: INTERNAL on one of the org's domains, else EXTERNAL.
 */
async function authorOf(
  trx: TTransaction,
  orgId: string,
  email: TParsedEmail,
  thread: { customerId: string } | null,
  book: TOrgAddressBook,
): Promise<{ customerId: string; type: 'INTERNAL' | 'EXTERNAL' } | null> {
  if (!thread) return null;
  const senderCustomerId = await findCustomerIdByEmail(trx, orgId, email.from.address);
  if (senderCustomerId === thread.customerId) return null;
  return { customerId: thread.customerId, type: book.isInternal(email.from.address) ? 'INTERNAL' : 'EXTERNAL' };
}

function itemContent(
  email: TParsedEmail,
  itemId: string,
  partIds: string[],
  book: TOrgAddressBook,
  rcptTo: string[],
): Record<string, unknown> {
  const urlOf = (index: number) => `/api/v1/conversation-items/${itemId}/attachments/${partIds[index]}`;
  let html = email.html;
  if (html) {
    email.parts.forEach((part, index) => {
      if (part.inline && part.contentId) html = html!.split(`cid:${part.contentId}`).join(urlOf(index));
    });
  }
  const participants = [
    ...email.to.map((a) => ({ ...a, field: 'TO' })),
    ...email.cc.map((a) => ({ ...a, field: 'CC' })),
  ]
    .filter((p) => p.address !== email.from.address && !book.isEntryPoint(p.address))
    .map((p) => ({
      emailAddress: p.address,
      ...(p.name ? { name: p.name } : {}),
      field: p.field,
      type: book.isInternal(p.address) ? 'INTERNAL' : 'EXTERNAL',
    }));
  const entryPointAddress = rcptTo.find((a) => book.isEntryPoint(a.toLowerCase()))?.toLowerCase() ?? rcptTo[0];
  return {
    from: email.from.address,
    ...(email.from.name ? { fromName: email.from.name } : {}),
    to: email.to.map((a) => a.address),
    cc: email.cc.map((a) => a.address),
    bcc: [],
    subject: email.subject,
    content: email.text,
    ...(html ? { body: sanitizeEmailHtml(html) } : {}),
    attachments: email.parts.flatMap((part: TParsedPart, index) =>
      part.inline
        ? []
        : [
            {
              id: partIds[index],
              contentType: part.contentType,
              filename: part.filename,
              fileSize: part.content.length,
            },
          ],
    ),
    messageId: email.messageId,
    ...(entryPointAddress ? { entryPointAddress } : {}),
    participants,
    ...(email.autoReply ? { autoReply: true } : {}),
  };
}

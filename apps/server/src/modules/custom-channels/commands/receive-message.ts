import { sql } from 'kysely';
import type { TAppContext } from '../../../app-context.js';
import type { TTransaction } from '../../../db/database.js';
import { deferredWrite } from '../../../db/deferred-write.js';
import { withEventBatch } from '../../../events/outbox.js';
import { badRequest, notFound } from '../../../http/errors.js';
import { newId } from '../../../lib/ids.js';
import { storeAttachments } from '../../attachments/store-attachments.js';
import { recordInboundMessageIn } from '../../conversations/commands/record-inbound-message.js';
import {
  createCustomerWithoutContact,
  findOrCreateCustomerByContact,
} from '../../customers/commands/find-or-create-customer.js';
import { normalizeEmail, parsePhone } from '../../customers/contact-normalization.js';
import { parseOrThrow } from '../../items/content-validation.js';
import {
  CUSTOM_CHANNEL_ITEM_TYPE,
  type TCustomChannelItemContent,
  type TCustomChannelMessageContent,
} from '../custom-channel-content.js';
import { fetchMessageFiles } from '../custom-channel-files.js';
import {
  findCustomChannel,
  findIdentity,
  insertIdentity,
  repointIdentity,
  setItemAttachments,
} from '../custom-channels.repository.js';
import { type TInboundMessageBody, ZFilesContent, ZTextContent } from '../custom-channels.schemas.js';

export interface TReceiveMessageInput {
  orgId: string;
  customChannelId: string;
  body: TInboundMessageBody;
}

type TSender = TInboundMessageBody['sender'];
// Profiles a customer's own message creates are created by that customer, as recordInboundMessage does.
const AS_CUSTOMER = { id: '', type: 'CUSTOMER' } as const;
type TProfileContact = { emailAddress: string } | { mobilePhone: string };

/**
 * An inbound custom channel message (API spec 4.8): recorded exactly as any inbound contact (the customer's open
 * conversation takes it, else a reopened or new one in the channel's inbox). Files are fetched first; a failed
 * fetch refuses the message and stores nothing.
 */
export async function receiveCustomChannelMessage(
  ctx: TAppContext,
  input: TReceiveMessageInput,
): Promise<{ itemId: string }> {
  const { orgId, body } = input;
  const channel = await findCustomChannel(ctx.db, orgId, input.customChannelId);
  if (!channel) throw notFound(`custom channel ${input.customChannelId} does not exist`);
  if (!channel.company_addresses.includes(body.to)) {
    throw badRequest('invalid', `to [${body.to}] is not an address of this custom channel`, 'to');
  }
  const profileContact = body.sender.profileIdentifier ? parseProfileIdentifier(body.sender.profileIdentifier) : null;
  const message = parseMessageContent(body);
  const files = 'files' in message ? await fetchMessageFiles(ctx.env, message.files) : [];
  const now = ctx.now();

  const receiveIn = async (trx: TTransaction): Promise<{ itemId: string }> => {
    const { customerId, customerIsNew, sessionId } = await resolveSender(
      trx,
      orgId,
      channel.id,
      body.sender,
      profileContact,
      now,
    );
    // The item and its attachments reference each other: the row goes in first, the attachment list follows.
    const content: TCustomChannelItemContent = {
      customChannelId: channel.id,
      companyAddress: body.to,
      customerAddress: body.sender.address,
      sessionId,
      ...(body.groupId ? { groupId: body.groupId } : {}),
      ...(body.groupName ? { groupName: body.groupName } : {}),
      messageType: body.type,
      content: message,
      attachments: [],
      status: { value: 'SENT' },
    };
    // No item id is passed: the new item takes a fresh one, which needs no check that it is free.
    const { itemId } = await recordInboundMessageIn(trx, {
      orgId,
      inboxId: channel.inbox_id,
      customerId,
      customerIsNew,
      channel: 'CUSTOM_CHANNEL',
      item: { contentType: CUSTOM_CHANNEL_ITEM_TYPE, content: { ...content }, sessionId },
      now,
    });
    if (files.length > 0) {
      const attachments = await storeAttachments(trx, orgId, itemId, files, now);
      await setItemAttachments(trx, orgId, itemId, attachments);
    }
    return { itemId };
  };
  // The message's events (profile, conversation, contact) are written in one statement at the end.
  return ctx.db.transaction().execute((trx) => withEventBatch(trx, () => receiveIn(trx)));
}

function parseProfileIdentifier(identifier: NonNullable<TSender['profileIdentifier']>): TProfileContact {
  const attr = 'sender.profileIdentifier.address';
  if (identifier.type === 'EMAIL') {
    if (!normalizeEmail(identifier.address)) throw badRequest('invalid', `${attr}: invalid email address`, attr);
    return { emailAddress: identifier.address };
  }
  if (!parsePhone(identifier.address)) throw badRequest('invalid', `${attr}: invalid phone number`, attr);
  return { mobilePhone: identifier.address };
}

function parseMessageContent(body: TInboundMessageBody): TCustomChannelMessageContent {
  if (body.type === 'TEXT') return parseOrThrow(ZTextContent, body.content, 'content');
  const parsed = parseOrThrow(ZFilesContent, body.content, 'content');
  const files = parsed.files.map((file, index) => {
    const attr = `content.files.${index}.url`;
    let url: URL;
    try {
      url = new URL(file.url);
    } catch {
      throw badRequest('invalid', `${attr}: not a valid URL`, attr);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw badRequest('invalid', `${attr}: only http and https URLs are fetched`, attr);
    }
    return { ...(file.fileName ? { fileName: file.fileName } : {}), url: file.url };
  });
  return { ...(parsed.caption ? { caption: parsed.caption } : {}), files };
}

/**
 * The customer behind a sender, and the session (the sender's identity on this channel). A profile identifier
 * (email or phone) names the profile outright; otherwise the address already seen on this channel does; otherwise
 * a new profile is created under the display name. The lock serialises first messages of one new sender.
 */
async function resolveSender(
  trx: TTransaction,
  orgId: string,
  channelId: string,
  sender: TSender,
  profileContact: TProfileContact | null,
  now: Date,
): Promise<{ customerId: string; customerIsNew: boolean; sessionId: string }> {
  // The lock's answer is not needed: it travels with the identity's read, which runs once the lock is held.
  await deferredWrite(trx, sql`SELECT pg_advisory_xact_lock(hashtext(${`${orgId}\n${channelId}\n${sender.address}`}))`);
  const identity = await findIdentity(trx, orgId, channelId, sender.address);
  const known = identity ? (identity.merged_into_id ?? identity.customer_id) : undefined;
  let customerId: string;
  let customerIsNew = false;
  if (profileContact) {
    ({ customerId, created: customerIsNew } = await findOrCreateCustomerByContact(
      trx,
      orgId,
      profileContact,
      AS_CUSTOMER,
      { now },
    ));
  } else if (known) {
    customerId = known;
  } else {
    customerId = await createCustomerWithoutContact(trx, orgId, { name: sender.displayName ?? '' }, AS_CUSTOMER, now);
    customerIsNew = true;
  }
  if (identity) {
    if (identity.customer_id !== customerId) await repointIdentity(trx, orgId, identity.id, customerId);
    return { customerId, customerIsNew, sessionId: identity.id };
  }
  const sessionId = newId();
  await insertIdentity(trx, { orgId, id: sessionId, channelId, address: sender.address, customerId, now });
  return { customerId, customerIsNew, sessionId };
}

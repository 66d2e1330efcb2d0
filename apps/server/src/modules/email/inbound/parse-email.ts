import { createHash } from 'node:crypto';
import { type AddressObject, type Attachment, simpleParser } from 'mailparser';
import { normalizeEmail } from '../../customers/contact-normalization.js';
import { detectAutoReply, detectBounce, type TBounce } from './email-classification.js';
import { derivedMessageId, messageIdsIn, normalizeMessageId } from './message-id.js';

export interface TAddress {
  address: string;
  name: string;
}

export interface TParsedPart {
  filename: string;
  contentType: string;
  content: Buffer;
  sha256: string;
  /** Content-ID without brackets, when the part has one. */
  contentId: string | null;
  /** Shown inside the HTML through a `cid:` URL rather than listed as an attachment. */
  inline: boolean;
}

export interface TParsedEmail {
  messageId: string;
  messageIdDerived: boolean;
  /** In-Reply-To first, then References from the newest to the oldest: the order threading tries them in. */
  threadIds: string[];
  from: TAddress;
  to: TAddress[];
  cc: TAddress[];
  subject: string;
  text: string;
  html: string | null;
  parts: TParsedPart[];
  autoReply: boolean;
  bounce: TBounce | null;
}

export type TParseOutcome = { ok: true; email: TParsedEmail } | { ok: false; error: string };

/**
 * Parse a raw message with mailparser (charsets decoded through iconv). A message is unparseable when mailparser
 * throws or when its From header names no valid address (the envelope sender is no proof of authorship: bounces
 * and forwarders rewrite it), see record-unparseable-email.ts for how such a message is still shown.
 */
export async function parseEmail(raw: Buffer): Promise<TParseOutcome> {
  let mail: Awaited<ReturnType<typeof simpleParser>>;
  try {
    // cid: links stay as they are (mailparser would inline them as data: URIs); we point them at stored parts.
    mail = await simpleParser(raw, { keepCidLinks: true });
  } catch (error) {
    return { ok: false, error: `the message could not be parsed: ${(error as Error).message}` };
  }
  const from = addressesOf(mail.from)[0];
  if (!from) return { ok: false, error: 'the message has no valid sender address (From)' };
  const headerLines = mail.headerLines.map((h) => ({
    key: h.key,
    value: h.line.slice(h.line.indexOf(':') + 1).trim(),
  }));
  const messageId = normalizeMessageId(mail.messageId);
  const html = typeof mail.html === 'string' && mail.html.trim() !== '' ? mail.html : null;
  const references = messageIdsIn(mail.references);
  const threadIds = [...new Set([...messageIdsIn(mail.inReplyTo), ...references.reverse()])];
  const parts = mail.attachments.map((a) => partOf(a, html));
  return {
    ok: true,
    email: {
      messageId: messageId ?? derivedMessageId(raw),
      messageIdDerived: messageId === null,
      threadIds,
      from,
      to: addressesOf(mail.to),
      cc: addressesOf(mail.cc),
      subject: storable(mail.subject ?? '').trim(),
      text: storable(mail.text ?? '')
        .replace(/\r\n/g, '\n')
        .trim(),
      html: html === null ? null : storable(html),
      parts,
      autoReply: detectAutoReply(headerLines),
      bounce: detectBounce({ headerLines, from: from.address, text: mail.text ?? '', threadIds, parts }),
    },
  };
}

function partOf(attachment: Attachment, html: string | null): TParsedPart {
  const contentId = attachment.cid ? attachment.cid.replace(/^<|>$/g, '') : null;
  const inline = contentId !== null && html?.includes(`cid:${contentId}`) === true;
  return {
    filename: storable(attachment.filename ?? '') || defaultFilename(attachment.contentType),
    contentType: attachment.contentType || 'application/octet-stream',
    content: attachment.content,
    sha256: createHash('sha256').update(attachment.content).digest('hex'),
    contentId,
    inline,
  };
}

function defaultFilename(contentType: string): string {
  if (contentType === 'message/rfc822') return 'message.eml';
  if (contentType === 'message/delivery-status') return 'delivery-status.txt';
  if (contentType === 'text/rfc822-headers') return 'headers.txt';
  const subtype = contentType.split('/')[1]?.replace(/[^a-z0-9]/gi, '') || 'bin';
  return `attachment.${subtype}`;
}

function addressesOf(field: AddressObject | AddressObject[] | undefined): TAddress[] {
  if (!field) return [];
  const objects = Array.isArray(field) ? field : [field];
  const out: TAddress[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.group) walk(entry.group);
      const valid = validAddress(entry.address ?? '', entry.name ?? '');
      if (valid) out.push(valid);
    }
  };
  for (const object of objects) walk(object.value);
  return out;
}

function validAddress(address: string, name: string): TAddress | null {
  const normalized = normalizeEmail(address);
  return normalized ? { address: normalized.normalized, name: storable(name).trim() } : null;
}

/** Text PostgreSQL can keep in jsonb: no NUL characters, no lone surrogates (mail may carry either). */
function storable(text: string): string {
  return text.replaceAll('\u0000', '').toWellFormed();
}

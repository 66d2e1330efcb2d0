import { randomBytes } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser/index.js';
import { stripConversationTokens, withConversationToken } from '../conversation-token.js';

// Pure: what an outbound email says, from what the timeline holds. No I/O, so every rule is tested in milliseconds.

export interface TMailbox {
  name: string;
  address: string;
}

/** `Pat <pat@x.test>`, `pat@x.test` or `{address}` as stored on an item: the first mailbox, lower-cased address. */
export function parseMailbox(value: unknown): TMailbox | null {
  if (value && typeof value === 'object' && 'address' in value) {
    const v = value as { address?: unknown; name?: unknown };
    return typeof v.address === 'string'
      ? parseMailbox(typeof v.name === 'string' && v.name ? `${v.name} <${v.address}>` : v.address)
      : null;
  }
  if (typeof value !== 'string' || value.trim() === '') return null;
  const first = addressparser(value, { flatten: true })[0];
  if (!first?.address?.includes('@')) return null;
  return { name: first.name ?? '', address: first.address.trim().toLowerCase() };
}

export function parseMailboxes(value: unknown): TMailbox[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.map(parseMailbox).filter((m): m is TMailbox => m !== null);
}

/**
 * Reply-all (product spec 2.9: email replies include everyone who was CC'd): every other person on the customer's
 * To and Cc, minus our own addresses, the customer (who is the To) and duplicates.
 */
export function replyCc(input: {
  to: TMailbox[];
  cc: TMailbox[];
  customer: string;
  isOurs: (address: string) => boolean;
}): TMailbox[] {
  const seen = new Set([input.customer.toLowerCase()]);
  const out: TMailbox[] = [];
  for (const mailbox of [...input.to, ...input.cc]) {
    const address = mailbox.address.toLowerCase();
    if (seen.has(address) || input.isOurs(address)) continue;
    seen.add(address);
    out.push({ name: mailbox.name, address });
  }
  return out;
}

/** `Re: <subject>` once, whatever the client did to it before, with the conversation's token (threading layer 3). */
export function replySubject(original: string, conversationId: string): string {
  const bare = stripConversationTokens(original).trim();
  const subject = bare === '' ? '' : /^re:/i.test(bare) ? bare : `Re: ${bare}`;
  return withConversationToken(subject, conversationId);
}

/** Our Message-ID for a message from this address: random, on the sender's domain (RFC 5322 3.6.4). Bare form. */
export function newMessageId(fromAddress: string): string {
  const domain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1) || 'hearth.invalid';
  return `${randomBytes(18).toString('base64url')}@${domain}`;
}

/** References for a reply: the parent's References, then the parent itself (RFC 5322 3.6.4), capped and deduped. */
export function replyReferences(parentReferences: string[], parentMessageId: string | null): string[] {
  const all = parentMessageId ? [...parentReferences, parentMessageId] : parentReferences;
  const unique = [...new Set(all)];
  // Long threads: keep the first (the thread's root) and the most recent ones, as mail clients do.
  return unique.length > 20 ? [unique[0] as string, ...unique.slice(-19)] : unique;
}

/** The value of one header in a raw message's header block (unfolded), or null. */
export function headerOf(rawHead: string, name: string): string | null {
  const end = rawHead.search(/\r?\n\r?\n/);
  const head = (end < 0 ? rawHead : rawHead.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const prefix = `${name.toLowerCase()}:`;
  for (const line of head.split(/\r?\n/)) {
    if (line.toLowerCase().startsWith(prefix)) return line.slice(prefix.length).trim();
  }
  return null;
}

/** Every `<id>` in a References-style header, bare. */
export function messageIdsOf(value: string | null): string[] {
  if (!value) return [];
  return [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] as string);
}

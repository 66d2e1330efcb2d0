import { createHash } from 'node:crypto';

// Message-IDs are stored bare, without angle brackets (`abc@host`), as `email_message_ids.message_id` and
// `inbound_emails.message_id`. Lookups also try the bracketed form so rows written either way are found.

/** A Message-ID as stored: trimmed, without angle brackets; null when nothing usable is left. */
export function normalizeMessageId(value: string | null | undefined): string | null {
  if (!value) return null;
  const bare = value.trim().replace(/^<+/, '').replace(/>+$/, '').trim();
  return bare === '' || /\s/.test(bare) ? null : bare;
}

/** Every `<id>` in a References / In-Reply-To style header value, in order. */
export function messageIdsIn(value: string | string[] | null | undefined): string[] {
  if (!value) return [];
  const text = Array.isArray(value) ? value.join(' ') : value;
  const found = [...text.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  if (found.length > 0) return found;
  return text
    .split(/\s+/)
    .map(normalizeMessageId)
    .filter((id): id is string => id !== null);
}

/**
 * A stable Message-ID for a message that has none: the SHA-256 of its raw bytes. The same bytes delivered twice
 * are then stored once; a copy that picked up different headers on the way (another Received line) is not
 * recognised, which is the price of a sender that does not follow RFC 5322.
 */
export function derivedMessageId(raw: Buffer): string {
  return `derived-${createHash('sha256').update(raw).digest('hex')}@hearth.invalid`;
}

/** Both stored spellings of each id, for lookups. */
export function lookupForms(ids: string[]): string[] {
  return [...new Set(ids.flatMap((id) => [id, `<${id}>`]))];
}

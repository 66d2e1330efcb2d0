import type { TAppContext } from '../../app-context.js';
import { toIso } from '../../lib/time.js';
import { normalizeEmail } from '../customers/contact-normalization.js';
import { CHANNEL_OF_REPLY_TYPE } from '../items/item-types.js';
import { presentSearch, safeSnippet } from './desktop.presenter.js';
import {
  findCustomerNames,
  isEmptyTsQuery,
  loadContactDetails,
  searchCustomersByEmail,
  searchCustomersByName,
  searchCustomersByPhoneDigits,
  searchItems,
} from './desktop-search.repository.js';

// Global search (product spec 8.5): customers by name, email or phone, and messages by their words (stemmed,
// ranked by ts_rank). Message search starts in a recent window and widens only when it found fewer than asked.

const DAY_MS = 86_400_000;
/** Messages are searched in this recent window first (see searchItems). */
const RECENT_WINDOW_DAYS = 14;
const NAME_MIN_LENGTH = 2;
const PHONE_MIN_DIGITS = 4;

type TSearchResult = ReturnType<typeof presentSearch>;

export async function search(ctx: TAppContext, orgId: string, rawQuery: string, limit: number): Promise<TSearchResult> {
  const q = rawQuery.trim();
  if (q === '') return presentSearch([], []);
  const [customers, conversations] = await Promise.all([
    searchCustomerProfiles(ctx, orgId, q, limit),
    searchMessages(ctx, orgId, q, limit),
  ]);
  return presentSearch(customers, conversations);
}

async function searchCustomerProfiles(ctx: TAppContext, orgId: string, q: string, limit: number) {
  const found = new Map<string, { id: string; name: string; matched: 'name' | 'email' | 'phone' }>();
  const add = (rows: { id: string; name: string }[], matched: 'name' | 'email' | 'phone') => {
    for (const row of rows) if (!found.has(row.id)) found.set(row.id, { ...row, matched });
  };
  const digits = q.replace(/\D/g, '');
  const looksLikePhone = /^[\d\s()+.-]+$/.test(q) && digits.length >= PHONE_MIN_DIGITS;
  if (looksLikePhone) add(await searchCustomersByPhoneDigits(ctx.db, orgId, digits, limit), 'phone');
  if (!looksLikePhone && q.length >= NAME_MIN_LENGTH) {
    add(await searchCustomersByName(ctx.db, orgId, q, limit), 'name');
  }
  if (!/\s/.test(q) && (q.includes('@') || !looksLikePhone)) {
    // A whole address is matched by its normalized form; a partial one (still being typed) by prefix.
    const prefix = q.includes('@') ? (normalizeEmail(q)?.normalized ?? q.toLowerCase()) : q.toLowerCase();
    add(await searchCustomersByEmail(ctx.db, orgId, prefix, limit), 'email');
  }
  const hits = [...found.values()].slice(0, limit);
  const details = await loadContactDetails(
    ctx.db,
    orgId,
    hits.map((h) => h.id),
  );
  return hits.map((hit) => ({
    id: hit.id,
    name: hit.name,
    emails: details.emails.filter((e) => e.customer_id === hit.id).map((e) => e.original),
    phones: details.phones.filter((p) => p.customer_id === hit.id).map((p) => p.original),
    matched: hit.matched,
  }));
}

async function searchMessages(ctx: TAppContext, orgId: string, q: string, limit: number) {
  if (await isEmptyTsQuery(ctx.db, q)) return [];
  const recentSince = new Date(ctx.now().getTime() - RECENT_WINDOW_DAYS * DAY_MS);
  const rows = await searchItems(ctx.db, { orgId, query: q, limit, recentSince });
  const customerIds = [...new Set(rows.map((r) => r.customer_id))];
  const names = await findCustomerNames(ctx.db, orgId, customerIds);
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const itemChannel = CHANNEL_OF_REPLY_TYPE as Record<string, string>;
  return rows.map((row) => ({
    itemId: row.id,
    conversationId: row.conversation_id,
    customerId: row.customer_id,
    customerName: nameOf.get(row.customer_id) ?? '',
    occurredAt: toIso(row.occurred_at),
    // The message's channel (CHAT, SMS, …); items that are no message keep their type (CONVERSATION_NOTE, …).
    channel: itemChannel[row.content_type] ?? row.content_type,
    snippet: safeSnippet(row.snippet),
  }));
}

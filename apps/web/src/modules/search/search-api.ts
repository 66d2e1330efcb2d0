import { api } from '../../lib/api-client';

// Shapes of GET /api/internal/search (see docs/DESKTOP.md).
export interface TSearchCustomerHit {
  id: string;
  name?: string | null;
  /** Addresses as strings (the server's shape) or Gladly-style objects. */
  emails?: (string | { original: string; normalized?: string; primary?: boolean })[];
  phones?: (string | { original: string; normalized?: string; primary?: boolean })[];
  matched?: string | string[] | null;
}

export interface TSearchConversationHit {
  itemId: string;
  conversationId: string | null;
  customerId: string;
  customerName?: string | null;
  occurredAt: string;
  channel?: string | null;
  snippet?: string | null;
}

export interface TSearchResults {
  customers: TSearchCustomerHit[];
  conversations: TSearchConversationHit[];
}

export function fetchSearch(q: string, limit = 20): Promise<TSearchResults> {
  return api
    .get<TSearchResults>(`/api/internal/search?q=${encodeURIComponent(q)}&limit=${limit}`)
    .then((r) => ({ customers: r?.customers ?? [], conversations: r?.conversations ?? [] }));
}

/** Where a hit leads: the customer page, focused on the conversation when there is one. */
export function hrefForConversationHit(hit: TSearchConversationHit): string {
  const base = `/customers/${encodeURIComponent(hit.customerId)}`;
  return hit.conversationId ? `${base}?conversation=${encodeURIComponent(hit.conversationId)}` : base;
}

/**
 * The server sends snippets HTML-escaped with <mark> highlights. We re-check before rendering as HTML: every tag other
 * than <mark> / </mark> is neutralised by escaping its '<', so a bug upstream can never inject markup.
 */
export function safeSnippetHtml(snippet: string | null | undefined): string {
  if (!snippet) return '';
  return snippet.replace(/<(?!\/?mark>)/gi, '&lt;');
}

const contactText = (v: string | { original: string } | undefined): string =>
  typeof v === 'string' ? v : (v?.original ?? '');

/** Every email and phone of a customer hit, as text. */
export function contactsOf(c: TSearchCustomerHit): string[] {
  return [...(c.emails ?? []), ...(c.phones ?? [])].map(contactText).filter(Boolean);
}

export function customerLabel(c: TSearchCustomerHit): string {
  return c.name?.trim() || contactText(c.emails?.[0]) || contactText(c.phones?.[0]) || 'Unnamed customer';
}

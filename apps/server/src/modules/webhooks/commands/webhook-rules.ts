import { EVENT_TYPES } from '@hearth/shared';
import type { TAppContext } from '../../../app-context.js';
import type { TExecutor } from '../../../db/database.js';
import { badRequest, conflict, notFound } from '../../../http/errors.js';
import { newId } from '../../../lib/ids.js';
import { toIso } from '../../../lib/time.js';
import { postJson } from '../http-sender.js';
import { parseWebhookUrl, resolveTarget, UrlRefused } from '../url-guard.js';
import { countWebhooks, urlTaken } from '../webhooks.repository.js';
import { WEBHOOKS_PER_ORG_MAX } from '../webhooks.schemas.js';
import { deliveryHeaders, type TWebhookAuth } from './delivery-headers.js';

// The spec's enum spells the deprecated merge event with a suffix; it is accepted and stored under the real name.
const ALIASES: Record<string, string> = { 'CUSTOMER_PROFILE/MERGED (deprecated)': 'CUSTOMER_PROFILE/MERGED' };
const SUBSCRIBABLE = new Set<string>(EVENT_TYPES.filter((t) => t !== 'PING'));

export function webhookNotFound(): Error {
  return notFound('webhook does not exist');
}

/** Catalogue names only (PING is sent, never subscribed to); duplicates fold, order is kept. */
export function normalizeEvents(events: string[]): string[] {
  const out: string[] = [];
  events.forEach((name, index) => {
    const type = ALIASES[name] ?? name;
    if (!SUBSCRIBABLE.has(type)) throw badRequest('invalid', `unknown event type ${name}`, `events.${index}`);
    if (!out.includes(type)) out.push(type);
  });
  return out;
}

/** The URL's form and where it resolves; the caller's message says which rule refused it. */
export async function assertUrlAllowed(ctx: TAppContext, text: string): Promise<void> {
  try {
    await resolveTarget(parseWebhookUrl(text, ctx.env), ctx.env);
  } catch (error) {
    if (error instanceof UrlRefused) throw badRequest('invalid', error.message, 'url');
    throw error;
  }
}

export async function assertUrlFree(db: TExecutor, orgId: string, url: string, exceptId: string | null) {
  if (await urlTaken(db, orgId, url, exceptId)) {
    throw conflict('taken', 'another webhook of this organization already uses this url', 'url');
  }
}

export async function assertRoomForOne(db: TExecutor, orgId: string): Promise<void> {
  if ((await countWebhooks(db, orgId)) >= WEBHOOKS_PER_ORG_MAX) {
    throw badRequest('limit_exceeded', `an organization can have at most ${WEBHOOKS_PER_ORG_MAX} webhooks`);
  }
}

/** The handshake before a URL goes live: a PING that must get a 2xx, or the write is refused. */
export async function pingOrRefuse(ctx: TAppContext, webhookId: string, url: string, auth: TWebhookAuth) {
  const body = JSON.stringify({
    id: newId(),
    type: 'PING',
    timestamp: toIso(ctx.now()),
    initiator: { id: webhookId, type: 'SYSTEM' },
    content: {},
  });
  const result = await postJson(url, body, deliveryHeaders(auth), ctx.env);
  if (result.ok) return;
  const reason = result.error ?? `it answered ${result.status}`;
  throw badRequest('invalid', `the webhook url did not accept the PING (a 2xx answer is required): ${reason}`, 'url');
}

import type { Selectable } from 'kysely';
import type { WebhookAttemptsTable, WebhooksTable } from '../../db/schema.js';
import { toIso } from '../../lib/time.js';

export type TWebhookRow = Selectable<WebhooksTable>;
export type TAttemptRow = Selectable<WebhookAttemptsTable>;

export function presentWebhook(row: TWebhookRow) {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: row.events,
    enabled: row.enabled,
    hasCredentials: row.credentials !== null,
    headerKeys: Object.keys(row.headers ?? {}),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    ...(row.disabled_at_due_to_retry_limit
      ? { disabledAtDueToRetryLimit: toIso(row.disabled_at_due_to_retry_limit) }
      : {}),
  };
}

export function presentAttempt(row: TAttemptRow) {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    eventId: row.event_id,
    eventType: row.event_type,
    attempt: row.attempt,
    status: row.outcome as 'SUCCESS' | 'DEBUG' | 'ERROR',
    attemptedAt: toIso(row.attempted_at),
    request: row.request as { url: string; headers: Record<string, string>; body: string },
    response: row.response as { durationMs: number },
  };
}

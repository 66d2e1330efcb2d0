import type { TAppContext } from '../../../app-context.js';
import type { TTransaction } from '../../../db/database.js';
import { newId } from '../../../lib/ids.js';
import { toIso } from '../../../lib/time.js';
import { deliveryHeaders, loggedHeaders } from '../commands/delivery-headers.js';
import { openAuth } from '../commands/sealed-auth.js';
import { postJson, type TPostResult } from '../http-sender.js';
import type { TWebhookRow } from '../webhooks.presenter.js';
import { findWebhook } from '../webhooks.repository.js';
import {
  disableForRetryLimit,
  headDeliveries,
  logAttempts,
  markFailedAttempt,
  markSucceeded,
  type TAttemptLog,
  type TClaimedDelivery,
  tryLockWebhookDelivery,
} from './delivery.repository.js';
import { notifyApiUsers } from './notify-api-users.js';
import { nextAttemptAt } from './retry-policy.js';

const BATCH = 200;
// A batch's results are written when it ends; a short batch keeps what a crash can re-send small.
const BATCH_MAX_MS = 2_000;

interface TSent {
  delivery: TClaimedDelivery;
  body: string;
  at: Date;
  result: TPostResult;
}

/**
 * Send a webhook's due deliveries in event order until none is due. Ordering rule: a failed delivery blocks the
 * later ones of its webhook until it succeeds or the webhook is disabled. Results are recorded after the sends, so
 * a crash in between re-sends them (at-least-once; receivers de-duplicate by event id).
 */
export async function deliverWebhook(ctx: TAppContext, orgId: string, webhookId: string): Promise<void> {
  for (;;) {
    const sentAll = await ctx.db.transaction().execute(async (trx) => {
      if (!(await tryLockWebhookDelivery(trx, orgId, webhookId))) return false;
      const webhook = await findWebhook(trx, orgId, webhookId);
      if (!webhook?.enabled) return false;
      const sent = await sendBatch(ctx, webhook, await headDeliveries(trx, orgId, webhookId, BATCH));
      if (sent.length === 0) return false;
      await recordResults(ctx, trx, webhook, sent);
      return sent.every((s) => s.result.ok);
    });
    if (!sentAll) return;
  }
}

async function sendBatch(ctx: TAppContext, webhook: TWebhookRow, batch: TClaimedDelivery[]): Promise<TSent[]> {
  const headers = deliveryHeaders(openAuth(ctx.env, webhook));
  const started = Date.now();
  const sent: TSent[] = [];
  for (const delivery of batch) {
    const at = ctx.now();
    if (delivery.next_attempt_at > at || Date.now() - started > BATCH_MAX_MS) break;
    // The envelope exactly: these five keys and no other (API spec 4.15).
    const body = JSON.stringify({
      id: delivery.event_id,
      type: delivery.type,
      timestamp: toIso(delivery.occurred_at),
      initiator: delivery.initiator,
      content: delivery.content,
    });
    const result = await postJson(webhook.url, body, headers, ctx.env);
    sent.push({ delivery, body, at, result });
    if (!result.ok) break;
  }
  return sent;
}

async function recordResults(ctx: TAppContext, trx: TTransaction, webhook: TWebhookRow, sent: TSent[]) {
  const orgId = webhook.org_id;
  await markSucceeded(
    trx,
    orgId,
    sent.filter((s) => s.result.ok).map((s) => s.delivery.id),
  );
  const logs: TAttemptLog[] = sent.map((s) => ({
    org_id: orgId,
    id: newId(),
    webhook_id: webhook.id,
    delivery_id: s.delivery.id,
    event_id: s.delivery.event_id,
    event_type: s.delivery.type,
    attempt: s.delivery.attempts + 1,
    outcome: s.result.ok ? 'SUCCESS' : 'DEBUG',
    attempted_at: s.at,
    request: { url: webhook.url, headers: loggedHeaders(webhook), body: s.body },
    response: responseLog(s.result),
  }));
  const failed = sent.find((s) => !s.result.ok);
  if (failed) {
    const attempts = failed.delivery.attempts + 1;
    const retryAt = nextAttemptAt(attempts, failed.at);
    await markFailedAttempt(trx, orgId, failed.delivery.id, {
      attempts,
      status: retryAt ? 'PENDING' : 'FAILED',
      nextAttemptAt: retryAt ?? failed.at,
    });
    if (!retryAt) {
      const log = logs.at(-1);
      if (log) log.outcome = 'ERROR';
      await disableForRetryLimit(trx, orgId, webhook.id, failed.at);
      await notifyApiUsers(ctx, trx, orgId, disabledNotice(webhook, failed.result), failed.at);
      ctx.log.warn({ orgId, webhookId: webhook.id }, 'webhook disabled after its last retry failed');
    }
  }
  await logAttempts(trx, orgId, webhook.id, logs);
}

function responseLog(result: TPostResult): Record<string, unknown> {
  return {
    ...(result.status !== undefined ? { status: result.status } : {}),
    ...(result.headers ? { headers: result.headers } : {}),
    ...(result.body !== undefined ? { body: result.body } : {}),
    durationMs: result.durationMs,
    ...(result.error ? { error: result.error } : {}),
  };
}

function disabledNotice(webhook: TWebhookRow, result: TPostResult) {
  const label = webhook.name || webhook.url;
  const reason = result.error ?? `the receiver answered ${result.status}`;
  return {
    kind: 'webhook.disabled',
    title: `Webhook "${label}" was disabled`,
    body:
      `Hearth disabled the webhook "${label}" (${webhook.url}) because a delivery still failed after 4 retries ` +
      `(${reason}). Check its delivery log, fix the receiver and enable the webhook again: delivery resumes where ` +
      'it stopped, starting with the failed event.',
  };
}

import type { TAppContext } from '../../../app-context.js';
import { findSystemSender } from './outbound.repository.js';
import { findRelay } from './relay.repository.js';
import { openRelay } from './relay-secrets.js';
import { sendThroughRelay } from './smtp-sender.js';

export interface TSystemEmail {
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

/**
 * Mail from Hearth itself to the org's own users (a webhook was disabled, …), through the same relay and transport as
 * customer replies. Returns false when it cannot be sent and never will be without an admin's change (no relay, no
 * address to send from, nobody to send to); throws on a relay failure, so a job retries it.
 */
export async function sendSystemEmail(ctx: TAppContext, orgId: string, email: TSystemEmail): Promise<boolean> {
  if (email.to.length === 0) return false;
  const relayRow = await findRelay(ctx.db, orgId);
  if (!relayRow) return false;
  const sender = await findSystemSender(ctx.db, orgId);
  if (!sender) {
    ctx.log.warn({ orgId, subject: email.subject }, 'system email not sent: the org has no enabled From address');
    return false;
  }
  await sendThroughRelay(openRelay(ctx.env, relayRow), {
    from: { name: sender.display_name, address: sender.address },
    to: email.to,
    subject: email.subject,
    text: email.text,
    ...(email.html ? { html: email.html } : {}),
    // RFC 3834: auto-responders must not answer it, so no loop with a vacation reply.
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
  return true;
}

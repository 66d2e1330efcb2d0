import type { TAppContext } from '../../../../app-context.js';
import { newId } from '../../../../lib/ids.js';
import { insertInboundEmail, type TEntryPointMatch } from '../inbound.repository.js';

export const PROCESS_EMAIL_JOB = 'email.process';

export interface TProcessEmailJobData {
  orgId: string;
  inboundEmailId: string;
}

export interface TAcceptedRecipient {
  /** The RCPT TO address as the sender gave it. */
  address: string;
  entryPoint: TEntryPointMatch;
}

/**
 * Store a received message durably, one row per org among its recipients, and enqueue its parsing in the same
 * transaction: when this resolves the message and its job are committed, and only then may SMTP answer 250 (or
 * HTTP 202). Parsing never happens here, so a message that later fails to parse is still kept.
 */
export async function acceptInboundEmail(
  ctx: TAppContext,
  input: { via: 'SMTP' | 'HTTP'; mailFrom: string; recipients: TAcceptedRecipient[]; raw: Buffer },
): Promise<{ orgId: string; inboundEmailId: string }[]> {
  const byOrg = new Map<string, TAcceptedRecipient[]>();
  for (const recipient of input.recipients) {
    const list = byOrg.get(recipient.entryPoint.orgId) ?? [];
    list.push(recipient);
    byOrg.set(recipient.entryPoint.orgId, list);
  }
  const receivedAt = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const accepted: { orgId: string; inboundEmailId: string }[] = [];
    for (const [orgId, recipients] of byOrg) {
      const id = newId();
      await insertInboundEmail(trx, {
        orgId,
        id,
        // The first of the org's entry points the message was addressed to; the parser looks at all recipients.
        entryPointId: recipients[0]!.entryPoint.id,
        via: input.via,
        mailFrom: input.mailFrom,
        // Only this org's own addresses: another org on the same message is none of its business.
        rcptTo: recipients.map((r) => r.address),
        raw: input.raw,
        receivedAt,
      });
      const job: TProcessEmailJobData = { orgId, inboundEmailId: id };
      await ctx.jobs.send(trx, PROCESS_EMAIL_JOB, job, { retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true });
      accepted.push({ orgId, inboundEmailId: id });
    }
    return accepted;
  });
}

import { newId } from '../../../src/lib/ids.js';
import type { TTestApp } from '../../helpers.js';

/** What the cross-cutting world needs for the Send Email API: one of the org's addresses, and a relay. */
export interface TEmailWorld {
  emailFrom: string;
}

export async function makeEmailWorld(t: TTestApp, orgId: string, inboxId: string): Promise<TEmailWorld> {
  const emailFrom = `support-${newId()
    .slice(0, 8)
    .replace(/[^A-Za-z0-9]/g, 'x')
    .toLowerCase()}@${orgId.replace(/[^A-Za-z0-9]/g, 'x').toLowerCase()}.example.com`;
  await t.db
    .insertInto('email_entry_points')
    .values({
      org_id: orgId,
      id: newId(),
      address: emailFrom,
      kind: 'ADDRESS',
      inbox_id: inboxId,
      sla_minutes: null,
      inbound_secret_hash: null,
    })
    .execute();
  // No password or key: nothing to seal, and these suites never run the delivery worker.
  await t.db
    .insertInto('email_relays')
    .values({
      org_id: orgId,
      host: '127.0.0.1',
      port: 9,
      tls_mode: 'NONE',
      username: null,
      password_encrypted: null,
      dkim_domain: null,
      dkim_selector: null,
      dkim_private_key_encrypted: null,
    })
    .execute();
  return { emailFrom };
}

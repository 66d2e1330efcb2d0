import type { TEmailRelayRow } from '../../../db/schema.js';
import { toIso } from '../../../lib/time.js';

/** Secrets never leave: only whether they are set. */
export function presentRelay(row: TEmailRelayRow) {
  return {
    host: row.host,
    port: row.port,
    tlsMode: row.tls_mode,
    username: row.username,
    hasPassword: row.password_encrypted !== null,
    dkim:
      row.dkim_domain && row.dkim_selector
        ? {
            domain: row.dkim_domain,
            selector: row.dkim_selector,
            hasPrivateKey: row.dkim_private_key_encrypted !== null,
          }
        : null,
    updatedAt: toIso(row.updated_at),
  };
}

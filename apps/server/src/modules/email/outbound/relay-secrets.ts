import type { TEnv } from '../../../config/env.js';
import type { TEmailRelayRow } from '../../../db/schema.js';
import { openSecret, sealSecret } from '../../../lib/secret-key.js';

// Relay passwords and DKIM keys are sealed with AES-256-GCM under a key derived from HEARTH_SECRET_KEY for this
// purpose only (lib/secret-key.ts): a database dump alone does not let anyone send mail as the org.
const PURPOSE = 'email-relay';

export function sealRelaySecret(env: TEnv, plain: string): string {
  return sealSecret(env, PURPOSE, plain);
}

/** What nodemailer needs to talk to the relay, secrets opened. */
export interface TRelayConfig {
  host: string;
  port: number;
  tlsMode: 'NONE' | 'STARTTLS' | 'TLS';
  username: string | null;
  password: string | null;
  dkim: { domain: string; selector: string; privateKey: string } | null;
}

export function openRelay(env: TEnv, row: TEmailRelayRow): TRelayConfig {
  try {
    return openedRelay(env, row);
  } catch {
    throw new Error(
      'the relay password or DKIM key cannot be decrypted: HEARTH_SECRET_KEY is not the key they were saved with; save the relay again',
    );
  }
}

function openedRelay(env: TEnv, row: TEmailRelayRow): TRelayConfig {
  return {
    host: row.host,
    port: row.port,
    tlsMode: row.tls_mode,
    username: row.username,
    password: row.password_encrypted ? openSecret(env, PURPOSE, row.password_encrypted) : null,
    dkim:
      row.dkim_domain && row.dkim_selector && row.dkim_private_key_encrypted
        ? {
            domain: row.dkim_domain,
            selector: row.dkim_selector,
            privateKey: openSecret(env, PURPOSE, row.dkim_private_key_encrypted),
          }
        : null,
  };
}

import type { TEnv } from '../../../config/env.js';
import { openSecret, sealSecret } from '../../../lib/secret-key.js';
import type { TWebhookAuth } from './delivery-headers.js';

type TKeyEnv = Pick<TEnv, 'HEARTH_SECRET_KEY' | 'HEARTH_DATA_DIR'>;
const PURPOSE = 'webhook-auth';

/**
 * The password and the header values are sealed (AES-256-GCM under a key derived from HEARTH_SECRET_KEY) before they
 * are stored; names stay readable, since the API reads them back (`headerKeys`).
 */
export function sealAuth(env: TKeyEnv, auth: TWebhookAuth): TWebhookAuth {
  return mapAuth(auth, (plain) => sealSecret(env, PURPOSE, plain));
}

/** What a delivery sends: the stored auth, opened. */
export function openAuth(env: TKeyEnv, stored: TWebhookAuth): TWebhookAuth {
  return mapAuth(stored, (sealed) => openSecret(env, PURPOSE, sealed));
}

function mapAuth(auth: TWebhookAuth, secret: (value: string) => string): TWebhookAuth {
  return {
    credentials: auth.credentials ? { ...auth.credentials, password: secret(auth.credentials.password) } : null,
    headers: auth.headers
      ? Object.fromEntries(Object.entries(auth.headers).map(([name, value]) => [name, secret(value)]))
      : null,
  };
}

import { z } from 'zod';

const booleanString = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

/** Every environment variable Hearth reads, validated once at boot. `describe` is what `hearth env` prints. */
export const ZEnv = z.object({
  HEARTH_PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port for the API and web app'),
  HEARTH_HOST: z.string().default('127.0.0.1').describe('Interface to listen on (0.0.0.0 to expose)'),
  HEARTH_DATA_DIR: z.string().default('./data').describe('Where embedded PostgreSQL and files live'),
  DATABASE_URL: z.string().url().optional().describe('Use this PostgreSQL server instead of the embedded one'),
  HEARTH_EMBEDDED_PG_PORT: z.coerce.number().int().default(5433).describe('Port of the embedded PostgreSQL'),
  HEARTH_BASE_DOMAIN: z
    .string()
    .default('hearth.localhost')
    .describe('Orgs are served at {org}.HEARTH_BASE_DOMAIN; other hosts get the default org'),
  HEARTH_API_RATE_LIMIT_PER_SECOND: z.coerce
    .number()
    .int()
    .min(1)
    .default(10)
    .describe('Requests per second per org per HTTP method (Gladly: 10)'),
  HEARTH_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('Log level'),
  HEARTH_LOG_PRETTY: booleanString.describe('Human-readable logs (default: on when stdout is a terminal)'),
  HEARTH_SECURE_COOKIES: booleanString.describe('Mark session cookies Secure (set when served over HTTPS)'),
  HEARTH_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5).describe('Failed logins before a lock-out'),
  HEARTH_LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15).describe('Length of a login lock-out'),
  HEARTH_DEMO: booleanString.describe(
    'On the first start (no organization yet), create a demo organization with sample data (default: true)',
  ),
  HEARTH_PUBLIC_URL: z
    .string()
    .url()
    .optional()
    .describe(
      'The URL people use to reach Hearth, printed at start (default: http://HEARTH_HOST:HEARTH_PORT, localhost when listening on all interfaces)',
    ),
  HEARTH_SECRET_KEY: z
    .string()
    .min(32)
    .optional()
    .describe(
      'Master key (at least 32 characters) for signed download URLs and secrets at rest (SMTP relay passwords, ' +
        'DKIM keys); see lib/secret-key.ts. Unset: generated on first use into HEARTH_DATA_DIR/secret.key (0600). ' +
        'Every node of one database needs the same key',
    ),
  HEARTH_CUSTOM_CHANNEL_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(10 * 1024 * 1024)
    .describe('Largest file a custom-channel FILES message may link to (default 10 MB)'),
  HEARTH_SMTP_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(2525)
    .describe('Port of the built-in SMTP server that receives email (api role; 0 picks a free port)'),
  HEARTH_SMTP_HOST: z
    .string()
    .default('127.0.0.1')
    .describe('Interface the SMTP server listens on (0.0.0.0 to expose)'),
  HEARTH_SMTP_TLS_CERT: z.string().optional().describe('PEM certificate file: enables STARTTLS on the SMTP server'),
  HEARTH_SMTP_TLS_KEY: z.string().optional().describe('PEM private key file of HEARTH_SMTP_TLS_CERT'),
  HEARTH_SMTP_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(25 * 1024 * 1024)
    .describe('Largest email accepted, in bytes as sent (SMTP answers 552 above it; default 25 MB)'),
  HEARTH_ALLOW_INSECURE_WEBHOOKS: booleanString.describe(
    'Allow http:// webhook URLs, and loopback targets, for development and tests only (default: false)',
  ),
  HEARTH_WEBHOOK_ALLOW_PRIVATE_NETWORKS: booleanString.describe(
    'Allow webhook targets on private, link-local and unique-local networks (administrator decision; default: false)',
  ),
});
export type TEnv = z.infer<typeof ZEnv>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): TEnv {
  // `export DATABASE_URL=` is how shells clear a variable: an empty value means "not set", so its default applies.
  const set = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = ZEnv.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

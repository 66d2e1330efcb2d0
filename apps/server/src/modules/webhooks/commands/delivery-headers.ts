export interface TWebhookAuth {
  credentials: { username: string; password: string; realm?: string } | null;
  headers: Record<string, string> | null;
}

/**
 * What every POST to a webhook carries besides the JSON type: Basic credentials and the static headers. The realm
 * is kept for the UI only; a Basic client never sends one.
 */
export function deliveryHeaders(auth: TWebhookAuth): Record<string, string> {
  const out: Record<string, string> = { 'user-agent': 'Hearth-Webhooks/1' };
  for (const [name, value] of Object.entries(auth.headers ?? {})) out[name.toLowerCase()] = value;
  if (auth.credentials) {
    const token = Buffer.from(`${auth.credentials.username}:${auth.credentials.password}`).toString('base64');
    out.authorization = `Basic ${token}`;
  }
  return out;
}

/** The same headers for the delivery log: names kept, secret values replaced. */
export function loggedHeaders(auth: TWebhookAuth): Record<string, string> {
  const out: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Hearth-Webhooks/1' };
  for (const name of Object.keys(auth.headers ?? {})) out[name.toLowerCase()] = '[redacted]';
  if (auth.credentials) out.authorization = 'Basic [redacted]';
  return out;
}

import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { TemporaryDeliveryError } from '../../channels/delivery-registry.js';
import type { TRelayConfig } from './relay-secrets.js';

// One message to the org's relay. The relay's answer decides what happens next: 2xx sent; 4xx or no answer at all
// (refused connection, timeout, dropped socket) is temporary and tried again later; 5xx is permanent.

const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 120_000 };

/** Codes nodemailer gives when it never got an answer it could judge: worth another try. */
const NETWORK_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

export async function sendThroughRelay(relay: TRelayConfig, message: Mail.Options): Promise<{ response: string }> {
  const transport = nodemailer.createTransport({
    host: relay.host,
    port: relay.port,
    secure: relay.tlsMode === 'TLS',
    requireTLS: relay.tlsMode === 'STARTTLS',
    ignoreTLS: relay.tlsMode === 'NONE',
    ...(relay.username ? { auth: { user: relay.username, pass: relay.password ?? '' } } : {}),
    ...(relay.dkim
      ? { dkim: { domainName: relay.dkim.domain, keySelector: relay.dkim.selector, privateKey: relay.dkim.privateKey } }
      : {}),
    ...TIMEOUTS,
  });
  try {
    const info = await transport.sendMail(message);
    return { response: String(info.response ?? '') };
  } catch (error) {
    throw classifySmtpError(error);
  } finally {
    transport.close();
  }
}

/** A TemporaryDeliveryError for 4xx and network failures; otherwise an Error whose message is the relay's answer. */
export function classifySmtpError(error: unknown): Error {
  const e = error as { responseCode?: number; code?: string; response?: string; message?: string };
  const detail = `relay ${e.response?.trim() || e.message || String(error)}`.slice(0, 1000);
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  if (code !== null && code >= 400 && code < 500) return new TemporaryDeliveryError(detail, { cause: error });
  if (code === null && e.code && NETWORK_CODES.has(e.code)) return new TemporaryDeliveryError(detail, { cause: error });
  return new Error(detail, { cause: error });
}

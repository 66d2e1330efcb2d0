import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerOptions } from 'smtp-server';
import type { TAppContext } from '../../../app-context.js';
import { acceptInboundEmail, type TAcceptedRecipient } from './commands/accept-inbound-email.js';
import { findEntryPointForAddress, type TEntryPointMatch } from './inbound.repository.js';

export interface THearthSmtpServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * Hearth's own MX: 550 for a recipient that is no enabled entry point (checked at RCPT TO, so nothing is ever
 * accepted for nobody), 552 over HEARTH_SMTP_MAX_BYTES (SIZE is advertised and also enforced while the data streams:
 * the bytes past the limit are drained, never kept), and 250 only once the raw message and its parse job are
 * committed. A database failure answers 451, so the sending MTA keeps the message and retries.
 */
export async function startSmtpServer(
  ctx: TAppContext,
  options: { host?: string; port?: number } = {},
): Promise<THearthSmtpServer> {
  const { env, log } = ctx;
  const maxBytes = env.HEARTH_SMTP_MAX_BYTES;
  // The entry point each accepted RCPT TO resolved to, keyed by the address object smtp-server keeps in the envelope.
  const entryPoints = new WeakMap<SMTPServerAddress, TEntryPointMatch>();
  if (Boolean(env.HEARTH_SMTP_TLS_CERT) !== Boolean(env.HEARTH_SMTP_TLS_KEY)) {
    throw new Error('HEARTH_SMTP_TLS_CERT and HEARTH_SMTP_TLS_KEY must be set together');
  }
  const tls =
    env.HEARTH_SMTP_TLS_CERT && env.HEARTH_SMTP_TLS_KEY
      ? { cert: readFileSync(env.HEARTH_SMTP_TLS_CERT), key: readFileSync(env.HEARTH_SMTP_TLS_KEY) }
      : null;
  const serverOptions: SMTPServerOptions = {
    banner: 'Hearth ESMTP',
    secure: false,
    ...(tls ?? {}),
    // Receiving needs no login; without a certificate there is no STARTTLS to offer.
    authOptional: true,
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    size: maxBytes,
    maxRecipients: 100,
    // On stop, connections still open after this long are cut; their senders retry (no 250 was given).
    closeTimeout: 5_000,
    logger: false,
    onRcptTo(address, _session, callback) {
      findEntryPointForAddress(ctx.db, address.address.trim().toLowerCase()).then(
        (match) => {
          if (!match) return callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`));
          entryPoints.set(address, match);
          callback();
        },
        (err) => {
          log.error({ err }, 'SMTP: looking up a recipient failed');
          callback(smtpError(451, '4.3.0 temporary failure, try again later'));
        },
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Past the limit the rest is read and dropped, so a huge message never sits in memory.
        if (size <= maxBytes) chunks.push(chunk);
      });
      stream.on('error', (err) => {
        log.warn({ err }, 'SMTP: the message stream failed');
        callback(smtpError(451, '4.3.0 temporary failure, try again later'));
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || size > maxBytes) {
          return callback(smtpError(552, `5.3.4 message exceeds the maximum size of ${maxBytes} bytes`));
        }
        const recipients: TAcceptedRecipient[] = [];
        for (const address of session.envelope.rcptTo) {
          const entryPoint = entryPoints.get(address);
          if (entryPoint) recipients.push({ address: address.address, entryPoint });
        }
        if (recipients.length === 0) return callback(smtpError(554, '5.5.1 no valid recipients'));
        const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        acceptInboundEmail(ctx, { via: 'SMTP', mailFrom, recipients, raw: Buffer.concat(chunks, size) }).then(
          (accepted) => callback(null, `2.0.0 queued as ${accepted.map((a) => a.inboundEmailId).join(',')}`),
          (err) => {
            log.error({ err }, 'SMTP: storing a message failed');
            callback(smtpError(451, '4.3.0 temporary failure, try again later'));
          },
        );
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  server.on('error', (err) => log.warn({ err }, 'SMTP connection error'));
  const host = options.host ?? env.HEARTH_SMTP_HOST;
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.server.once('error', onError);
    server.listen(options.port ?? env.HEARTH_SMTP_PORT, host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    host,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

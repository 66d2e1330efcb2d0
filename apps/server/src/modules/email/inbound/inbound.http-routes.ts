import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TAppContext } from '../../../app-context.js';
import { AppError, forbidden, unauthorized } from '../../../http/errors.js';
import { acceptInboundEmail } from './commands/accept-inbound-email.js';
import { findEntryPointsById } from './inbound.repository.js';
import { ZInboundAccepted, ZInboundEntryPointParams } from './inbound.schemas.js';

export const INBOUND_SECRET_HEADER = 'x-hearth-inbound-secret';

/**
 * The way in for teams that cannot expose SMTP: `POST /api/email/inbound/{entryPointId}` with the raw MIME message
 * as the body (`message/rfc822` or `text/plain`), from a mail provider's inbound hook or a forwarding script. No
 * session and not the Gladly API: the caller proves itself with the entry point's secret (its SHA-256 is
 * `inbound_secret_hash`), in `X-Hearth-Inbound-Secret`, as a Bearer token, or as the Basic-auth password (any user
 * name). 202 is answered only once the message and its parse job are committed, exactly like SMTP's 250.
 */
export async function registerInboundEmailHttp(app: FastifyInstance, ctx: TAppContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const bodyLimit = ctx.env.HEARTH_SMTP_MAX_BYTES;
  api.removeContentTypeParser('text/plain');
  api.addContentTypeParser(['message/rfc822', 'text/plain'], { parseAs: 'buffer', bodyLimit }, (_req, body, done) =>
    done(null, body),
  );
  api.post(
    '/inbound/:entryPointId',
    {
      bodyLimit,
      schema: { hide: true, params: ZInboundEntryPointParams, response: { 202: ZInboundAccepted } },
    },
    async (request, reply) => {
      const secret = secretOf(request);
      if (!secret) throw unauthorized();
      const candidates = await findEntryPointsById(ctx.db, request.params.entryPointId);
      const entryPoint = candidates.find((e) => e.inbound_secret_hash && sameHash(e.inbound_secret_hash, secret));
      if (!entryPoint) throw unauthorized();
      if (entryPoint.disabled) throw forbidden('the entry point is disabled');
      const raw = request.body;
      if (!Buffer.isBuffer(raw) || raw.length === 0) {
        throw new AppError(400, [{ code: 'blank', detail: 'the body must be a raw MIME message' }]);
      }
      const [accepted] = await acceptInboundEmail(ctx, {
        via: 'HTTP',
        mailFrom: '',
        recipients: [
          {
            address: entryPoint.address,
            entryPoint: {
              orgId: entryPoint.org_id,
              id: entryPoint.id,
              address: entryPoint.address,
              inboxId: entryPoint.inbox_id,
            },
          },
        ],
        raw,
      });
      return reply.code(202).send({ id: accepted!.inboundEmailId });
    },
  );
}

function secretOf(request: FastifyRequest): string | undefined {
  const header = request.headers[INBOUND_SECRET_HEADER];
  if (typeof header === 'string' && header !== '') return header;
  const authorization = request.headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  if (bearer) return bearer;
  const basic = /^Basic\s+(\S+)$/i.exec(authorization)?.[1];
  if (!basic) return undefined;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && colon < decoded.length - 1 ? decoded.slice(colon + 1) : undefined;
}

function sameHash(storedHex: string, secret: string): boolean {
  const given = createHash('sha256').update(secret).digest();
  const stored = Buffer.from(storedHex, 'hex');
  return stored.length === given.length && timingSafeEqual(stored, given);
}

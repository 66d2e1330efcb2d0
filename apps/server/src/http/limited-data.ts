import type { FastifyReply } from 'fastify';

/**
 * Gladly's capped lists say whether they were cut with `Gladly-Limited-Data: true|false`, sent on every response of
 * those lists: real clients treat `false` as complete and `true` as truncated (API spec 3.4).
 */
export function setLimitedDataHeader(reply: FastifyReply, limited: boolean): void {
  reply.header('Gladly-Limited-Data', limited ? 'true' : 'false');
}

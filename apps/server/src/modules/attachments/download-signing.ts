import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TAppContext } from '../../app-context.js';
import { deriveKey } from '../../lib/secret-key.js';

// Download links are capabilities: anyone holding one may fetch that file until it expires, without credentials,
// as the 303 of API spec 4.4 sends clients to a URL they fetch without their API headers. The HMAC key is derived
// from Hearth's master secret (HEARTH_SECRET_KEY, see lib/secret-key.ts) for this purpose only.

export const DOWNLOAD_TTL_SECONDS = 300;
const PURPOSE = 'signed-urls';

function signature(ctx: TAppContext, orgId: string, attachmentId: string, expires: number): string {
  return createHmac('sha256', deriveKey(ctx.env, PURPOSE))
    .update(`${orgId}\n${attachmentId}\n${expires}`)
    .digest('base64url');
}

/** A path (relative to the host the client called) that serves the file until it expires. */
export function signedDownloadPath(ctx: TAppContext, orgId: string, attachmentId: string): string {
  const expires = Math.floor(ctx.now().getTime() / 1000) + DOWNLOAD_TTL_SECONDS;
  const sig = signature(ctx, orgId, attachmentId, expires);
  return `/api/v1/attachment-downloads/${encodeURIComponent(orgId)}/${encodeURIComponent(attachmentId)}?expires=${expires}&sig=${sig}`;
}

export function isValidDownloadSignature(
  ctx: TAppContext,
  orgId: string,
  attachmentId: string,
  expires: number,
  sig: string,
): boolean {
  if (!Number.isSafeInteger(expires) || expires < Math.floor(ctx.now().getTime() / 1000)) return false;
  const expected = Buffer.from(signature(ctx, orgId, attachmentId, expires));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

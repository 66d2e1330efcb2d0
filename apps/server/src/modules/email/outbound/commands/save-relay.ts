import { createPrivateKey } from 'node:crypto';
import type { TAppContext } from '../../../../app-context.js';
import { badRequest } from '../../../../http/errors.js';
import { findRelayForUpdate, upsertRelay } from '../relay.repository.js';
import type { TPutRelayBody } from '../relay.schemas.js';
import { sealRelaySecret } from '../relay-secrets.js';

/**
 * Set the org's outbound relay. Write-only secrets: an absent `password` or `dkim.privateKey` keeps the stored one
 * (the web app never has it to send back), null clears it. A DKIM key must be a private key Node can sign with.
 */
export async function saveRelay(ctx: TAppContext, orgId: string, input: TPutRelayBody): Promise<void> {
  const dkimKey = input.dkim?.privateKey;
  if (dkimKey !== undefined) assertPrivateKey(dkimKey);
  await ctx.db.transaction().execute(async (trx) => {
    const current = await findRelayForUpdate(trx, orgId);
    const password =
      input.password === undefined
        ? (current?.password_encrypted ?? null)
        : input.password === null || input.password === ''
          ? null
          : sealRelaySecret(ctx.env, input.password);
    const sealedDkimKey = !input.dkim
      ? null
      : dkimKey !== undefined
        ? sealRelaySecret(ctx.env, dkimKey)
        : (current?.dkim_private_key_encrypted ?? null);
    if (input.dkim && !sealedDkimKey) {
      throw badRequest('blank', 'dkim.privateKey cannot be blank', 'dkim.privateKey');
    }
    await upsertRelay(trx, {
      org_id: orgId,
      host: input.host,
      port: input.port,
      tls_mode: input.tlsMode,
      username: input.username ? input.username : null,
      password_encrypted: password,
      dkim_domain: input.dkim?.domain ?? null,
      dkim_selector: input.dkim?.selector ?? null,
      dkim_private_key_encrypted: sealedDkimKey,
      now: ctx.now(),
    });
  });
}

function assertPrivateKey(pem: string): void {
  try {
    createPrivateKey(pem);
  } catch {
    throw badRequest('invalid', 'dkim.privateKey must be a PEM private key', 'dkim.privateKey');
  }
}

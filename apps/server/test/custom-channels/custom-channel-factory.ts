import { createCustomChannel } from '../../src/modules/custom-channels/commands/create-custom-channel.js';
import { makeInbox } from '../factories.js';
import type { TTestApp } from '../helpers.js';

/** A custom channel entry point (and an inbox for it unless given), through the same command the admin API uses. */
export async function makeCustomChannel(
  t: TTestApp,
  orgId: string,
  options: { inboxId?: string; name?: string; companyAddresses?: string[] } = {},
): Promise<{ id: string; inboxId: string; companyAddress: string }> {
  const inboxId = options.inboxId ?? (await makeInbox(t, orgId)).id;
  const companyAddresses = options.companyAddresses ?? ['support@acme-chat'];
  const id = await createCustomChannel(t.ctx, orgId, {
    name: options.name ?? 'Acme Chat',
    inboxId,
    companyAddresses,
  });
  return { id, inboxId, companyAddress: companyAddresses[0] as string };
}

/** A local file server for FILES messages; `url(path)` points into it. */
export { startFileServer } from './file-server.js';

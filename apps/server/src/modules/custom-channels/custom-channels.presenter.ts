import type { Selectable } from 'kysely';
import type { CustomChannelsTable } from '../../db/schema.js';
import { toIso } from '../../lib/time.js';

export function presentCustomChannel(channel: Selectable<CustomChannelsTable>) {
  return {
    id: channel.id,
    name: channel.name,
    inboxId: channel.inbox_id,
    companyAddresses: channel.company_addresses,
    createdAt: toIso(channel.created_at),
    updatedAt: toIso(channel.updated_at),
  };
}

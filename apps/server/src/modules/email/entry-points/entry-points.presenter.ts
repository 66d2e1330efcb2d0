import type { TEmailEntryPointRow } from '../../../db/schema.js';
import { toIso } from '../../../lib/time.js';

export function presentEntryPoint(row: TEmailEntryPointRow) {
  return {
    id: row.id,
    address: row.address,
    kind: row.kind,
    displayName: row.display_name,
    inboxId: row.inbox_id,
    slaMinutes: row.sla_minutes,
    isDefaultFrom: row.is_default_from,
    disabled: row.disabled,
    hasInboundSecret: row.inbound_secret_hash !== null,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

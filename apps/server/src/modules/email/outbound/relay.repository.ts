import type { TExecutor, TTransaction } from '../../../db/database.js';
import type { EmailRelaysTable } from '../../../db/schema.js';

export function findRelay(db: TExecutor, orgId: string) {
  return db.selectFrom('email_relays').selectAll().where('org_id', '=', orgId).executeTakeFirst();
}

export function findRelayForUpdate(trx: TTransaction, orgId: string) {
  return trx.selectFrom('email_relays').selectAll().where('org_id', '=', orgId).forUpdate().executeTakeFirst();
}

export async function upsertRelay(
  trx: TTransaction,
  row: Omit<EmailRelaysTable, 'updated_at' | 'tls_mode'> & { tls_mode: 'NONE' | 'STARTTLS' | 'TLS'; now: Date },
): Promise<void> {
  const { now, ...values } = row;
  const { org_id: _orgId, ...changes } = values;
  await trx
    .insertInto('email_relays')
    .values({ ...values, updated_at: now })
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ ...changes, updated_at: now }))
    .execute();
}

import type { TExecutor } from '../../db/database.js';

// The customer search queries (GET /customer-profiles?...). Each is served by an index: customer_emails_normalized,
// customer_phones_normalized, customers_external_id. Tombstones of merged profiles are never returned.

export function searchByEmail(db: TExecutor, orgId: string, normalized: string, limit: number) {
  return db
    .selectFrom('customers as c')
    .selectAll('c')
    .where('c.org_id', '=', orgId)
    .where('c.merged_into_id', 'is', null)
    .where('c.id', 'in', (eb) =>
      eb
        .selectFrom('customer_emails')
        .select('customer_id')
        .where('org_id', '=', orgId)
        .where('normalized', '=', normalized),
    )
    .orderBy('c.updated_at', 'desc')
    .limit(limit)
    .execute();
}

export function searchByPhones(db: TExecutor, orgId: string, normalized: string[], limit: number) {
  return db
    .selectFrom('customers as c')
    .selectAll('c')
    .where('c.org_id', '=', orgId)
    .where('c.merged_into_id', 'is', null)
    .where('c.id', 'in', (eb) =>
      eb
        .selectFrom('customer_phones')
        .select('customer_id')
        .where('org_id', '=', orgId)
        .where('normalized', 'in', normalized),
    )
    .orderBy('c.updated_at', 'desc')
    .limit(limit)
    .execute();
}

export function searchByExternalId(db: TExecutor, orgId: string, externalId: string, limit: number) {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('merged_into_id', 'is', null)
    .where('external_customer_id', '=', externalId)
    .orderBy('updated_at', 'desc')
    .limit(limit)
    .execute();
}

import type { Selectable } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { TExecutor } from '../../db/database.js';
import { deferredWrite } from '../../db/deferred-write.js';
import type { CustomerEmailsTable, CustomerPhonesTable, TCustomerRow } from '../../db/schema.js';

export type TCustomerEmailRow = Selectable<CustomerEmailsTable>;
export type TCustomerPhoneRow = Selectable<CustomerPhonesTable>;

/** A profile with its contact lists, in their stored order: what the presenter turns into the API object. */
export interface TCustomerProfile {
  customer: TCustomerRow;
  emails: TCustomerEmailRow[];
  phones: TCustomerPhoneRow[];
}

export interface TEmailInput {
  original: string;
  normalized: string;
  primary: boolean;
}

export interface TPhoneInput {
  original: string;
  normalized: string;
  extension: string | null;
  regionCode: string;
  primary: boolean;
  smsPreference: string | null;
  type: string | null;
}

/** Any row with this id, tombstones of merged profiles included (callers decide what a tombstone means). */
export function findCustomerRow(db: TExecutor, orgId: string, id: string, options: { forUpdate?: boolean } = {}) {
  let query = db.selectFrom('customers').selectAll().where('org_id', '=', orgId).where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function loadProfiles(
  db: TExecutor,
  orgId: string,
  customers: TCustomerRow[],
): Promise<TCustomerProfile[]> {
  if (customers.length === 0) return [];
  const ids = customers.map((c) => c.id);
  const [emails, phones] = await Promise.all([
    db
      .selectFrom('customer_emails')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('customer_id', 'in', ids)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('customer_phones')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('customer_id', 'in', ids)
      .orderBy('position')
      .execute(),
  ]);
  return customers.map((customer) => ({
    customer,
    emails: emails.filter((e) => e.customer_id === customer.id),
    phones: phones.filter((p) => p.customer_id === customer.id),
  }));
}

/**
 * A customer with its emails and phones in one round trip: the point lookup integrations make most often.
 * Tombstones of merged profiles are returned too, so the caller can answer 301.
 */
export async function findProfileById(db: TExecutor, orgId: string, id: string): Promise<TCustomerProfile | undefined> {
  const row = await db
    .selectFrom('customers as c')
    .selectAll('c')
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('customer_emails as e')
          .selectAll('e')
          .whereRef('e.org_id', '=', 'c.org_id')
          .whereRef('e.customer_id', '=', 'c.id')
          .orderBy('e.position'),
      ).as('emails'),
      jsonArrayFrom(
        eb
          .selectFrom('customer_phones as p')
          .selectAll('p')
          .whereRef('p.org_id', '=', 'c.org_id')
          .whereRef('p.customer_id', '=', 'c.id')
          .orderBy('p.position'),
      ).as('phones'),
    ])
    .where('c.org_id', '=', orgId)
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { emails, phones, ...customer } = row;
  return { customer, emails, phones };
}

export async function loadProfile(db: TExecutor, orgId: string, customer: TCustomerRow): Promise<TCustomerProfile> {
  const [profile] = await loadProfiles(db, orgId, [customer]);
  return profile as TCustomerProfile;
}

// Lookups exclude tombstones: a merged-away profile owns no contact details and must never be found by search.

/** Customer owning a normalized email (the unique index makes it at most one). */
export async function findCustomerIdByEmail(db: TExecutor, orgId: string, normalized: string) {
  const row = await db
    .selectFrom('customer_emails')
    .select('customer_id')
    .where('org_id', '=', orgId)
    .where('normalized', '=', normalized)
    .executeTakeFirst();
  return row?.customer_id;
}

/** Owner of a MOBILE number first (unique), else the most recently updated profile holding the number at all. */
export async function findCustomerIdByPhone(db: TExecutor, orgId: string, normalized: string) {
  const row = await db
    .selectFrom('customer_phones as p')
    .innerJoin('customers as c', (j) => j.onRef('c.org_id', '=', 'p.org_id').onRef('c.id', '=', 'p.customer_id'))
    .select('p.customer_id')
    .where('p.org_id', '=', orgId)
    .where('p.normalized', '=', normalized)
    .where('c.merged_into_id', 'is', null)
    .orderBy((eb) => eb.case().when('p.type', '=', 'MOBILE').then(0).else(1).end())
    .orderBy('c.updated_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.customer_id;
}

/** Which of these normalized emails already belong to a profile other than `exceptCustomerId`. */
export function findEmailOwners(db: TExecutor, orgId: string, normalized: string[], exceptCustomerId?: string) {
  if (normalized.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('customer_emails')
    .select(['normalized', 'customer_id'])
    .where('org_id', '=', orgId)
    .where('normalized', 'in', normalized);
  if (exceptCustomerId) query = query.where('customer_id', '<>', exceptCustomerId);
  return query.execute();
}

/** Which of these normalized numbers are already another profile's MOBILE number. */
export function findMobileOwners(db: TExecutor, orgId: string, normalized: string[], exceptCustomerId?: string) {
  if (normalized.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('customer_phones')
    .select(['normalized', 'customer_id'])
    .where('org_id', '=', orgId)
    .where('type', '=', 'MOBILE')
    .where('normalized', 'in', normalized);
  if (exceptCustomerId) query = query.where('customer_id', '<>', exceptCustomerId);
  return query.execute();
}

export interface TNewCustomer {
  id: string;
  name?: string;
  image?: string | null;
  address?: string;
  externalCustomerId?: string | null;
  customAttributes?: Record<string, string>;
  now: Date;
}

/**
 * Deferred (sent with the transaction's next statement, db/deferred-write.ts): a unique violation (external id) then
 * surfaces there, inside the same transaction or savepoint, where every caller handles it.
 */
export async function insertCustomer(db: TExecutor, orgId: string, c: TNewCustomer): Promise<void> {
  await deferredWrite(
    db,
    db.insertInto('customers').values({
      org_id: orgId,
      id: c.id,
      name: c.name ?? '',
      image: c.image ?? null,
      address: c.address ?? '',
      external_customer_id: c.externalCustomerId ?? null,
      custom_attributes: JSON.stringify(c.customAttributes ?? {}),
      merged_into_id: null,
      created_at: c.now,
      updated_at: c.now,
    }),
  );
}

export interface TCustomerChanges {
  name?: string;
  image?: string | null;
  address?: string;
  externalCustomerId?: string | null;
  customAttributes?: Record<string, string>;
}

export async function updateCustomer(
  db: TExecutor,
  orgId: string,
  id: string,
  changes: TCustomerChanges,
  now: Date,
): Promise<void> {
  await db
    .updateTable('customers')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.image !== undefined ? { image: changes.image } : {}),
      ...(changes.address !== undefined ? { address: changes.address } : {}),
      ...(changes.externalCustomerId !== undefined ? { external_customer_id: changes.externalCustomerId } : {}),
      ...(changes.customAttributes !== undefined
        ? { custom_attributes: JSON.stringify(changes.customAttributes) }
        : {}),
      updated_at: now,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

export async function replaceEmails(db: TExecutor, orgId: string, customerId: string, emails: TEmailInput[]) {
  await db.deleteFrom('customer_emails').where('org_id', '=', orgId).where('customer_id', '=', customerId).execute();
  await appendEmails(db, orgId, customerId, emails, 0);
}

export async function appendEmails(
  db: TExecutor,
  orgId: string,
  customerId: string,
  emails: TEmailInput[],
  fromPosition: number,
) {
  if (emails.length === 0) return;
  await db
    .insertInto('customer_emails')
    .values(
      emails.map((e, i) => ({
        org_id: orgId,
        customer_id: customerId,
        position: fromPosition + i,
        original: e.original,
        normalized: e.normalized,
        is_primary: e.primary,
      })),
    )
    .execute();
}

export async function replacePhones(db: TExecutor, orgId: string, customerId: string, phones: TPhoneInput[]) {
  await db.deleteFrom('customer_phones').where('org_id', '=', orgId).where('customer_id', '=', customerId).execute();
  await appendPhones(db, orgId, customerId, phones, 0);
}

export async function appendPhones(
  db: TExecutor,
  orgId: string,
  customerId: string,
  phones: TPhoneInput[],
  fromPosition: number,
) {
  if (phones.length === 0) return;
  await db
    .insertInto('customer_phones')
    .values(
      phones.map((p, i) => ({
        org_id: orgId,
        customer_id: customerId,
        position: fromPosition + i,
        original: p.original,
        normalized: p.normalized,
        extension: p.extension,
        region_code: p.regionCode,
        is_primary: p.primary,
        sms_preference: p.smsPreference,
        type: p.type,
      })),
    )
    .execute();
}

export async function deleteCustomer(db: TExecutor, orgId: string, id: string): Promise<void> {
  await db.deleteFrom('customers').where('org_id', '=', orgId).where('id', '=', id).execute();
}

export async function hasUnclosedConversation(db: TExecutor, orgId: string, customerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('conversations')
    .select('id')
    .where('org_id', '=', orgId)
    .where('customer_id', '=', customerId)
    .where('status', '<>', 'CLOSED')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteTombstonesOf(db: TExecutor, orgId: string, customerId: string): Promise<void> {
  await db.deleteFrom('customers').where('org_id', '=', orgId).where('merged_into_id', '=', customerId).execute();
}

/** Where a merged-away id lives now; tombstones are re-pointed on each merge, but a chain is followed anyway. */
export async function resolveMergedId(db: TExecutor, orgId: string, mergedIntoId: string): Promise<string> {
  let id = mergedIntoId;
  for (let hops = 0; hops < 20; hops++) {
    const row = await db
      .selectFrom('customers')
      .select('merged_into_id')
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row?.merged_into_id) return id;
    id = row.merged_into_id;
  }
  return id;
}

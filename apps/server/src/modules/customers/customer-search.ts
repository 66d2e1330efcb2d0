import type { TExecutor } from '../../db/database.js';
import type { TCustomerRow } from '../../db/schema.js';
import { badRequest } from '../../http/errors.js';
import { normalizeEmail, phoneSearchCandidates } from './contact-normalization.js';
import { searchByEmail, searchByExternalId, searchByPhones } from './customer-search.repository.js';

export interface TCustomerSearchQuery {
  email?: string;
  phoneNumber?: string;
  externalCustomerId?: string;
}

const PARAMS = ['email', 'phoneNumber', 'externalCustomerId'] as const;

/**
 * GET /customer-profiles?{one of} (API spec 4.2): newest `updatedAt` first, tombstones never. Each lookup is served
 * by an index: customer_emails_normalized, customer_phones_normalized, customers_external_id.
 */
export async function searchCustomers(
  db: TExecutor,
  orgId: string,
  query: TCustomerSearchQuery,
  limit: number,
): Promise<TCustomerRow[]> {
  const given = PARAMS.filter((p) => query[p] !== undefined);
  if (given.length === 0) {
    throw badRequest('blank', 'one of email, phoneNumber, externalCustomerId must be present');
  }
  if (given.length > 1) {
    throw badRequest(
      'invalid',
      `only one of email, phoneNumber, externalCustomerId may be given (got ${given.join(', ')})`,
    );
  }
  if (query.email !== undefined) {
    const email = normalizeEmail(query.email);
    if (!email) throw badRequest('invalid', 'invalid email address', 'email');
    return searchByEmail(db, orgId, email.normalized, limit);
  }
  if (query.phoneNumber !== undefined) {
    const candidates = phoneSearchCandidates(query.phoneNumber);
    if (candidates.length === 0) throw badRequest('invalid', 'invalid phone number', 'phoneNumber');
    return searchByPhones(db, orgId, candidates, limit);
  }
  const externalId = (query.externalCustomerId ?? '').trim();
  if (externalId === '') throw badRequest('blank', 'externalCustomerId cannot be blank', 'externalCustomerId');
  return searchByExternalId(db, orgId, externalId, limit);
}

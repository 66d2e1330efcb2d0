import type { TExecutor } from '../../db/database.js';
import { type AppError, notFound } from '../../http/errors.js';
import { findCustomerRow, resolveMergedId } from './customers.repository.js';

/**
 * The id of the live profile behind `customerId`, for any module that takes a customer id in its path.
 * Unknown → 404 `customer profile X does not exist`. Merged away → the endpoint's own 301 (`moved`), built by
 * `movedError` from the surviving id: Gladly words that 301 differently per endpoint (API spec 4.2 and 4.4).
 */
export async function requireLiveCustomerId(
  db: TExecutor,
  orgId: string,
  customerId: string,
  movedError: (newCustomerId: string) => AppError,
): Promise<string> {
  const customer = await findCustomerRow(db, orgId, customerId);
  if (!customer) throw notFound(`customer profile ${customerId} does not exist`);
  if (customer.merged_into_id) throw movedError(await resolveMergedId(db, orgId, customer.merged_into_id));
  return customer.id;
}

import { toIso } from '../../lib/time.js';
import type { TCustomerProfile } from './customers.repository.js';
import { PHONE_TYPES, SMS_PREFERENCES, type TCustomerProfileJson } from './customers.schemas.js';

/** The customer profile object (API spec 4.2). Optional fields are left out rather than sent as null. */
export function presentCustomerProfile({ customer, emails, phones }: TCustomerProfile): TCustomerProfileJson {
  const externalIds = stringMap(customer.external_customer_ids);
  return {
    id: customer.id,
    name: customer.name,
    ...(customer.image ? { image: customer.image } : {}),
    address: customer.address,
    emails: emails.map((e) => ({ original: e.original, normalized: e.normalized, primary: e.is_primary })),
    phones: phones.map((p) => ({
      original: p.original,
      normalized: p.normalized,
      ...(p.extension ? { extension: p.extension } : {}),
      regionCode: p.region_code,
      primary: p.is_primary,
      ...(isOneOf(SMS_PREFERENCES, p.sms_preference) ? { smsPreference: p.sms_preference } : {}),
      // A phone without a type is OTHER, which Gladly shows as an empty string.
      type: isOneOf(PHONE_TYPES, p.type) ? p.type : '',
    })),
    ...(customer.external_customer_id ? { externalCustomerId: customer.external_customer_id } : {}),
    ...(Object.keys(externalIds).length > 0 ? { externalCustomerIds: externalIds } : {}),
    customAttributes: stringMap(customer.custom_attributes),
    createdAt: toIso(customer.created_at),
    updatedAt: toIso(customer.updated_at),
  };
}

function isOneOf<T extends string>(values: readonly T[], value: string | null): value is T {
  return value !== null && (values as readonly string[]).includes(value);
}

// Attributes written by other paths (lookups) may hold numbers or booleans; the API shows flat strings.
function stringMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === null || v === undefined) continue;
    out[key] = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
  return out;
}

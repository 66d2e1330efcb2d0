import type { TCustomerChanges, TCustomerProfile, TEmailInput, TPhoneInput } from './customers.repository.js';

export interface TMergedProfile {
  changes: TCustomerChanges;
  externalCustomerIds: Record<string, string>;
  /** The source's emails and phones, appended after the destination's own. */
  emails: TEmailInput[];
  phones: TPhoneInput[];
}

/**
 * What the destination looks like after absorbing the source. The destination wins every clash (it is the profile
 * the agent chose to keep); the source only fills what the destination lacks. Contact details are all kept, but
 * the destination keeps its "Main" email/phone when it has one, so the one-primary rule still holds.
 */
export function mergeProfiles(destination: TCustomerProfile, source: TCustomerProfile): TMergedProfile {
  const d = destination.customer;
  const s = source.customer;
  const changes: TCustomerChanges = {};
  if (!d.name && s.name) changes.name = s.name;
  if (!d.address && s.address) changes.address = s.address;
  if (!d.image && s.image) changes.image = s.image;
  if (!d.external_customer_id && s.external_customer_id) changes.externalCustomerId = s.external_customer_id;
  const sourceAttributes = stringMap(s.custom_attributes);
  const destinationAttributes = stringMap(d.custom_attributes);
  if (Object.keys(sourceAttributes).some((k) => !(k in destinationAttributes))) {
    changes.customAttributes = { ...sourceAttributes, ...destinationAttributes };
  }

  const destinationHasPrimaryEmail = destination.emails.some((e) => e.is_primary);
  const emails = source.emails
    .filter((e) => !destination.emails.some((de) => de.normalized === e.normalized))
    .map((e) => ({
      original: e.original,
      normalized: e.normalized,
      primary: e.is_primary && !destinationHasPrimaryEmail,
    }));

  const destinationHasPrimaryPhone = destination.phones.some((p) => p.is_primary);
  const phones = source.phones
    .filter((p) => !destination.phones.some((dp) => dp.normalized === p.normalized && dp.type === p.type))
    .map((p) => ({
      original: p.original,
      normalized: p.normalized,
      extension: p.extension,
      regionCode: p.region_code,
      primary: p.is_primary && !destinationHasPrimaryPhone,
      smsPreference: p.sms_preference,
      type: p.type,
    }));

  return {
    changes,
    externalCustomerIds: { ...stringMap(s.external_customer_ids), ...stringMap(d.external_customer_ids) },
    emails,
    phones,
  };
}

function stringMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

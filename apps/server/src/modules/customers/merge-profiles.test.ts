import { describe, expect, it } from 'vitest';
import type { TCustomerProfile } from './customers.repository.js';
import { mergeProfiles } from './merge-profiles.js';

function profile(id: string, over: Partial<TCustomerProfile['customer']> = {}): TCustomerProfile {
  return {
    customer: {
      org_id: 'o',
      id,
      name: '',
      image: null,
      address: '',
      external_customer_id: null,
      external_customer_ids: {},
      custom_attributes: {},
      merged_into_id: null,
      created_at: new Date(0),
      updated_at: new Date(0),
      ...over,
    },
    emails: [],
    phones: [],
  };
}

const phone = (customerId: string, normalized: string, over: Record<string, unknown> = {}) => ({
  org_id: 'o',
  customer_id: customerId,
  position: 0,
  original: normalized,
  normalized,
  extension: null,
  region_code: 'US',
  is_primary: false,
  sms_preference: null,
  type: null as string | null,
  ...over,
});

describe('mergeProfiles', () => {
  it('keeps the destination’s fields and fills only what it lacks', () => {
    const dest = profile('d', { name: 'Dest', custom_attributes: { tier: 'gold' }, external_customer_ids: { a: '1' } });
    const src = profile('s', {
      name: 'Src',
      address: '1 Main St',
      image: 'https://img',
      external_customer_id: 'legacy',
      custom_attributes: { tier: 'silver', pet: 'cat' },
      external_customer_ids: { b: '2' },
    });
    const merged = mergeProfiles(dest, src);
    expect(merged.changes).toEqual({
      address: '1 Main St',
      image: 'https://img',
      externalCustomerId: 'legacy',
      customAttributes: { tier: 'gold', pet: 'cat' },
    });
    expect(merged.externalCustomerIds).toEqual({ a: '1', b: '2' });
  });

  it('appends the source’s contacts, dropping its primary flags when the destination has its own', () => {
    const dest = profile('d');
    dest.emails = [
      { org_id: 'o', customer_id: 'd', position: 0, original: 'd@x.com', normalized: 'd@x.com', is_primary: true },
    ];
    dest.phones = [phone('d', '+16501110000', { type: 'HOME' })];
    const src = profile('s');
    src.emails = [
      { org_id: 'o', customer_id: 's', position: 0, original: 'S@x.com', normalized: 's@x.com', is_primary: true },
    ];
    src.phones = [
      phone('s', '+16501110000', { type: 'HOME' }), // the same shared landline: dropped
      phone('s', '+16502220000', { type: 'MOBILE', is_primary: true, sms_preference: 'ON' }),
    ];
    const merged = mergeProfiles(dest, src);
    expect(merged.emails).toEqual([{ original: 'S@x.com', normalized: 's@x.com', primary: false }]);
    expect(merged.phones).toEqual([
      {
        original: '+16502220000',
        normalized: '+16502220000',
        extension: null,
        regionCode: 'US',
        primary: true, // the destination has no primary phone, so the source's stays primary
        smsPreference: 'ON',
        type: 'MOBILE',
      },
    ]);
    expect(merged.changes).toEqual({});
  });
});

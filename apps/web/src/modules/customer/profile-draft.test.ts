import { describe, expect, it } from 'vitest';
import { draftFromProfile, draftReducer, patchFromDraft, type TProfileDraft } from './profile-draft';

const profile = {
  id: 'cu1',
  name: 'Ann Lee',
  address: '1 Main St',
  emails: [
    { original: 'ann@example.com', normalized: 'ann@example.com', primary: true },
    { original: 'ann@work.example', normalized: 'ann@work.example', primary: false },
  ],
  phones: [
    { original: '+14155552671', normalized: '+14155552671', primary: true, smsPreference: 'ON', type: 'MOBILE' },
  ],
  customAttributes: { tier: 'gold' },
};

describe('profile draft', () => {
  it('round-trips a profile into the same PATCH body', () => {
    expect(patchFromDraft(draftFromProfile(profile))).toEqual({
      name: 'Ann Lee',
      address: '1 Main St',
      emails: [
        { original: 'ann@example.com', primary: true },
        { original: 'ann@work.example', primary: false },
      ],
      phones: [{ original: '+14155552671', type: 'MOBILE', primary: true, smsPreference: 'ON' }],
      customAttributes: { tier: 'gold' },
    });
  });

  it('keeps exactly one primary email when another is made primary', () => {
    const d = draftReducer(draftFromProfile(profile), { type: 'emailPrimary', index: 1 });
    expect(d.emails.map((e) => e.primary)).toEqual([false, true]);
  });

  it('promotes the first remaining email when the primary is removed', () => {
    const d = draftReducer(draftFromProfile(profile), { type: 'removeEmail', index: 0 });
    expect(d.emails).toEqual([{ original: 'ann@work.example', primary: true }]);
  });

  it('drops blank rows and trims text in the PATCH body', () => {
    let d: TProfileDraft = draftFromProfile({ id: 'x' });
    d = draftReducer(d, { type: 'addEmail' });
    d = draftReducer(d, { type: 'addEmail' });
    d = draftReducer(d, { type: 'email', index: 1, value: '  b@example.com ' });
    d = draftReducer(d, { type: 'addPhone' });
    d = draftReducer(d, { type: 'field', field: 'name', value: '  Bo  ' });
    expect(patchFromDraft(d)).toEqual({
      name: 'Bo',
      address: '',
      emails: [{ original: 'b@example.com', primary: true }],
      phones: [],
      customAttributes: {},
    });
  });

  it('edits phone fields and custom attributes', () => {
    let d = draftFromProfile(profile);
    d = draftReducer(d, { type: 'phone', index: 0, patch: { type: 'HOME', smsPreference: 'OFF' } });
    d = draftReducer(d, { type: 'attribute', index: 0, value: 'platinum' });
    const body = patchFromDraft(d);
    expect(body.phones).toEqual([{ original: '+14155552671', type: 'HOME', primary: true, smsPreference: 'OFF' }]);
    expect(body.customAttributes).toEqual({ tier: 'platinum' });
  });
});

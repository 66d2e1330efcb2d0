import type { TCustomerProfile } from '../timeline/timeline-types';

// The editable copy of a customer profile and the PATCH body built from it. PATCH /customer-profiles replaces
// arrays and customAttributes wholesale, so the body always carries the complete lists.

export interface TEmailDraft {
  original: string;
  primary: boolean;
}

export interface TPhoneDraft {
  original: string;
  type: string;
  primary: boolean;
  smsPreference: string;
  regionCode?: string;
}

export interface TProfileDraft {
  name: string;
  address: string;
  emails: TEmailDraft[];
  phones: TPhoneDraft[];
  customAttributes: { key: string; value: string }[];
}

export function draftFromProfile(profile: TCustomerProfile): TProfileDraft {
  return {
    name: profile.name ?? '',
    address: profile.address ?? '',
    emails: (profile.emails ?? []).map((e) => ({ original: e.original, primary: !!e.primary })),
    phones: (profile.phones ?? []).map((p) => ({
      original: p.original,
      type: p.type ?? 'MOBILE',
      primary: !!p.primary,
      smsPreference: p.smsPreference ?? 'ON',
      ...(p.regionCode ? { regionCode: p.regionCode } : {}),
    })),
    customAttributes: Object.entries(profile.customAttributes ?? {}).map(([key, value]) => ({
      key,
      value: String(value),
    })),
  };
}

export type TDraftAction =
  | { type: 'reset'; draft: TProfileDraft }
  | { type: 'field'; field: 'name' | 'address'; value: string }
  | { type: 'email'; index: number; value: string }
  | { type: 'emailPrimary'; index: number }
  | { type: 'addEmail' }
  | { type: 'removeEmail'; index: number }
  | { type: 'phone'; index: number; patch: Partial<TPhoneDraft> }
  | { type: 'phonePrimary'; index: number }
  | { type: 'addPhone' }
  | { type: 'removePhone'; index: number }
  | { type: 'attribute'; index: number; value: string };

/** Edits of the draft. At most one email and one phone are primary; removing the primary promotes the first. */
export function draftReducer(draft: TProfileDraft, action: TDraftAction): TProfileDraft {
  const promote = <T extends { primary: boolean }>(list: T[]): T[] =>
    list.length && !list.some((x) => x.primary) ? list.map((x, i) => ({ ...x, primary: i === 0 })) : list;
  switch (action.type) {
    case 'reset':
      return action.draft;
    case 'field':
      return { ...draft, [action.field]: action.value };
    case 'email':
      return {
        ...draft,
        emails: draft.emails.map((e, i) => (i === action.index ? { ...e, original: action.value } : e)),
      };
    case 'emailPrimary':
      return { ...draft, emails: draft.emails.map((e, i) => ({ ...e, primary: i === action.index })) };
    case 'addEmail':
      return { ...draft, emails: [...draft.emails, { original: '', primary: draft.emails.length === 0 }] };
    case 'removeEmail':
      return { ...draft, emails: promote(draft.emails.filter((_, i) => i !== action.index)) };
    case 'phone':
      return { ...draft, phones: draft.phones.map((p, i) => (i === action.index ? { ...p, ...action.patch } : p)) };
    case 'phonePrimary':
      return { ...draft, phones: draft.phones.map((p, i) => ({ ...p, primary: i === action.index })) };
    case 'addPhone':
      return {
        ...draft,
        phones: [
          ...draft.phones,
          { original: '', type: 'MOBILE', primary: draft.phones.length === 0, smsPreference: 'ON' },
        ],
      };
    case 'removePhone':
      return { ...draft, phones: promote(draft.phones.filter((_, i) => i !== action.index)) };
    case 'attribute':
      return {
        ...draft,
        customAttributes: draft.customAttributes.map((a, i) =>
          i === action.index ? { ...a, value: action.value } : a,
        ),
      };
  }
}

/** The PATCH /api/v1/customer-profiles/:id body: blank rows dropped, text trimmed, complete arrays. */
export function patchFromDraft(draft: TProfileDraft): Record<string, unknown> {
  const emails = draft.emails
    .map((e) => ({ original: e.original.trim(), primary: e.primary }))
    .filter((e) => e.original);
  const phones = draft.phones
    .map((p) => ({ ...p, original: p.original.trim() }))
    .filter((p) => p.original)
    .map((p) => ({
      original: p.original,
      type: p.type,
      primary: p.primary,
      smsPreference: p.smsPreference,
      ...(p.regionCode ? { regionCode: p.regionCode } : {}),
    }));
  const fixPrimary = <T extends { primary: boolean }>(list: T[]): T[] =>
    list.length && !list.some((x) => x.primary) ? list.map((x, i) => ({ ...x, primary: i === 0 })) : list;
  return {
    name: draft.name.trim(),
    address: draft.address.trim(),
    emails: fixPrimary(emails),
    phones: fixPrimary(phones),
    customAttributes: Object.fromEntries(draft.customAttributes.map((a) => [a.key, a.value])),
  };
}

import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';

export interface TNormalizedEmail {
  /** The addr-spec only: a display name or angle brackets around the address are dropped (API spec 4.2). */
  original: string;
  /** The lower-cased form: what uniqueness and lookups key on. */
  normalized: string;
}

// Deliberately pragmatic: a dot-atom local part (or a quoted string) and a dotted domain. Real clients send
// `abc` and expect 400 `invalid`; anything a mail server would plausibly accept passes.
const LOCAL_PART = String.raw`(?:[A-Za-z0-9!#$%&'*+/=?^_\`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_\`{|}~-]+)*|"(?:[^"\\\r\n]|\\.)+")`;
const DOMAIN = String.raw`(?:[A-Za-z0-9\u00a1-\uffff](?:[A-Za-z0-9\u00a1-\uffff-]{0,61}[A-Za-z0-9\u00a1-\uffff])?\.)+[A-Za-z\u00a1-\uffff][A-Za-z0-9\u00a1-\uffff-]*`;
const ADDR_SPEC = new RegExp(`^${LOCAL_PART}@${DOMAIN}$`);
const NAME_ADDR = /^[^<>]*<([^<>]+)>\s*$/;
const MAX_EMAIL_LENGTH = 254;

/** Parses an email as a customer sends it (`Jane <Jane@Example.com>` or a bare address); null when invalid. */
export function normalizeEmail(text: string): TNormalizedEmail | null {
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  const angle = NAME_ADDR.exec(trimmed);
  const addr = (angle ? angle[1] : trimmed)?.trim() ?? '';
  if (addr.length === 0 || addr.length > MAX_EMAIL_LENGTH || !ADDR_SPEC.test(addr)) return null;
  return { original: addr, normalized: addr.toLowerCase() };
}

export interface TParsedPhone {
  /** E.164, e.g. `+16501234567`. */
  normalized: string;
  extension: string | null;
  /** The number's own country when libphonenumber can tell (`+44…` → GB), else the region it was read in. */
  regionCode: string;
}

/**
 * Reads a phone number the way Gladly does: E.164 text stands on its own; anything else is read in `regionCode`
 * (US when none is given). "Possible" rather than "valid": Gladly's own example `650 123 4567` is not an assigned
 * NANP exchange, yet it normalises to `+16501234567`.
 */
export function parsePhone(original: string, regionCode?: string | null): TParsedPhone | null {
  if (typeof original !== 'string' || original.trim() === '') return null;
  const region = regionCode ? regionCode.toUpperCase() : 'US';
  if (!isSupportedCountry(region)) return null;
  try {
    const parsed = parsePhoneNumberFromString(original, { defaultCountry: region as CountryCode });
    if (!parsed?.isPossible()) return null;
    return { normalized: parsed.number, extension: parsed.ext ?? null, regionCode: parsed.country ?? region };
  } catch {
    return null;
  }
}

/** E.164 form of a phone number, or null when it cannot be a phone number. */
export function normalizePhone(original: string, regionCode = 'US'): string | null {
  return parsePhone(original, regionCode)?.normalized ?? null;
}

/** True when libphonenumber knows the region (`US`, `GB`, ...); the API rejects unknown region codes. */
export function isKnownRegion(regionCode: string): boolean {
  return isSupportedCountry(regionCode.toUpperCase());
}

/**
 * Search input is typed by hand or built by clients that forget to encode `+` (rudder sends `%2B91%209999999988`;
 * a bare `+` decodes to a space). Returns the E.164 candidates worth looking up, most likely first.
 */
export function phoneSearchCandidates(raw: string): string[] {
  const candidates: string[] = [];
  const add = (text: string, region?: string) => {
    const n = parsePhone(text, region)?.normalized;
    if (n && !candidates.includes(n)) candidates.push(n);
  };
  const trimmed = raw.trim();
  if (trimmed === '') return candidates;
  // A leading space is what is left of an unencoded `+`.
  if (/^\s+\d/.test(raw) || trimmed.startsWith('+')) add(`+${trimmed.replace(/^\+/, '')}`);
  else {
    add(trimmed);
    // Digits that cannot be a US number most likely start with a country code whose `+` was lost entirely.
    if (candidates.length === 0 && /^\d/.test(trimmed)) add(`+${trimmed}`);
  }
  return candidates;
}

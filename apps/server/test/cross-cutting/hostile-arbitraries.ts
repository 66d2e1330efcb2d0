import fc from 'fast-check';
import { POLLUTION_MARK } from './probe.js';

// Hostile values as data. Big values (100 KB strings, 5000-deep nesting, 10 000 keys) are descriptors that are
// expanded only when the request is serialized, so fast-check's counterexamples stay short enough to read.

export type TGen =
  | { $gen: 'repeat'; s: string; n: number }
  | { $gen: 'deep'; open: '[' | '{'; n: number }
  | { $gen: 'wide'; n: number }
  | { $gen: 'long'; n: number }
  | { $gen: 'raw'; text: string };

export function isGen(v: unknown): v is TGen {
  return typeof v === 'object' && v !== null && typeof (v as { $gen?: unknown }).$gen === 'string';
}

/** JSON text for a value that may hold descriptors; own `__proto__` keys are written like any other key. */
export function toJsonText(v: unknown): string {
  if (isGen(v)) {
    switch (v.$gen) {
      case 'repeat':
        return JSON.stringify(v.s.repeat(v.n));
      case 'deep':
        return v.open === '[' ? '['.repeat(v.n) + ']'.repeat(v.n) : '{"a":'.repeat(v.n) + '1' + '}'.repeat(v.n);
      case 'wide':
        return `{${Array.from({ length: v.n }, (_, i) => `"k${i}":${i}`).join(',')}}`;
      case 'long':
        return `[${Array.from({ length: v.n }, () => '"x"').join(',')}]`;
      case 'raw':
        return v.text;
    }
  }
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : toJsonText(x))).join(',')}]`;
  if (v && typeof v === 'object') {
    const parts = Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${toJsonText((v as Record<string, unknown>)[k])}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** A string value (a path segment, a query value) from a plain string or a repeat descriptor. */
export function stringOf(v: string | TGen): string {
  if (typeof v === 'string') return v;
  return v.$gen === 'repeat' ? v.s.repeat(v.n) : toJsonText(v);
}

/** Percent-encode every byte but the unreserved ones; lone surrogates become U+FFFD as any client would send. */
export function encodeSegment(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const PAYLOADS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0000'.repeat(40),
  "' OR '1'='1",
  "'; DROP TABLE customers; --",
  '"; SELECT pg_sleep(0); --',
  '\\',
  '\\u0000',
  '%00',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  // Template-injection probes, spelled so no linter mistakes them for unfinished template literals.
  '{{7*7}}$' + '{7*7}',
  '$' + '{jndi:ldap://x/a}',
  '../../../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '😀👍🏽👨‍👩‍👧',
  '\uFEFFbom',
  '\u202Eevil',
  'zero\u200Bwidth',
  '\uD800',
  '\uDFFF\uD800',
  'Ω≈ç√∫',
  '\r\n\t',
  'OPEN',
  'closed',
  '-1',
  '0',
  '1e400',
];

export const BAD_TIMESTAMPS = [
  '2021-13-45T99:99:99Z',
  '0000-00-00T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00Z',
  '2021-01-01T00:00:00+25:00',
  '2021-02-30T10:00:00Z',
  '1970-01-01T00:00:00Z',
  '2021-01-01',
  'tomorrow',
  '2021-01-01T00:00:00.123456789123Z',
  '20210101T000000Z',
];

const NUMBERS = [0, -1, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 5e-324, 1700000000000];

export const RAW_NUMBERS = [
  '1e400',
  '-1e400',
  '123456789012345678901234567890',
  '-0',
  '1E+2',
  '0.0000000000000000000001',
];

function pollution(): unknown[] {
  return [
    JSON.parse(`{"__proto__":{"${POLLUTION_MARK}":"yes"}}`),
    JSON.parse(`{"constructor":{"prototype":{"${POLLUTION_MARK}":"yes"}}}`),
    JSON.parse(`{"prototype":{"${POLLUTION_MARK}":"yes"}}`),
    JSON.parse(`{"__proto__":[],"length":1e9}`),
  ];
}

export function hostileString(known: string[] = []): fc.Arbitrary<string | TGen> {
  const arbs: fc.Arbitrary<string | TGen>[] = [
    fc.constantFrom(...PAYLOADS),
    fc.constantFrom(...BAD_TIMESTAMPS),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.string({ maxLength: 10 }).map((s) => `${s}\u0000${s}`),
    fc
      .record({
        s: fc.constantFrom('a', 'é', '😀', '\u0000', '<b>', "'", ' '),
        n: fc.integer({ min: 51, max: 50_000 }),
      })
      .map(({ s, n }): TGen => ({ $gen: 'repeat', s, n })),
    fc.integer({ min: 1000, max: 100_000 }).map((n): TGen => ({ $gen: 'repeat', s: 'x', n })),
  ];
  if (known.length) arbs.push(fc.constantFrom(...known));
  return fc.oneof(...arbs);
}

/** Any JSON value a hostile client could put where the API expects something else. */
export function hostileValue(known: string[] = []): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: hostileString(known), weight: 4 },
    { arbitrary: fc.constantFrom(null, true, false, ...NUMBERS), weight: 2 },
    { arbitrary: fc.constantFrom(...RAW_NUMBERS).map((text): TGen => ({ $gen: 'raw', text })), weight: 1 },
    { arbitrary: fc.oneof(fc.integer(), fc.double()), weight: 1 },
    { arbitrary: fc.constantFrom<unknown>([], {}, [[]], [null], [{}], ['a'], { a: 1 }, [1, 'two', null]), weight: 2 },
    { arbitrary: fc.constantFrom(...pollution()), weight: 1 },
    {
      arbitrary: fc
        .record({ open: fc.constantFrom<'[' | '{'>('[', '{'), n: fc.integer({ min: 50, max: 50_000 }) })
        .map(({ open, n }): TGen => ({ $gen: 'deep', open, n })),
      weight: 1,
    },
    { arbitrary: fc.integer({ min: 100, max: 10_000 }).map((n): TGen => ({ $gen: 'wide', n })), weight: 1 },
    { arbitrary: fc.integer({ min: 100, max: 10_000 }).map((n): TGen => ({ $gen: 'long', n })), weight: 1 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  );
}

/** Path segments that are already percent-encoded (or deliberately not): traversal, bad escapes, NUL. */
export const RAW_SEGMENTS = [
  '.',
  '..',
  '%2e%2e',
  '%2E',
  '%2F',
  'a%2Fb',
  'a/b',
  'a/../b',
  '%00',
  'a%00b',
  '%ZZ',
  '%',
  '%E0%A4%A',
  '%C0%AF',
  '%FF',
  '%25',
  '%u0000',
  '%20',
  '%09',
  '%0A',
  '%EF%BB%BF',
  '~',
  '*',
  ';',
  '@',
  "'",
  '%27%20OR%201%3D1--',
  '%3Cscript%3E',
];

export const RAW_QUERIES = [
  '%ZZ=1',
  'email=%ZZ',
  'email=%00',
  'email[]=a',
  'email[a]=b',
  'email=a&email=b',
  'status=OPEN&status=CLOSED',
  'status=open',
  'status=',
  'status=%00',
  '__proto__[hearthPolluted]=yes',
  'constructor[prototype][hearthPolluted]=yes',
  '__proto__=x',
  'phoneNumber=+1 415 555 0100',
  'phoneNumber=%2B1%20415',
  'phoneNumber=%00',
  'externalCustomerId=%00',
  'sessionId=%00',
  '&&&',
  '=',
  '%',
  'a=%E0%A4%A',
  'email=' + 'a'.repeat(5000),
];

export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
];

export const RAW_BODIES = [
  '',
  ' ',
  '{',
  '}',
  '[',
  'null',
  'true',
  '0',
  '"string"',
  '{"a":',
  'undefined',
  "{'a':1}",
  '{"a":1,}',
  '\u0000',
  '{"a":"\\u0000"}',
  '\uFEFF{}',
  '{"__proto__":{"hearthPolluted":"yes"}}',
  '{"constructor":{"prototype":{"hearthPolluted":"yes"}}}',
  '{"a":1}{"b":2}',
  '['.repeat(100_000),
];

export const EXTRA_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  ' ',
  'id',
  'orgId',
  'org_id',
  '\u0000',
  'a.b',
  '$where',
];

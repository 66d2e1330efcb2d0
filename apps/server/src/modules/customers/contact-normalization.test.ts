import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizePhone, parsePhone, phoneSearchCandidates } from './contact-normalization.js';

describe('normalizeEmail', () => {
  it.each([
    ['Jane@Example.com', { original: 'Jane@Example.com', normalized: 'jane@example.com' }],
    ['  jane@example.com ', { original: 'jane@example.com', normalized: 'jane@example.com' }],
    ['Jane Doe <Jane.Doe@Example.co.uk>', { original: 'Jane.Doe@Example.co.uk', normalized: 'jane.doe@example.co.uk' }],
    ['<x+tag@sub.example.org>', { original: 'x+tag@sub.example.org', normalized: 'x+tag@sub.example.org' }],
  ])('%s is valid', (text, expected) => {
    expect(normalizeEmail(text)).toEqual(expected);
  });

  it.each(['abc', '', '   ', 'a@b', '@example.com', 'a@@example.com', 'a b@example.com', 'a@example..com', 'a@.com'])(
    '%j is invalid',
    (text) => {
      expect(normalizeEmail(text)).toBeNull();
    },
  );
});

describe('normalizePhone', () => {
  it.each([
    ['650 123 4567', undefined, '+16501234567'],
    ['(650) 123-4567', 'US', '+16501234567'],
    ['+16501234567', undefined, '+16501234567'],
    ['+91 9999999988', undefined, '+919999999988'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['+44 20 7946 0958', 'US', '+442079460958'],
  ])('%s (region %s) → %s', (text, region, expected) => {
    expect(normalizePhone(text, region)).toBe(expected);
  });

  it.each([
    ['abc', 'US'],
    ['12', 'US'],
    ['', 'US'],
    ['650 123 4567', 'XX'],
  ])('%j (region %s) is not a phone number', (text, region) => {
    expect(normalizePhone(text, region)).toBeNull();
  });

  it('keeps the extension apart and names the number’s own region', () => {
    expect(parsePhone('(650) 123-4567 x55')).toEqual({ normalized: '+16501234567', extension: '55', regionCode: 'US' });
    expect(parsePhone('+44 20 7946 0958')).toMatchObject({ regionCode: 'GB' });
  });
});

describe('phoneSearchCandidates', () => {
  it.each([
    ['+91 9999999988', ['+919999999988']],
    [' 91 9999999988', ['+919999999988']], // `+` decoded to a space
    ['+16501234567', ['+16501234567']],
    [' 16501234567', ['+16501234567']],
    ['6501234567', ['+16501234567']],
    ['650-123-4567', ['+16501234567']],
    ['919999999988', ['+919999999988']], // lost its `+` entirely; not a possible US number
    ['nonsense', []],
    ['', []],
  ])('%j → %j', (raw, expected) => {
    expect(phoneSearchCandidates(raw)).toEqual(expected);
  });
});

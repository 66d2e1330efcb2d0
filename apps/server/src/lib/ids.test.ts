import { describe, expect, it } from 'vitest';
import { isValidClientId, newId } from './ids.js';

describe('newId', () => {
  it('makes 22-character URL-safe ids, all different, across many refills of its random pool', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws fresh bytes for each id (no two consecutive ids share a prefix of 8 characters)', () => {
    const ids = Array.from({ length: 600 }, () => newId());
    for (let i = 1; i < ids.length; i++) expect(ids[i]?.slice(0, 8)).not.toBe(ids[i - 1]?.slice(0, 8));
  });
});

describe('isValidClientId', () => {
  it.each([
    ['user@2', true],
    ['a'.repeat(49), true],
    ['a'.repeat(50), false],
    ['', false],
    ['has space', false],
    ['slash/inside', false],
  ])('%s → %s', (id, valid) => expect(isValidClientId(id)).toBe(valid));
});

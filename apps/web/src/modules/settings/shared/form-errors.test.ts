import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { fieldErrors, generalErrors } from './form-errors';

const error = new ApiError(400, [
  { attr: 'email', code: 'taken', detail: 'a user with this email exists' },
  { attr: 'events.2', code: 'invalid', detail: 'unknown event type X' },
  { code: 'limit_exceeded', detail: 'too many' },
  { attr: 'other', code: 'blank' },
]);

describe('fieldErrors', () => {
  it.each([
    { attr: 'email', expected: ['a user with this email exists'] },
    { attr: 'events', expected: ['unknown event type X'] },
    { attr: 'other', expected: ['blank'] },
    { attr: 'name', expected: [] },
  ])('$attr → $expected', ({ attr, expected }) => {
    expect(fieldErrors(error, attr)).toEqual(expected);
  });

  it('ignores errors that are not from the API', () => {
    expect(fieldErrors(new Error('boom'), 'email')).toEqual([]);
  });
});

describe('generalErrors', () => {
  it.each([
    { known: ['email', 'events'], expected: ['too many', 'other: blank'] },
    { known: ['email', 'events', 'other'], expected: ['too many'] },
    {
      known: [],
      expected: ['email: a user with this email exists', 'events.2: unknown event type X', 'too many', 'other: blank'],
    },
  ])('with fields $known', ({ known, expected }) => {
    expect(generalErrors(error, known)).toEqual(expected);
  });

  it.each([
    { input: null, expected: [] },
    { input: new Error('network down'), expected: ['network down'] },
    { input: new ApiError(500, []), expected: ['request failed (500)'] },
  ])('$input', ({ input, expected }) => {
    expect(generalErrors(input, ['email'])).toEqual(expected);
  });
});

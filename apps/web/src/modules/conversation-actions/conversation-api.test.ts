import { describe, expect, it } from 'vitest';
import { isCustomerWaitingError } from './conversation-api';

describe('isCustomerWaitingError', () => {
  it.each([
    ['customer waiting for response', true],
    ['cannot close: Customer is waiting for a reply', true],
    ['topics are required before closing of conversation', false],
    ['request failed (500)', false],
  ])('%s → %s', (message, expected) => {
    expect(isCustomerWaitingError(message)).toBe(expected);
  });
});

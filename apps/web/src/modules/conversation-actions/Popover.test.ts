import { describe, expect, it } from 'vitest';
import { moveActive } from './Popover';

describe('moveActive', () => {
  it.each([
    ['ArrowDown', -1, 3, 0],
    ['ArrowDown', 0, 3, 1],
    ['ArrowDown', 2, 3, 0],
    ['ArrowUp', -1, 3, 2],
    ['ArrowUp', 0, 3, 2],
    ['ArrowUp', 2, 3, 1],
    ['Home', 2, 3, 0],
    ['End', 0, 3, 2],
    ['ArrowDown', 0, 0, null],
    ['a', 1, 3, null],
  ])('%s from %i of %i → %s', (key, active, count, expected) => {
    expect(moveActive(key, active, count)).toBe(expected);
  });
});

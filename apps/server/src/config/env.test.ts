import { describe, expect, it } from 'vitest';
import { loadEnv } from './env.js';

describe('loadEnv', () => {
  it('applies defaults when nothing is set', () => {
    const env = loadEnv({});
    expect(env.HEARTH_PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.HEARTH_API_RATE_LIMIT_PER_SECOND).toBe(10);
  });

  it('treats an empty value as not set', () => {
    const env = loadEnv({ DATABASE_URL: '', HEARTH_PORT: '' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.HEARTH_PORT).toBe(3000);
  });

  it('refuses a value that is set but wrong, naming the variable', () => {
    expect(() => loadEnv({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => loadEnv({ HEARTH_PORT: '99999' })).toThrow(/HEARTH_PORT/);
  });
});

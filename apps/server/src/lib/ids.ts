import { randomFillSync } from 'node:crypto';

const ID_BYTES = 16;
// Random bytes are drawn 256 ids at a time: one call into the CSPRNG per id had been 2 % of a busy process (an
// inbound message takes eight ids). Each byte is used once; the pool is refilled when spent.
const pool = Buffer.alloc(ID_BYTES * 256);
let offset = pool.length;

/** A Gladly-style id: 22 characters of URL-safe base64 over 16 random bytes. */
export function newId(): string {
  if (offset === pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const id = pool.toString('base64url', offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return id;
}

// Gladly accepts client ids that are URL safe and under 50 characters; real clients send things like `user@2`,
// so we accept RFC 3986 unreserved characters plus the sub-delims that need no escaping in a path segment.
const CLIENT_ID_PATTERN = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]+$/;

export function isValidClientId(id: string): boolean {
  return id.length > 0 && id.length < 50 && CLIENT_ID_PATTERN.test(id);
}

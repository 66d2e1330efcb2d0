import { randomBytes } from 'node:crypto';

/** A Gladly-style id: 22 characters of URL-safe base64 over 16 random bytes. */
export function newId(): string {
  return randomBytes(16).toString('base64url');
}

// Gladly accepts client ids that are URL safe and under 50 characters; real clients send things like `user@2`,
// so we accept RFC 3986 unreserved characters plus the sub-delims that need no escaping in a path segment.
const CLIENT_ID_PATTERN = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]+$/;

export function isValidClientId(id: string): boolean {
  return id.length > 0 && id.length < 50 && CLIENT_ID_PATTERN.test(id);
}

import { badRequest } from '../../../http/errors.js';

// An entry point is one address (support@acme.com) or a whole domain (@acme.com). Stored lower-case (Gladly advises
// lowercase addresses, product spec 4.2; the column is citext, so lookups ignore case either way).

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export function parseEntryPointAddress(raw: string): { address: string; kind: 'ADDRESS' | 'DOMAIN' } {
  const address = raw.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (at < 0 || !DOMAIN.test(domain) || (local !== '' && !isLocalPart(local))) {
    throw badRequest(
      'invalid',
      'address must be an email address (support@acme.com) or a domain (@acme.com)',
      'address',
    );
  }
  return { address, kind: local === '' ? 'DOMAIN' : 'ADDRESS' };
}

function isLocalPart(local: string): boolean {
  return (
    local.length <= 64 &&
    LOCAL_PART.test(local) &&
    !local.startsWith('.') &&
    !local.endsWith('.') &&
    !local.includes('..')
  );
}

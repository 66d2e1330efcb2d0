import { badRequest } from '../../http/errors.js';

// Opaque keyset cursors: base64url of a JSON array of strings. The strings are PostgreSQL timestamp texts and ids,
// so a forged cursor can only move the page, never reach another org (every query is scoped by org id).

export function encodeCursor(parts: string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, length: number, attr = 'cursor'): string[] {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('invalid', 'the cursor is not valid', attr);
  }
  if (
    !Array.isArray(parts) ||
    parts.length !== length ||
    !parts.every((p) => typeof p === 'string' && p.length > 0 && p.length <= 200)
  ) {
    throw badRequest('invalid', 'the cursor is not valid', attr);
  }
  return parts as string[];
}

/** A timestamp text PostgreSQL printed (or `infinity`): checked before it is cast, so a bad cursor is a 400. */
export function isTimestampText(text: string): boolean {
  return (
    text === 'infinity' || /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/.test(text)
  );
}

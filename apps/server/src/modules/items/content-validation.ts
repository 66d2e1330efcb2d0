import { z } from 'zod';
import { AppError, badRequest, type TErrorEntry } from '../../http/errors.js';
import { isValidClientId } from '../../lib/ids.js';

// A lone UTF-16 surrogate has no UTF-8 form: jsonb refuses its `\ud800` escape.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A string PostgreSQL can store: text and jsonb refuse NUL and lone surrogates, which would otherwise surface as a
 * 500. Used for every id, query value and free text these modules accept.
 */
export function zText() {
  return z
    .string()
    .refine((text) => !text.includes('\u0000'), { error: 'must not contain NUL characters' })
    .refine((text) => !LONE_SURROGATE.test(text), { error: 'must be valid Unicode text' });
}

/**
 * Parse a request part with zod and answer in Gladly's wording: missing → `blank`, over a length → `too_long`
 * ("content.body cannot be larger than 2048 characters", API spec 4.4), else `invalid`. Attr paths are dotted and
 * prefixed with where the part sits in the body (`content`).
 */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, prefix: string): z.output<T> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw new AppError(
    400,
    result.error.issues.map((issue) => issueToEntry(issue, prefix)),
  );
}

function issueToEntry(issue: z.core.$ZodIssue, prefix: string): TErrorEntry {
  const attr = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  // With reportInput, a missing key reports `input: undefined`; null counts as missing too.
  const missing = (issue as { input?: unknown }).input == null;
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && missing) {
    return { attr, code: 'blank', detail: `${attr} cannot be blank` };
  }
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return { attr, code: 'too_long', detail: `${attr} cannot be larger than ${String(issue.maximum)} characters` };
  }
  if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) === 1) {
    return { attr, code: 'blank', detail: `${attr} cannot be blank` };
  }
  // Custom messages (set in the schemas) are full sentences; zod's defaults get the attr in front for context.
  const detail = issue.message.startsWith(attr) ? issue.message : `${attr}: ${issue.message}`;
  return { attr, code: 'invalid', detail };
}

/** A client-chosen id (API spec 3.1): URL safe and under 50 characters. */
export function assertClientId(id: string | undefined): void {
  if (id === undefined) return;
  if (id.length >= 50) throw badRequest('too_long', 'id cannot be larger than 49 characters', 'id');
  if (!isValidClientId(id)) throw badRequest('invalid', 'id contains unsupported characters', 'id');
}

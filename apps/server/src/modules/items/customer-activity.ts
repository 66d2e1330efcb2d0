import { TEXT_LIMITS } from '@hearth/shared';
import { z } from 'zod';
import { badRequest } from '../../http/errors.js';
import { sanitizeRichContent } from '../../lib/rich-content.js';
import { parseTimestamp, toIso } from '../../lib/time.js';
import { parseOrThrow, zText } from './content-validation.js';

export const ACTIVITY_TYPES = ['EMAIL', 'ISSUE', 'SMS', 'SURVEY'] as const;

// Optional fields accept null as "not given": integrations often serialise every field of their own model.
export const ZCustomerActivityInput = z.object({
  type: z.literal('CUSTOMER_ACTIVITY'),
  activityType: z.enum(ACTIVITY_TYPES, { error: 'content.activityType must be one of EMAIL, ISSUE, SMS, SURVEY' }),
  title: zText().max(TEXT_LIMITS.activityTitle).nullish(),
  body: zText().max(TEXT_LIMITS.activityBody).nullish(),
  sourceName: zText().max(TEXT_LIMITS.activitySourceName).nullish(),
  link: z
    .object({
      url: zText().min(1),
      text: zText().max(TEXT_LIMITS.activityLinkText).nullish(),
    })
    .nullish(),
  expandByDefault: z.boolean().nullish(),
  occurredAt: zText().nullish(),
});

export interface TCustomerActivityContent {
  type: 'CUSTOMER_ACTIVITY';
  activityType: (typeof ACTIVITY_TYPES)[number];
  title?: string;
  body?: string;
  sourceName?: string;
  link?: { url: string; text?: string };
  expandByDefault: boolean;
  occurredAt?: string;
  receivedAt: string;
}

/**
 * Validate a CUSTOMER_ACTIVITY (API spec 4.4, product spec 3.2) and build the content to store. The body is rich
 * content, sanitized to the allow-list; `receivedAt` is the creation time and cannot be set by the client.
 */
export function buildCustomerActivity(
  raw: unknown,
  now: Date,
): { content: TCustomerActivityContent; occurredAt: Date | null } {
  const input = parseOrThrow(ZCustomerActivityInput, raw, 'content');
  let occurredAt: Date | null = null;
  if (input.occurredAt != null) {
    occurredAt = parseTimestamp(input.occurredAt);
    if (!occurredAt) {
      throw badRequest('invalid', 'content.occurredAt must be an RFC 3339 timestamp', 'content.occurredAt');
    }
    const oneYearAgo = new Date(now);
    oneYearAgo.setUTCFullYear(oneYearAgo.getUTCFullYear() - 1);
    if (occurredAt < oneYearAgo) {
      throw badRequest('invalid', 'content.occurredAt cannot be more than 1 year in the past', 'content.occurredAt');
    }
  }
  if (input.link && !isHttpUrl(input.link.url)) {
    throw badRequest('invalid', 'content.link.url must be an http or https URL', 'content.link.url');
  }
  const content: TCustomerActivityContent = {
    type: 'CUSTOMER_ACTIVITY',
    activityType: input.activityType,
    ...(input.title != null ? { title: input.title } : {}),
    ...(input.body != null ? { body: sanitizeRichContent(input.body) } : {}),
    ...(input.sourceName != null ? { sourceName: input.sourceName } : {}),
    ...(input.link
      ? { link: { url: input.link.url, ...(input.link.text != null ? { text: input.link.text } : {}) } }
      : {}),
    expandByDefault: input.expandByDefault ?? false,
    ...(occurredAt ? { occurredAt: toIso(occurredAt) } : {}),
    receivedAt: toIso(now),
  };
  return { content, occurredAt };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

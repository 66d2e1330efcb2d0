import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import { buildCustomerActivity } from './customer-activity.js';

const NOW = new Date('2025-06-15T12:00:00.000Z');

function errorsOf(raw: unknown) {
  try {
    buildCustomerActivity(raw, NOW);
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, errors: error.errors };
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('buildCustomerActivity', () => {
  it('stores the given fields, sanitized, with receivedAt = now and expandByDefault false', () => {
    const { content, occurredAt } = buildCustomerActivity(
      {
        type: 'CUSTOMER_ACTIVITY',
        activityType: 'SURVEY',
        title: 'NPS',
        body: '<p onclick="x()">9/10</p><script>bad()</script>',
        sourceName: 'Delighted',
        link: { url: 'https://survey.test/r/1', text: 'Open' },
        occurredAt: '2025-06-01T10:00:00Z',
      },
      NOW,
    );
    expect(content).toEqual({
      type: 'CUSTOMER_ACTIVITY',
      activityType: 'SURVEY',
      title: 'NPS',
      body: '<p>9/10</p>',
      sourceName: 'Delighted',
      link: { url: 'https://survey.test/r/1', text: 'Open' },
      expandByDefault: false,
      occurredAt: '2025-06-01T10:00:00.000Z',
      receivedAt: '2025-06-15T12:00:00.000Z',
    });
    expect(occurredAt?.toISOString()).toBe('2025-06-01T10:00:00.000Z');
  });

  it('omits what was not given (null counts as not given) and ignores a client receivedAt', () => {
    const { content, occurredAt } = buildCustomerActivity(
      {
        type: 'CUSTOMER_ACTIVITY',
        activityType: 'ISSUE',
        title: null,
        link: null,
        expandByDefault: true,
        receivedAt: '2020-01-01T00:00:00Z',
      },
      NOW,
    );
    expect(content).toEqual({
      type: 'CUSTOMER_ACTIVITY',
      activityType: 'ISSUE',
      expandByDefault: true,
      receivedAt: NOW.toISOString(),
    });
    expect(occurredAt).toBeNull();
  });

  it.each([
    [{}, 'blank', 'content.activityType', 'content.activityType cannot be blank'],
    [
      { activityType: 'CALL' },
      'invalid',
      'content.activityType',
      'content.activityType must be one of EMAIL, ISSUE, SMS, SURVEY',
    ],
    [
      { activityType: 'SMS', title: 'x'.repeat(101) },
      'too_long',
      'content.title',
      'content.title cannot be larger than 100 characters',
    ],
    [
      { activityType: 'SMS', body: 'x'.repeat(25_001) },
      'too_long',
      'content.body',
      'content.body cannot be larger than 25000 characters',
    ],
    [
      { activityType: 'SMS', sourceName: 'x'.repeat(51) },
      'too_long',
      'content.sourceName',
      'content.sourceName cannot be larger than 50 characters',
    ],
    [
      { activityType: 'SMS', link: { url: 'https://a.test', text: 'x'.repeat(51) } },
      'too_long',
      'content.link.text',
      'content.link.text cannot be larger than 50 characters',
    ],
    [{ activityType: 'SMS', link: { text: 'a' } }, 'blank', 'content.link.url', 'content.link.url cannot be blank'],
    [
      { activityType: 'SMS', link: { url: 'javascript:alert(1)' } },
      'invalid',
      'content.link.url',
      'content.link.url must be an http or https URL',
    ],
    [{ activityType: 'SMS', expandByDefault: 'yes' }, 'invalid', 'content.expandByDefault', undefined],
    [
      { activityType: 'SMS', occurredAt: 'yesterday' },
      'invalid',
      'content.occurredAt',
      'content.occurredAt must be an RFC 3339 timestamp',
    ],
    [
      { activityType: 'SMS', occurredAt: '2024-06-15T11:59:59Z' },
      'invalid',
      'content.occurredAt',
      'content.occurredAt cannot be more than 1 year in the past',
    ],
  ])('%j → %s on %s', (fields, code, attr, detail) => {
    const { status, errors } = errorsOf({ type: 'CUSTOMER_ACTIVITY', ...fields });
    expect(status).toBe(400);
    expect(errors[0]).toMatchObject({ code, attr, ...(detail ? { detail } : {}) });
  });

  it('accepts limits exactly and an occurredAt of exactly one year ago', () => {
    const { content } = buildCustomerActivity(
      {
        type: 'CUSTOMER_ACTIVITY',
        activityType: 'EMAIL',
        title: 't'.repeat(100),
        sourceName: 's'.repeat(50),
        link: { url: 'http://a.test', text: 'l'.repeat(50) },
        occurredAt: '2024-06-15T12:00:00Z',
      },
      NOW,
    );
    expect(content.title).toHaveLength(100);
    expect(content.occurredAt).toBe('2024-06-15T12:00:00.000Z');
  });
});

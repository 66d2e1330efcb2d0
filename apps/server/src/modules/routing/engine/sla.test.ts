import { describe, expect, it } from 'vitest';
import { candidateDueAt, dueAtOnInbound, dueAtOnTransfer, effectiveSlaMinutes } from './sla.js';
import { MIN, T0 } from './test-builders.js';

describe('effectiveSlaMinutes', () => {
  it.each([
    { source: { inboxSlaMinutes: 60 }, expected: 60 },
    { source: { inboxSlaMinutes: 60, entryPointSlaMinutes: null }, expected: 60 },
    { source: { inboxSlaMinutes: 60, entryPointSlaMinutes: 5 }, expected: 5 },
    { source: { inboxSlaMinutes: 60, entryPointSlaMinutes: 600 }, expected: 600 },
    { source: { inboxSlaMinutes: 60, entryPointSlaMinutes: 0 }, expected: 0 },
  ])('entry point SLA overrides the inbox SLA when set: $source -> $expected', ({ source, expected }) => {
    expect(effectiveSlaMinutes(source)).toBe(expected);
  });
});

describe('candidateDueAt', () => {
  it('is the inbound time plus the SLA on calendar time', () => {
    expect(candidateDueAt(T0, { inboxSlaMinutes: 300 })).toBe(T0 + 300 * MIN);
    expect(candidateDueAt(T0, { inboxSlaMinutes: 300, entryPointSlaMinutes: 10 })).toBe(T0 + 10 * MIN);
  });
});

describe('dueAtOnInbound', () => {
  it.each([
    { name: 'first contact', existing: null, inboundAt: T0, expected: T0 + 60 * MIN },
    { name: 'earlier existing due date wins', existing: T0 + 30 * MIN, inboundAt: T0, expected: T0 + 30 * MIN },
    { name: 'earlier candidate wins', existing: T0 + 90 * MIN, inboundAt: T0, expected: T0 + 60 * MIN },
    {
      name: 'later inbound keeps the earlier due',
      existing: T0 + 60 * MIN,
      inboundAt: T0 + 5 * MIN,
      expected: T0 + 60 * MIN,
    },
    { name: 'equal values', existing: T0 + 60 * MIN, inboundAt: T0, expected: T0 + 60 * MIN },
  ])('$name', ({ existing, inboundAt, expected }) => {
    expect(dueAtOnInbound(existing, inboundAt, { inboxSlaMinutes: 60 })).toBe(expected);
  });

  it('uses the entry point SLA for the candidate', () => {
    expect(dueAtOnInbound(T0 + 60 * MIN, T0, { inboxSlaMinutes: 60, entryPointSlaMinutes: 15 })).toBe(T0 + 15 * MIN);
  });
});

describe('dueAtOnTransfer', () => {
  it.each([
    { name: 'new inbox with a longer SLA moves the due date later', last: T0, sla: 120, expected: T0 + 120 * MIN },
    { name: 'new inbox with a shorter SLA moves it earlier', last: T0, sla: 5, expected: T0 + 5 * MIN },
    { name: 'no inbound contact means no due date', last: null, sla: 60, expected: null },
  ])('$name', ({ last, sla, expected }) => {
    expect(dueAtOnTransfer(last, sla)).toBe(expected);
  });
});

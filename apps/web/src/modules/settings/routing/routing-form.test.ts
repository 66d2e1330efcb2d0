import { describe, expect, it } from 'vitest';
import type { TInboxRoutingConfig } from '../shared/settings-types';
import { defaultsFromForm, describeOverride, overrideFromForm, toConfigForm } from './routing-form';

const full: TInboxRoutingConfig = {
  offerTimeoutSeconds: { VOICE: 20, MESSAGING: 45, MAIL: 60, TASK: 90 },
  messagingAutoAssign: true,
  nextMessageDelaySeconds: 0,
  declineGraceSeconds: 30,
  messagingAutoEndSeconds: 900,
};

describe('routing settings form', () => {
  it('round-trips the defaults', () => {
    expect(defaultsFromForm(toConfigForm(full))).toEqual(full);
  });

  it('sends a blank default as null so the server names the field', () => {
    const form = toConfigForm(full);
    form.declineGraceSeconds = '';
    expect(defaultsFromForm(form).declineGraceSeconds).toBeNull();
  });

  it.each<{ name: string; partial: Partial<TInboxRoutingConfig>; expected: Partial<TInboxRoutingConfig> }>([
    { name: 'nothing overridden', partial: {}, expected: {} },
    {
      name: 'one timeout',
      partial: { offerTimeoutSeconds: { MESSAGING: 10 } as TInboxRoutingConfig['offerTimeoutSeconds'] },
      expected: { offerTimeoutSeconds: { MESSAGING: 10 } as TInboxRoutingConfig['offerTimeoutSeconds'] },
    },
    {
      name: 'auto-assign off is kept',
      partial: { messagingAutoAssign: false },
      expected: { messagingAutoAssign: false },
    },
    { name: 'zero is a value', partial: { nextMessageDelaySeconds: 0 }, expected: { nextMessageDelaySeconds: 0 } },
    { name: 'everything', partial: full, expected: full },
  ])('override: $name', ({ partial, expected }) => {
    expect(overrideFromForm(toConfigForm(partial))).toEqual(expected);
  });

  it.each<{ override: Partial<TInboxRoutingConfig>; expected: string }>([
    { override: {}, expected: 'No changes' },
    { override: { messagingAutoAssign: true }, expected: 'auto-assign on' },
    {
      override: {
        offerTimeoutSeconds: { MAIL: 120 } as TInboxRoutingConfig['offerTimeoutSeconds'],
        declineGraceSeconds: 5,
      },
      expected: 'mail offer 120 s; decline grace 5 s',
    },
  ])('describes $expected', ({ override, expected }) => {
    expect(describeOverride(override)).toBe(expected);
  });
});

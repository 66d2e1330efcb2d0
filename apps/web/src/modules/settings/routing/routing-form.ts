import { parseNumberInput } from '../shared/number-input';
import { CHANNEL_GROUPS, type TInboxRoutingConfig } from '../shared/settings-types';

// The routing settings form keeps every number as text (so a field can be blank); these turn it into API shapes.

export interface TRoutingConfigForm {
  offerTimeoutSeconds: Record<(typeof CHANNEL_GROUPS)[number], string>;
  messagingAutoAssign: boolean | null;
  nextMessageDelaySeconds: string;
  declineGraceSeconds: string;
  messagingAutoEndSeconds: string;
}

export function toConfigForm(config: Partial<TInboxRoutingConfig>): TRoutingConfigForm {
  const text = (n: number | undefined) => (n === undefined ? '' : String(n));
  return {
    offerTimeoutSeconds: {
      VOICE: text(config.offerTimeoutSeconds?.VOICE),
      MESSAGING: text(config.offerTimeoutSeconds?.MESSAGING),
      MAIL: text(config.offerTimeoutSeconds?.MAIL),
      TASK: text(config.offerTimeoutSeconds?.TASK),
    },
    messagingAutoAssign: config.messagingAutoAssign ?? null,
    nextMessageDelaySeconds: text(config.nextMessageDelaySeconds),
    declineGraceSeconds: text(config.declineGraceSeconds),
    messagingAutoEndSeconds: text(config.messagingAutoEndSeconds),
  };
}

/** The org defaults: every field is sent; a blank number goes as null so the server names the field. */
export function defaultsFromForm(form: TRoutingConfigForm): Record<string, unknown> {
  return {
    offerTimeoutSeconds: Object.fromEntries(
      CHANNEL_GROUPS.map((group) => [group, parseNumberInput(form.offerTimeoutSeconds[group])]),
    ),
    messagingAutoAssign: form.messagingAutoAssign ?? false,
    nextMessageDelaySeconds: parseNumberInput(form.nextMessageDelaySeconds),
    declineGraceSeconds: parseNumberInput(form.declineGraceSeconds),
    messagingAutoEndSeconds: parseNumberInput(form.messagingAutoEndSeconds),
  };
}

/** An inbox override: only the fields filled in; blank means "use the org default". */
export function overrideFromForm(form: TRoutingConfigForm): Partial<TInboxRoutingConfig> {
  const out: Partial<TInboxRoutingConfig> = {};
  const timeouts: Partial<Record<(typeof CHANNEL_GROUPS)[number], number>> = {};
  for (const group of CHANNEL_GROUPS) {
    const value = parseNumberInput(form.offerTimeoutSeconds[group]);
    if (value !== null) timeouts[group] = value;
  }
  if (Object.keys(timeouts).length > 0)
    out.offerTimeoutSeconds = timeouts as TInboxRoutingConfig['offerTimeoutSeconds'];
  if (form.messagingAutoAssign !== null) out.messagingAutoAssign = form.messagingAutoAssign;
  for (const key of ['nextMessageDelaySeconds', 'declineGraceSeconds', 'messagingAutoEndSeconds'] as const) {
    const value = parseNumberInput(form[key]);
    if (value !== null) out[key] = value;
  }
  return out;
}

/** "Offer timeout MESSAGING 30 s; auto-assign on" for the overrides table. */
export function describeOverride(override: Partial<TInboxRoutingConfig>): string {
  const parts: string[] = [];
  for (const [group, seconds] of Object.entries(override.offerTimeoutSeconds ?? {})) {
    parts.push(`${group.toLowerCase()} offer ${seconds} s`);
  }
  if (override.messagingAutoAssign !== undefined) {
    parts.push(`auto-assign ${override.messagingAutoAssign ? 'on' : 'off'}`);
  }
  if (override.nextMessageDelaySeconds !== undefined)
    parts.push(`next message delay ${override.nextMessageDelaySeconds} s`);
  if (override.declineGraceSeconds !== undefined) parts.push(`decline grace ${override.declineGraceSeconds} s`);
  if (override.messagingAutoEndSeconds !== undefined) parts.push(`auto-end ${override.messagingAutoEndSeconds} s`);
  return parts.join('; ') || 'No changes';
}

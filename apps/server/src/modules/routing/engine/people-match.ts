import type {
  TAgentSnapshot,
  TBoostCondition,
  TBoostRule,
  TCustomerAttributeValue,
  TWorkItem,
} from './routing-types.js';

export interface TBoostScore {
  points: number;
  ruleIds: string[];
  reasons: string[];
}

const NO_SCORE: TBoostScore = { points: 0, ruleIds: [], reasons: [] };

// Sum of the points of every boost whose conditions all hold for this (item, agent) pair (spec 5.6).
export function scorePair(
  rules: readonly TBoostRule[],
  item: TWorkItem,
  agent: TAgentSnapshot,
  now: number,
): TBoostScore {
  let points = 0;
  const ruleIds: string[] = [];
  const reasons: string[] = [];
  for (const rule of rules) {
    if (rule.conditions.every((condition) => conditionHolds(condition, item, agent, now))) {
      points += rule.points;
      ruleIds.push(rule.id);
      reasons.push(`boost:${rule.id}:+${rule.points}`);
    }
  }
  return points === 0 && ruleIds.length === 0 ? NO_SCORE : { points, ruleIds, reasons };
}

export function conditionHolds(
  condition: TBoostCondition,
  item: TWorkItem,
  agent: TAgentSnapshot,
  now: number,
): boolean {
  return condition.kind === 'SKILLS' ? agentConditionHolds(condition, agent) : itemConditionHolds(condition, item, now);
}

export type TAgentCondition = Extract<TBoostCondition, { kind: 'SKILLS' }>;
export type TItemCondition = Exclude<TBoostCondition, TAgentCondition>;

// Every condition depends on the agent alone (skills) or on the item alone (everything else), so a rule holds for a
// pair exactly when its agent part holds for the agent and its item part for the item; decide() relies on this to
// score agents by class instead of pair by pair.
export function isAgentCondition(condition: TBoostCondition): condition is TAgentCondition {
  return condition.kind === 'SKILLS';
}

export function agentConditionHolds(condition: TAgentCondition, agent: TAgentSnapshot): boolean {
  const has = (skill: string) => agent.skills.includes(skill);
  return condition.match === 'ALL' ? condition.skills.every(has) : condition.skills.some(has);
}

export function itemConditionHolds(condition: TItemCondition, item: TWorkItem, now: number): boolean {
  switch (condition.kind) {
    case 'CHANNEL':
      return condition.channels.includes(item.channel);
    case 'INBOX': {
      const listed = condition.inboxIds.includes(item.inboxId);
      return condition.op === 'INCLUDES' ? listed : !listed;
    }
    case 'TRANSFER_STATUS':
      return condition.status === 'REMATCHING' ? item.transferred : !item.transferred;
    case 'DUE':
      return dueHolds(condition, item.dueAt, now);
    case 'WAIT_TIME': {
      const waited = now - item.enqueuedAt;
      const limit = condition.seconds * 1000;
      return condition.op === 'LONGER_THAN' ? waited > limit : waited < limit;
    }
    case 'TOPICS': {
      const wanted = condition.topicIds;
      const all = condition.match === 'ALL';
      for (let k = 0; k < wanted.length; k++) {
        const has = item.topicIds.includes(wanted[k] as string);
        if (all !== has) return !all; // ALL: a missing one fails; ANY: a present one matches
      }
      return all;
    }
    case 'STRING_ATTRIBUTE': {
      const matched = stringMatches(condition.mode, item.customerAttributes[condition.key], condition.values);
      return condition.op === 'CONTAINS' ? matched : !matched;
    }
    case 'NUMBER_ATTRIBUTE':
      return numberHolds(condition, item.customerAttributes[condition.key]);
  }
}

// The same test as itemConditionHolds(condition, item, now), prepared once for many items and decides (decide()
// scores every queued item against every boost); decide.differential.test.ts checks the two agree through decide().
export function compileItemCondition(condition: TItemCondition): (item: TWorkItem, now: number) => boolean {
  switch (condition.kind) {
    case 'CHANNEL': {
      const channels = condition.channels;
      return (item) => channels.includes(item.channel);
    }
    case 'INBOX': {
      const inboxIds = condition.inboxIds;
      const includes = condition.op === 'INCLUDES';
      return (item) => inboxIds.includes(item.inboxId) === includes;
    }
    case 'TRANSFER_STATUS':
      return condition.status === 'REMATCHING' ? (item) => item.transferred : (item) => !item.transferred;
    case 'DUE':
      return (item, now) => dueHolds(condition, item.dueAt, now);
    case 'WAIT_TIME': {
      const limit = condition.seconds * 1000;
      return condition.op === 'LONGER_THAN'
        ? (item, now) => now - item.enqueuedAt > limit
        : (item, now) => now - item.enqueuedAt < limit;
    }
    case 'NUMBER_ATTRIBUTE': {
      const key = condition.key;
      return (item) => numberHolds(condition, item.customerAttributes[key]);
    }
    case 'STRING_ATTRIBUTE': {
      const { key, mode, values } = condition;
      const contains = condition.op === 'CONTAINS';
      return (item) => {
        const matched = stringMatches(mode, item.customerAttributes[key], values);
        return contains ? matched : !matched;
      };
    }
    default:
      return (item, now) => itemConditionHolds(condition, item, now) === true;
  }
}

/**
 * A moment up to which (exclusive) the condition keeps, for this item, the value it has at `now` as the clock moves
 * forward; Infinity when it never changes again. Only due-date and wait-time conditions depend on the clock, and
 * each can change value only where the clock crosses one of its thresholds (due date, due date ± span, enqueued +
 * limit). So the value holds until the next threshold ahead, taken a little early (`margin`) so that the
 * floating-point comparisons of itemConditionHolds() cannot disagree before it; close to a threshold the answer is
 * `now` itself: re-evaluate next time.
 */
export function itemConditionStableUntil(condition: TItemCondition, item: TWorkItem, now: number): number {
  switch (condition.kind) {
    case 'DUE': {
      const dueAt = item.dueAt;
      if (dueAt === null) return Number.POSITIVE_INFINITY;
      const span = condition.seconds * 1000;
      if (condition.op === 'OVERDUE') return nextThreshold([dueAt], now);
      if (condition.op === 'OVERDUE_BY') return nextThreshold([dueAt + span], now);
      return nextThreshold([Math.min(dueAt - span, dueAt), Math.max(dueAt - span, dueAt)], now);
    }
    case 'WAIT_TIME':
      return nextThreshold([item.enqueuedAt + condition.seconds * 1000], now);
    default:
      return Number.POSITIVE_INFINITY;
  }
}

// `thresholds` ascending. The first threshold not safely behind `now`, moved earlier by its margin; `now` when that
// is not ahead of `now` or not a finite number.
function nextThreshold(thresholds: readonly number[], now: number): number {
  for (const threshold of thresholds) {
    const margin = clockMargin(threshold, now);
    if (!Number.isFinite(threshold) || !Number.isFinite(margin)) return now;
    if (now >= threshold + margin) continue;
    const at = threshold - margin;
    return Math.max(at, now);
  }
  return Number.POSITIVE_INFINITY;
}

// Conversations without a due date never match due-date conditions (as for rule triggers, spec 5.5).
function dueHolds(condition: Extract<TBoostCondition, { kind: 'DUE' }>, dueAt: number | null, now: number): boolean {
  if (dueAt === null) return false;
  switch (condition.op) {
    case 'DUE_IN':
      return dueAt >= now && dueAt - now <= condition.seconds * 1000;
    case 'OVERDUE':
      return now > dueAt;
    case 'OVERDUE_BY':
      return now - dueAt >= condition.seconds * 1000;
  }
}

function stringMatches(
  mode: 'ANY' | 'ONLY' | 'REGEX' | 'WORDS',
  raw: TCustomerAttributeValue | undefined,
  values: readonly string[],
): boolean {
  if (raw === undefined || raw === null) return false;
  const text = String(raw).toLowerCase();
  switch (mode) {
    case 'ANY': {
      const lowered = normalizedValues(values, false);
      return lowered.some((value) => value !== '' && text.includes(value));
    }
    case 'ONLY': {
      const trimmed = text.trim();
      return normalizedValues(values, true).includes(trimmed);
    }
    case 'WORDS': {
      const words = new Set(text.split(/[^\p{L}\p{N}_]+/u).filter(Boolean));
      return normalizedValues(values, false).some((value) => words.has(value));
    }
    case 'REGEX':
      return values.some((pattern) => safeRegex(pattern)?.test(String(raw)) ?? false);
  }
}

// Lower-cased (and for ONLY trimmed) condition values, computed once per values array: boosts are scored against
// every candidate pair, and their values never change while a snapshot is routed.
const loweredValues = new WeakMap<readonly string[], string[]>();
const trimmedValues = new WeakMap<readonly string[], string[]>();

function normalizedValues(values: readonly string[], trim: boolean): string[] {
  const cache = trim ? trimmedValues : loweredValues;
  let normalized = cache.get(values);
  if (normalized === undefined) {
    normalized = values.map((value) => (trim ? value.trim().toLowerCase() : value.toLowerCase()));
    cache.set(values, normalized);
  }
  return normalized;
}

// Compiled patterns are reused across pairs and decides: a RegExp without the g/y flags keeps no state between
// test() calls. The cache is bounded; it is simply emptied when full.
const regexCache = new Map<string, RegExp | null>();
const REGEX_CACHE_MAX = 1000;

function safeRegex(pattern: string): RegExp | null {
  const cached = regexCache.get(pattern);
  if (cached !== undefined) return cached;
  let compiled: RegExp | null;
  try {
    compiled = new RegExp(pattern, 'i');
  } catch {
    compiled = null;
  }
  if (regexCache.size >= REGEX_CACHE_MAX) regexCache.clear();
  regexCache.set(pattern, compiled);
  return compiled;
}

// A missing or non-numeric attribute satisfies neither "is" nor "is not": the boost cannot judge it.
function numberHolds(
  condition: Extract<TBoostCondition, { kind: 'NUMBER_ATTRIBUTE' }>,
  raw: TCustomerAttributeValue | undefined,
): boolean {
  if (raw === undefined || raw === null || raw === '' || typeof raw === 'boolean') return false;
  const value = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isFinite(value)) return false;
  const result = compare(condition.comparator, value, condition.value, condition.upper ?? condition.value);
  return condition.negate ? !result : result;
}

function compare(comparator: string, value: number, bound: number, upper: number): boolean {
  switch (comparator) {
    case 'EQ':
      return value === bound;
    case 'GT':
      return value > bound;
    case 'GTE':
      return value >= bound;
    case 'LT':
      return value < bound;
    case 'LTE':
      return value <= bound;
    default:
      return value >= Math.min(bound, upper) && value <= Math.max(bound, upper);
  }
}

/**
 * How much earlier than a threshold computed from `a` and `b` a cached answer must be given up: 1 ms plus a relative
 * 1e-12 of the numbers (4.5 ms for today's epoch milliseconds), where the rounding of a double is about 2e-16
 * relative, so comparisons made with the same numbers in another order cannot disagree before it.
 */
export function clockMargin(a: number, b: number): number {
  return 1 + (Math.abs(a) + Math.abs(b)) * 1e-12;
}

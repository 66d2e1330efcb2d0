import {
  agentConditionHolds,
  compileItemCondition,
  isAgentCondition,
  itemConditionStableUntil,
  type TAgentCondition,
  type TBoostScore,
  type TItemCondition,
} from './people-match.js';
import type { TAgentSnapshot, TBoostRule, TWorkItem } from './routing-types.js';

const NO_SCORE: TBoostScore = { points: 0, ruleIds: [], reasons: [] };

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// Rough relative cost of evaluating an item condition, to try cheap ones first.
const CONDITION_COST: Readonly<Record<TItemCondition['kind'], number>> = {
  TRANSFER_STATUS: 0,
  DUE: 0,
  WAIT_TIME: 0,
  CHANNEL: 1,
  INBOX: 1,
  TOPICS: 2,
  NUMBER_ATTRIBUTE: 3,
  STRING_ATTRIBUTE: 4,
};

/**
 * The People Match boosts of a snapshot prepared for decide(): in id order (so that matchReasons do not depend on the
 * order of the input array), each split into its agent part (skills) and its item part (everything else; spec 5.6
 * conditions are about one side only, so a rule holds for a pair exactly when both parts hold).
 */
export interface TCompiledBoosts {
  /** Equal keys, equal rules: item facts computed under one set of boosts stay valid under an equal one. */
  key: string;
  rules: readonly TBoostRule[];
  points: readonly number[];
  /** Rules whose agent part is not empty: only they tell agents apart. */
  skillRules: readonly number[];
  /** Integer points (the API allows 1, 3, 5, 10) add up exactly in any order (see agent-pools.ts). */
  integerPoints: boolean;
  agentPartHolds(rule: number, agent: TAgentSnapshot): boolean;
  /**
   * A pair's score when the item part of exactly the rules `holding` holds for the item: what scorePair() returns,
   * with the points added in the same (rule) order, without evaluating the item conditions again.
   */
  scoreWith(holding: readonly number[], agent: TAgentSnapshot): TBoostScore;
  /** scoreWith()'s reasons pushed onto `out` (in rule order), its points returned: no score object per pair. */
  addReasons(holding: readonly number[], agent: TAgentSnapshot, out: string[]): number;
  /** Rule indices whose item part holds for the item at `now`, and until when that stays so (itemStableUntil). */
  itemPartsHolding(item: TWorkItem, now: number): number[];
  itemStableUntil(item: TWorkItem, now: number): number;
}

export function compileBoosts(boosts: readonly TBoostRule[]): TCompiledBoosts {
  const rules = [...boosts].sort((a, b) => byString(a.id, b.id));
  const agentConditions: TAgentCondition[][] = [];
  const itemTests: ((item: TWorkItem, now: number) => boolean)[][] = [];
  const clockConditions: TItemCondition[] = [];
  for (const rule of rules) {
    const agentPart: TAgentCondition[] = [];
    const itemPart: TItemCondition[] = [];
    for (const condition of rule.conditions) {
      if (isAgentCondition(condition)) agentPart.push(condition);
      else itemPart.push(condition);
      if (condition.kind === 'DUE' || condition.kind === 'WAIT_TIME') clockConditions.push(condition);
    }
    agentConditions.push(agentPart);
    // Conditions are pure, so their order inside a rule does not change its result: cheap checks first.
    itemTests.push(
      itemPart.sort((a, b) => CONDITION_COST[a.kind] - CONDITION_COST[b.kind]).map((c) => compileItemCondition(c)),
    );
  }
  const points = rules.map((rule) => rule.points);
  const skillRules: number[] = [];
  for (let r = 0; r < rules.length; r++) if ((agentConditions[r] as TAgentCondition[]).length > 0) skillRules.push(r);

  const reasons = rules.map((rule) => `boost:${rule.id}:+${rule.points}`);

  const agentPartHolds = (r: number, agent: TAgentSnapshot): boolean => {
    const conditions = agentConditions[r] as TAgentCondition[];
    for (let c = 0; c < conditions.length; c++) {
      if (!agentConditionHolds(conditions[c] as TAgentCondition, agent)) return false;
    }
    return true;
  };

  return {
    key: JSON.stringify(rules),
    rules,
    points,
    skillRules,
    integerPoints: points.every((p) => Number.isInteger(p) && Math.abs(p) < 2 ** 40),
    agentPartHolds,
    scoreWith(holding, agent) {
      let total = 0;
      let ruleIds: string[] | null = null;
      let why: string[] = [];
      for (const r of holding) {
        if (!agentPartHolds(r, agent)) continue;
        total += points[r] as number;
        if (ruleIds === null) {
          ruleIds = [];
          why = [];
        }
        ruleIds.push((rules[r] as TBoostRule).id);
        why.push(reasons[r] as string);
      }
      return ruleIds === null ? NO_SCORE : { points: total, ruleIds, reasons: why };
    },
    addReasons(holding, agent, out) {
      let total = 0;
      for (let k = 0; k < holding.length; k++) {
        const r = holding[k] as number;
        if (!agentPartHolds(r, agent)) continue;
        total += points[r] as number;
        out.push(reasons[r] as string);
      }
      return total;
    },
    itemPartsHolding(item, now) {
      const holding: number[] = [];
      for (let r = 0; r < itemTests.length; r++) {
        const tests = itemTests[r] as ((item: TWorkItem, now: number) => boolean)[];
        let holds = true;
        for (let c = 0; c < tests.length && holds; c++)
          holds = (tests[c] as (i: TWorkItem, n: number) => boolean)(item, now);
        if (holds) holding.push(r);
      }
      return holding;
    },
    itemStableUntil(item, now) {
      let until = Number.POSITIVE_INFINITY;
      for (const condition of clockConditions) {
        const at = itemConditionStableUntil(condition, item, now);
        if (at < until) until = at;
      }
      return until;
    },
  };
}

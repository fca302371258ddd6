/**
 * The classify stage as it was before issue 14's engine-fast round (a fact record made per
 * customer while the rules ran), kept verbatim as the reference the faster stage is tested against
 * (tests/engine/classify-lazy-facts.test.ts). Not used by the app.
 */
/**
 * The classify stage: evaluates the pack's customer rules on each customer's facts, in phases so
 * later rules can use what earlier ones derived:
 *   score-points -> score totals (facts) -> segment (facts) -> churn-risk, churn-factor -> gap -> root-cause.
 * Within a phase rules are evaluated with the compiled predicates, in priority order.
 */
import { compileRules, type CompiledRules } from "../../../src/rules/compiled-rules";
import type { RuleDefinition } from "../../../src/rules/types";
import type { CustomerMetrics } from "../../../src/engine/metrics/customer-metrics";
import {
  GAP_TYPES,
  type GapType,
  type PackParameters,
} from "../../../src/engine/parameters/pack-parameters";
import { SCORES, SEGMENTS } from "../../../src/engine/registry/customer-facts";
import {
  factsRecordMaker,
  type MutableFacts,
} from "../../../src/engine/stages/customer-facts-record";

/** A phase: the rules of some event types compiled together, with their pack indices. */
interface Phase {
  compiled: CompiledRules;
  packIndex: number[];
}

function phase(rules: readonly RuleDefinition[], types: readonly string[]): Phase {
  const packIndex: number[] = [];
  const selected: RuleDefinition[] = [];
  rules.forEach((r, i) => {
    if (types.includes(r.event.type)) {
      packIndex.push(i);
      selected.push(r);
    }
  });
  return { compiled: compileRules(selected), packIndex };
}

/** A detected gap before figures: customer position, type and the pack index of its rule. */
export interface DetectedGap {
  position: number;
  gapType: GapType;
  ruleIndex: number;
}

export interface ClassificationBefore {
  facts: MutableFacts[];
  churnListed: Uint8Array;
  churnFactors: string[][];
  rootCause: (string | null)[];
  /** Pack index of the rule that set the root cause (-1 default). */
  rootCauseRule: Int32Array;
  /** In customer order, then gap-type order (GAP_TYPES). */
  gaps: DetectedGap[];
}

export type ClassifyTick = (done: number, total: number) => void;

/** Classifies every customer of the run. */
export function classifyCustomersBefore(
  metrics: CustomerMetrics,
  rules: readonly RuleDefinition[],
  params: PackParameters,
  tick?: ClassifyTick,
): ClassificationBefore {
  const scorePhase = phase(rules, ["score-points"]);
  const segmentPhase = phase(rules, ["segment"]);
  const churnPhase = phase(rules, ["churn-risk", "churn-factor"]);
  const gapPhase = phase(rules, ["gap"]);
  const causePhase = phase(rules, ["root-cause"]);
  const scoreNames = Object.keys(SCORES);
  const segmentNames = Object.keys(SEGMENTS);
  const segmentDefault = (name: string): string =>
    params.segmentDefaults[name] ?? SEGMENTS[name].values[0];

  const n = metrics.count;
  const facts: MutableFacts[] = new Array<MutableFacts>(n);
  const churnListed = new Uint8Array(n);
  const churnFactors: string[][] = new Array<string[]>(n);
  const rootCause: (string | null)[] = new Array<string | null>(n);
  const rootCauseRule = new Int32Array(n).fill(-1);
  const gaps: DetectedGap[] = [];
  // The fired rule indices of one phase for the customer being read (no array resized, issue 14).
  const fired = new Int32Array(Math.max(1, rules.length));
  const gapRuleByType = new Int32Array(GAP_TYPES.length);

  // Per score-points rule: its score and its (score, dimension) pair as small numbers, so a
  // customer's totals need no strings, sets or objects (issue 14). A score no rule names is not
  // in SCORES, but a rule still adds to it: it gets a number of its own.
  const scoreSlots = new Map<string, number>();
  const slotOf = (map: Map<string, number>, key: string): number => {
    let slot = map.get(key);
    if (slot === undefined) {
      slot = map.size;
      map.set(key, slot);
    }
    return slot;
  };
  const pairSlots = new Map<string, number>();
  const scoreRuleScore = scorePhase.compiled.rules.map((rule) =>
    slotOf(scoreSlots, String(rule.event.params.score)),
  );
  const scoreRulePair = scorePhase.compiled.rules.map((rule) =>
    slotOf(
      pairSlots,
      `${String(rule.event.params.score)}\u0000${String(rule.event.params.dimension)}`,
    ),
  );
  const scoreRulePoints = scorePhase.compiled.rules.map((rule) => Number(rule.event.params.points));
  const scoreSlotNames = [...scoreSlots.keys()];
  const scoreTotals = new Float64Array(scoreSlots.size);
  /** Slot -> first order (1-based) it was added in this customer, 0 not yet: Object.keys order. */
  const scoreSeenAt = new Int32Array(scoreSlots.size);
  const scoreAddOrder: number[] = [];
  const pairSeen = new Uint8Array(pairSlots.size);
  // Per segment rule: its segment as a number and its value.
  const segmentSlots = new Map<string, number>();
  const segmentRuleSlot = segmentPhase.compiled.rules.map((rule) =>
    slotOf(segmentSlots, String(rule.event.params.segment)),
  );
  const segmentRuleValue = segmentPhase.compiled.rules.map((rule) =>
    String(rule.event.params.value),
  );
  const segmentSlotNames = [...segmentSlots.keys()];
  const segmentSet = new Int32Array(segmentSlots.size);
  const segmentSetOrder: number[] = [];
  const segmentDefaults = segmentNames.map(segmentDefault);
  const gapTypeIndex = gapPhase.compiled.rules.map((rule) =>
    GAP_TYPES.indexOf(rule.event.params.gapType as GapType),
  );

  // Every record has these keys in this order (the scores and segments are set below).
  const recordOf = factsRecordMaker(metrics, [...scoreNames, ...segmentNames]);
  for (let k = 0; k < n; k++) {
    if (tick && (k & 2047) === 0) tick(k, n);
    const f = recordOf(k);

    // Score totals: one rule per (score, dimension), highest priority first. Every score is
    // already 0 in the record (factsTemplate gives each key 0), so only fired ones are set.
    if (scorePhase.packIndex.length > 0) {
      // First rule per (score, dimension) in fired order; its points added to the score's total
      // in that order (the same sums as before, from 0).
      const count = scorePhase.compiled.fireIndices(f, fired);
      pairSeen.fill(0);
      scoreSeenAt.fill(0);
      scoreAddOrder.length = 0;
      for (let x = 0; x < count; x++) {
        const i = fired[x];
        const pair = scoreRulePair[i];
        if (pairSeen[pair] === 1) continue;
        pairSeen[pair] = 1;
        const slot = scoreRuleScore[i];
        if (scoreSeenAt[slot] === 0) {
          scoreAddOrder.push(slot);
          scoreSeenAt[slot] = scoreAddOrder.length;
          scoreTotals[slot] = 0;
        }
        scoreTotals[slot] += scoreRulePoints[i];
      }
      for (const slot of scoreAddOrder) f[scoreSlotNames[slot]] = scoreTotals[slot];
    }

    // Segments: highest priority match wins per segment.
    for (let j = 0; j < segmentNames.length; j++) f[segmentNames[j]] = segmentDefaults[j];
    if (segmentPhase.packIndex.length > 0) {
      // The first fired rule per segment sets its value.
      const count = segmentPhase.compiled.fireIndices(f, fired);
      segmentSet.fill(-1);
      segmentSetOrder.length = 0;
      for (let x = 0; x < count; x++) {
        const i = fired[x];
        const slot = segmentRuleSlot[i];
        if (segmentSet[slot] >= 0) continue;
        segmentSet[slot] = i;
        segmentSetOrder.push(slot);
      }
      for (const slot of segmentSetOrder)
        f[segmentSlotNames[slot]] = segmentRuleValue[segmentSet[slot]];
    }

    // Churn list and factors (a customer no churn rule fired for gets one empty list, not three).
    const factors: string[] = [];
    let listed = false;
    if (churnPhase.packIndex.length > 0) {
      const count = churnPhase.compiled.fireIndices(f, fired);
      if (count > 0) {
        const extra: string[] = [];
        for (let x = 0; x < count; x++) {
          const ev = churnPhase.compiled.rules[fired[x]].event;
          const factor = String(ev.params.factor);
          if (ev.type === "churn-risk") {
            listed = true;
            if (!factors.includes(factor)) factors.push(factor);
          } else if (!extra.includes(factor)) extra.push(factor);
        }
        if (listed) for (const x of extra) if (!factors.includes(x)) factors.push(x);
      }
    }
    churnListed[k] = listed ? 1 : 0;
    churnFactors[k] = factors;

    // Gaps: first (highest priority) rule per gap type; rows in GAP_TYPES order.
    if (gapPhase.packIndex.length > 0) {
      gapRuleByType.fill(-1);
      const count = gapPhase.compiled.fireIndices(f, fired);
      for (let x = 0; x < count; x++) {
        const i = fired[x];
        const t = gapTypeIndex[i];
        if (t >= 0 && gapRuleByType[t] < 0) gapRuleByType[t] = gapPhase.packIndex[i];
      }
      for (let t = 0; t < GAP_TYPES.length; t++) {
        if (gapRuleByType[t] >= 0)
          gaps.push({ position: k, gapType: GAP_TYPES[t], ruleIndex: gapRuleByType[t] });
      }
    }

    // Root cause: first match wins.
    rootCause[k] = params.rootCauseDefault;
    if (causePhase.packIndex.length > 0) {
      const count = causePhase.compiled.fireIndices(f, fired);
      if (count > 0) {
        rootCause[k] = String(causePhase.compiled.rules[fired[0]].event.params.cause);
        rootCauseRule[k] = causePhase.packIndex[fired[0]];
      }
    }
    facts[k] = f;
  }
  tick?.(n, n);
  return { facts, churnListed, churnFactors, rootCause, rootCauseRule, gaps };
}

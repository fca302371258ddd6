/**
 * The classify stage: evaluates the pack's customer rules on each customer's facts, in phases so
 * later rules can use what earlier ones derived:
 *   score-points -> score totals (facts) -> segment (facts) -> churn-risk, churn-factor -> gap -> root-cause.
 * Within a phase rules are evaluated with the compiled predicates, in priority order.
 */
import { compileSlotRules, type FactSlots, type SlotRules } from "../../rules/compiled-rules";
import { conditionFacts } from "../../rules/reference-engine";
import type { RuleDefinition } from "../../rules/types";
import type { CustomerMetrics } from "../metrics/customer-metrics";
import { GAP_TYPES, type GapType, type PackParameters } from "../parameters/pack-parameters";
import { SCORES, SEGMENTS } from "../registry/customer-facts";
import {
  factsRecordMaker,
  metricColumnLookup,
  readValuesWriter,
  writtenFactNames,
  type MutableFacts,
} from "./customer-facts-record";
import { CustomerFactsStore } from "./customer-facts-store";

/** A phase: the rules of some event types compiled together, with their pack indices. */
interface Phase {
  compiled: SlotRules;
  packIndex: number[];
}

function phase(
  rules: readonly RuleDefinition[],
  types: readonly string[],
  slots: FactSlots,
): Phase {
  const packIndex: number[] = [];
  const selected: RuleDefinition[] = [];
  rules.forEach((r, i) => {
    if (types.includes(r.event.type)) {
      packIndex.push(i);
      selected.push(r);
    }
  });
  return { compiled: compileSlotRules(selected, slots), packIndex };
}

/**
 * Sets every element of a small typed array to `value`: a loop the engine compiles into the
 * caller, where TypedArray.prototype.fill is a call into the runtime each time (four per
 * customer here, about 80,000 calls a 20,000-customer run; issue 14).
 */
function clear(a: Int32Array | Uint8Array, value: number): void {
  for (let i = 0; i < a.length; i++) a[i] = value;
}

/** A detected gap before figures: customer position, type and the pack index of its rule. */
export interface DetectedGap {
  position: number;
  gapType: GapType;
  ruleIndex: number;
}

export interface Classification {
  /** Every customer's fact record, in run order (all made when first read: prefer `store`). */
  readonly facts: MutableFacts[];
  /** The records, each made when first asked for (customer-facts-store.ts). */
  store: CustomerFactsStore;
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
export function classifyCustomers(
  metrics: CustomerMetrics,
  rules: readonly RuleDefinition[],
  params: PackParameters,
  tick?: ClassifyTick,
): Classification {
  // Every fact some rule reads gets a slot; the rules read each customer's facts from one array
  // by slot (compileSlotRules, issue 14), the only facts they can see.
  const read = new Set<string>();
  for (const rule of rules) conditionFacts(rule.conditions, read);
  const slots = new Map<string, number>();
  for (const name of read) slots.set(name, slots.size);
  const scorePhase = phase(rules, ["score-points"], slots);
  const segmentPhase = phase(rules, ["segment"], slots);
  const churnPhase = phase(rules, ["churn-risk", "churn-factor"], slots);
  const gapPhase = phase(rules, ["gap"], slots);
  const causePhase = phase(rules, ["root-cause"], slots);
  const scoreNames = Object.keys(SCORES);
  const segmentNames = Object.keys(SEGMENTS);
  const segmentDefault = (name: string): string =>
    params.segmentDefaults[name] ?? SEGMENTS[name].values[0];

  const n = metrics.count;
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

  // The rules run on one record, reused customer after customer: each customer's own record is
  // made only when read (customer-facts-store.ts), from the metrics and what is kept here: the
  // score totals and segments set, in the order they were set (issue 14). Before each customer
  // the reused record is put in the state a fresh copy of the template would be in once the
  // metrics are written, as far as any rule reads it: the classify stage's template keys back
  // to 0, the names no template has (a score or segment the registry does not know) deleted.
  // The record is held as its read facts by slot (`values`, see FactSlots): what the record would
  // hold under each name some rule reads, undefined where it would have no such key. The
  // template gives every key 0; names no rule reads are not kept (only the rules read it).
  const later = [...scoreNames, ...segmentNames];
  const writeMetrics = readValuesWriter(metrics, slots);
  const written = writtenFactNames(metrics);
  const templateKeys = new Set([...written, ...later]);
  const values: unknown[] = [];
  for (const name of read) values.push(templateKeys.has(name) ? 0 : undefined);
  const slotsOf = (names: readonly string[]): number[] =>
    names.filter((name) => slots.has(name)).map((name) => slots.get(name) as number);
  const resetToZero = slotsOf(later.filter((name) => !written.has(name)));
  const readSegments: number[] = [];
  for (let j = 0; j < segmentNames.length; j++) if (read.has(segmentNames[j])) readSegments.push(j);
  const segmentNameSlot = segmentNames.map((name) => slots.get(name) ?? -1);
  const resetToAbsent = slotsOf(
    [...new Set([...scoreSlotNames, ...segmentSlotNames])].filter(
      (name) => !templateKeys.has(name),
    ),
  );
  // The slot of each score and segment the rules set (-1: no rule reads it).
  const scoreFactSlot = scoreSlotNames.map((name) => slots.get(name) ?? -1);
  const segmentFactSlot = segmentSlotNames.map((name) => slots.get(name) ?? -1);
  const scoreStart = new Int32Array(n + 1);
  const scoreSlot: number[] = [];
  const scoreTotal: number[] = [];
  const segmentStart = new Int32Array(n + 1);
  const segmentSlot: number[] = [];
  const segmentValue: string[] = [];
  for (let k = 0; k < n; k++) {
    if (tick && (k & 2047) === 0) tick(k, n);
    for (let j = 0; j < resetToZero.length; j++) values[resetToZero[j]] = 0;
    for (let j = 0; j < resetToAbsent.length; j++) values[resetToAbsent[j]] = undefined;
    writeMetrics(values, k);

    // Score totals: one rule per (score, dimension), highest priority first. Every score is
    // already 0 in the record (the template gives each key 0), so only fired ones are set.
    if (scorePhase.packIndex.length > 0) {
      // First rule per (score, dimension) in fired order; its points added to the score's total
      // in that order (the same sums as before, from 0).
      const count = scorePhase.compiled.fireIndices(values, fired);
      clear(pairSeen, 0);
      clear(scoreSeenAt, 0);
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
      for (let x = 0; x < scoreAddOrder.length; x++) {
        const slot = scoreAddOrder[x];
        if (scoreFactSlot[slot] >= 0) values[scoreFactSlot[slot]] = scoreTotals[slot];
        scoreSlot.push(slot);
        scoreTotal.push(scoreTotals[slot]);
      }
    }
    scoreStart[k + 1] = scoreSlot.length;

    // Segments: highest priority match wins per segment.
    for (let x = 0; x < readSegments.length; x++) {
      const j = readSegments[x];
      values[segmentNameSlot[j]] = segmentDefaults[j];
    }
    if (segmentPhase.packIndex.length > 0) {
      // The first fired rule per segment sets its value.
      const count = segmentPhase.compiled.fireIndices(values, fired);
      clear(segmentSet, -1);
      segmentSetOrder.length = 0;
      for (let x = 0; x < count; x++) {
        const i = fired[x];
        const slot = segmentRuleSlot[i];
        if (segmentSet[slot] >= 0) continue;
        segmentSet[slot] = i;
        segmentSetOrder.push(slot);
      }
      for (let x = 0; x < segmentSetOrder.length; x++) {
        const slot = segmentSetOrder[x];
        const value = segmentRuleValue[segmentSet[slot]];
        if (segmentFactSlot[slot] >= 0) values[segmentFactSlot[slot]] = value;
        segmentSlot.push(slot);
        segmentValue.push(value);
      }
    }
    segmentStart[k + 1] = segmentSlot.length;

    // Churn list and factors (a customer no churn rule fired for gets one empty list, not three).
    const factors: string[] = [];
    let listed = false;
    if (churnPhase.packIndex.length > 0) {
      const count = churnPhase.compiled.fireIndices(values, fired);
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
      clear(gapRuleByType, -1);
      const count = gapPhase.compiled.fireIndices(values, fired);
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
      const count = causePhase.compiled.fireIndices(values, fired);
      if (count > 0) {
        rootCause[k] = String(causePhase.compiled.rules[fired[0]].event.params.cause);
        rootCauseRule[k] = causePhase.packIndex[fired[0]];
      }
    }
  }
  tick?.(n, n);
  const store = new CustomerFactsStore(
    n,
    factsRecordMaker(metrics, later),
    { scoreSlotNames, segmentNames, segmentDefaults, segmentSlotNames },
    { scoreStart, scoreSlot, scoreTotal, segmentStart, segmentSlot, segmentValue },
    metricColumnLookup(metrics),
  );
  let all: MutableFacts[] | undefined;
  return {
    get facts(): MutableFacts[] {
      return (all ??= store.all());
    },
    store,
    churnListed,
    churnFactors,
    rootCause,
    rootCauseRule,
    gaps,
  };
}

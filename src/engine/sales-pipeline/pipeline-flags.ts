/**
 * The pack's `deal-flag` and `rep-flag` rules evaluated per deal and per rep with the compiled
 * rules; the "why" of every fired rule comes from its evaluated condition tree (describeTrace).
 */
import { compileRules } from "../../rules/compiled-rules";
import { describeTrace } from "../../rules/describe-trace";
import { valueInSentence } from "../registry/labels";
import type { FactRecord, FactSpec, RuleDefinition } from "../../rules/types";
import type { Deal, Rep } from "./deal";
import type { DealFlags } from "./pipeline-summary";
import { stalledThreshold, type PipelineParameters } from "../parameters/pipeline-parameters";
import type { RepPerformance } from "./rep-performance";

/** Deal facts (scope "deal") for one deal; `probability` is the one used (own or stage default). */
export function dealFacts(deal: Deal, probability: number, params: PipelineParameters): FactRecord {
  return {
    stage: deal.stage,
    status: deal.status,
    value: deal.value,
    probability,
    hasOwnProbability: deal.probability !== null,
    weightedValue: deal.value === null ? null : Math.round(deal.value * probability * 100) / 100,
    daysInStage: deal.daysInStage,
    stalledDaysThreshold: stalledThreshold(params, deal.stage),
    riskFlagCount: deal.riskFlags.length,
    competitorCount: deal.competitors.length,
    highProbability: params.highProbability,
    extremeDaysInStage: params.extremeDaysInStage,
  };
}

/** Rep facts (scope "rep") for one rep's performance figures. */
export function repFacts(
  perf: RepPerformance,
  rep: Rep | undefined,
  params: PipelineParameters,
): FactRecord {
  return {
    quotaAttainment: perf.quotaAttainment,
    coachingThreshold: params.coachingQuotaAttainment,
    hasQuota: rep !== undefined && rep.quota !== null && rep.quota > 0,
    activeDeals: perf.activeDeals,
    pipelineValue: perf.pipelineValue,
    closeRate: perf.closeRate,
  };
}

/** What the flag rules decided for one subject. */
export interface SubjectFlags {
  flags: Set<string>;
  /** Rule names that fired, priority order. */
  rules: string[];
  /** "rule: plain-words conditions (reason)", one per fired rule, joined with " | ". */
  why: string;
}

/**
 * Compiles the rules of one flag event type and returns an evaluator per fact record. `money`
 * writes the why's amounts in the run's currency (default `$1,234.50`).
 */
export function flagEvaluator(
  rules: readonly RuleDefinition[],
  eventType: "deal-flag" | "rep-flag",
  specs: ReadonlyMap<string, FactSpec>,
  money?: (n: number) => string,
): (facts: FactRecord) => SubjectFlags {
  const own = rules.filter((r) => r.event.type === eventType);
  const compiled = compileRules(own);
  const fired: number[] = [];
  return (facts) => {
    compiled.fireInto(facts, fired);
    const flags = new Set<string>();
    const names: string[] = [];
    const parts: string[] = [];
    for (const i of fired) {
      const rule = own[i];
      flags.add(String(rule.event.params.flag));
      names.push(rule.name);
      const reason = rule.event.params.reason;
      const text = describeTrace(compiled.trace(i, facts), specs, money, valueInSentence);
      parts.push(
        `${rule.name}: ${text}${typeof reason === "string" && reason !== "" ? ` (${reason})` : ""}`,
      );
    }
    return { flags, rules: names, why: parts.join(" | ") };
  };
}

/** DealFlags of pipeline-summary from the evaluated flags. */
export function toDealFlags(f: SubjectFlags): DealFlags {
  return { stalled: f.flags.has("stalled"), atRisk: f.flags.has("at_risk"), rules: f.rules };
}

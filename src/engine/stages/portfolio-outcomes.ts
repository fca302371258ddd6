/** Portfolio facts, executive triggers (portfolio rules), targets and the verdict. */
import { compileRules } from "../../rules/compiled-rules";
import type { FactRecord, FactSpec, RuleDefinition } from "../../rules/types";
import type { PortfolioSummary, TargetResult, TriggerResult, Verdict } from "../analysis-result";
import type { PackParameters } from "../parameters/pack-parameters";
import { describeTrace } from "../../rules/describe-trace";
import { valueInSentence } from "../registry/labels";

/** The facts portfolio rules see. */
export function portfolioFacts(s: PortfolioSummary): FactRecord {
  return {
    customersAnalyzed: s.customersAnalyzed,
    customersWithGaps: s.customersWithGaps,
    gapCount: s.gapCount,
    totalGap: s.totalGap,
    totalRevenueAtRisk: s.revenueAtRisk,
    totalExposure: s.totalExposure,
    churnRiskCustomers: s.churnRiskCustomers,
    potentialRecovery: s.potentialRecovery,
    concentrationPct: s.concentrationShare * 100,
    highSeverityGaps: s.severityCounts.high,
  };
}

/** Fires the pack's `trigger` rules on the portfolio facts (priority order). */
export function evaluateTriggers(
  rules: readonly RuleDefinition[],
  facts: FactRecord,
  specs: ReadonlyMap<string, FactSpec>,
  money?: (n: number) => string,
): TriggerResult[] {
  const selected = rules.filter((r) => r.event.type === "trigger");
  if (selected.length === 0) return [];
  const compiled = compileRules(selected);
  return compiled.fire(facts).map((i) => ({
    trigger: String(selected[i].event.params.trigger),
    message: String(selected[i].event.params.message),
    ruleName: selected[i].name,
    why: describeTrace(compiled.trace(i, facts), specs, money, valueInSentence),
  }));
}

export function evaluateTargets(p: PackParameters, facts: FactRecord): TargetResult[] {
  return p.portfolio.targets.map((t) => {
    const actual = Number(facts[t.fact] ?? 0);
    return {
      name: t.name,
      label: t.label,
      fact: t.fact,
      actual,
      max: t.max,
      status: actual <= t.max ? "on_target" : "above_target",
    };
  });
}

export function evaluateVerdict(p: PackParameters, facts: FactRecord): Verdict {
  const v = p.portfolio.verdict;
  const value = Number(facts[v.fact] ?? 0);
  const level = value >= v.high ? "HIGH" : value >= v.medium ? "MEDIUM" : "LOW";
  return { level, fact: v.fact, value, high: v.high, medium: v.medium };
}

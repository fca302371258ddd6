/**
 * The sales-pipeline module: deals and reps (already typed by the input stage) -> flags from the
 * pack's deal-flag / rep-flag rules, pipeline summary, forecast, rep performance and velocity.
 * Pure and deterministic.
 */
import type { RuleDefinition } from "../../rules/types";
import { PIPELINE_FACT_SPECS_BY_NAME } from "../registry/rgo-registry";
import type { Deal, PipelineInput } from "./deal";
import { forecast } from "./forecast";
import { toCents, toDollars, weightedCents } from "./money-cents";
import {
  stageProbability,
  stalledThreshold,
  type PipelineParameters,
} from "../parameters/pipeline-parameters";
import { dealFacts, flagEvaluator, repFacts, toDealFlags } from "./pipeline-flags";
import type { DealResult, PipelineResult, RepResult } from "./pipeline-result";
import { summarizePipeline } from "./pipeline-summary";
import { repPerformance } from "./rep-performance";
import { velocity } from "./velocity";

function hasStageDefault(params: PipelineParameters, stage: string): boolean {
  const key = stage.trim().toLowerCase();
  return Object.keys(params.stageProbabilities).some((s) => s.trim().toLowerCase() === key);
}

/**
 * Runs the module on the input's deals and reps with the pack's rules and pipeline parameters;
 * `money` writes the deal and rep why texts' amounts in the run's currency (default `$1,234.50`).
 */
export function runPipeline(
  input: PipelineInput,
  rules: readonly RuleDefinition[],
  params: PipelineParameters,
  money?: (n: number) => string,
): PipelineResult {
  const deals = input.deals;
  const probabilities = new Map<Deal, number>();
  let stageDefaulted = 0;
  const sourceOf = (d: Deal): DealResult["probabilitySource"] =>
    d.probability !== null
      ? "deal"
      : hasStageDefault(params, d.stage)
        ? "stage default"
        : "fallback";
  for (const d of deals) {
    const p = d.probability ?? stageProbability(params, d.stage);
    probabilities.set(d, p);
    if (d.probability === null && d.status === "active") stageDefaulted++;
  }
  const probabilityOf = (d: Deal): number => probabilities.get(d) ?? 0;

  const evalDeal = flagEvaluator(rules, "deal-flag", PIPELINE_FACT_SPECS_BY_NAME, money);
  const dealFlags = deals.map((d) => evalDeal(dealFacts(d, probabilityOf(d), params)));
  const flags = dealFlags.map(toDealFlags);

  const summary = summarizePipeline(deals, flags, probabilityOf);
  const fc = forecast(summary);
  const vel = velocity(deals);
  const perf = repPerformance(deals, input.reps, probabilityOf, params.topOpportunities);
  const repsById = new Map(input.reps.map((r) => [r.repId, r]));
  const cycleByRep = new Map(vel.cycleByRep.map((c) => [c.repId, c]));
  const evalRep = flagEvaluator(rules, "rep-flag", PIPELINE_FACT_SPECS_BY_NAME, money);
  const reps: RepResult[] = perf.map((p) => {
    const rep = repsById.get(p.repId);
    const f = evalRep(repFacts(p, rep, params));
    const cycle = cycleByRep.get(p.repId);
    return {
      ...p,
      region: rep?.region ?? null,
      manager: rep?.manager ?? null,
      quota: rep?.quota ?? null,
      ytdRevenue: rep?.ytdRevenue ?? null,
      needsCoaching: f.flags.has("needs_coaching"),
      why: f.why,
      cycleClosedDeals: cycle?.closedDeals ?? 0,
      averageCycleDays: cycle?.averageDays ?? null,
      medianCycleDays: cycle?.medianDays ?? null,
    };
  });

  const dealRows: DealResult[] = deals.map((d, i) => {
    const p = probabilityOf(d);
    return {
      dealId: d.dealId,
      repId: d.repId,
      stage: d.stage,
      status: d.status,
      value: d.value,
      probability: p,
      probabilitySource: sourceOf(d),
      weightedValue: d.value === null ? null : toDollars(weightedCents(toCents(d.value), p)),
      daysInStage: d.daysInStage,
      stalledThreshold: stalledThreshold(params, d.stage),
      riskFlags: d.riskFlags,
      competitors: d.competitors,
      stalled: flags[i].stalled,
      atRisk: flags[i].atRisk,
      flagRules: dealFlags[i].rules,
      why: dealFlags[i].why,
    };
  });

  return {
    parameters: params,
    dealsTable: input.dealsTable,
    repsTable: input.repsTable,
    deals: dealRows,
    summary,
    forecast: fc,
    reps,
    velocity: vel,
    stageDefaultProbabilityDeals: stageDefaulted,
    notes: pipelineNotes(
      input,
      summary.openDealsWithoutValue,
      stageDefaulted,
      reps,
      vel,
      summary.winRate,
    ),
  };
}

function pipelineNotes(
  input: PipelineInput,
  openWithoutValue: number,
  stageDefaulted: number,
  reps: readonly RepResult[],
  vel: PipelineResult["velocity"],
  winRate: number | null,
): string[] {
  const notes: string[] = [];
  if (openWithoutValue > 0)
    notes.push(
      `${openWithoutValue} open deals have no deal value: open and weighted pipeline, forecast and average deal size cover only the open deals with a value.`,
    );
  if (stageDefaulted > 0)
    notes.push(
      `${stageDefaulted} open deals have no probability${input.columns.probability ? "" : " (the deals sheet has no probability column)"}: the rule pack's stage default probabilities were used.`,
    );
  if (!input.columns.daysInStage) {
    notes.push(
      input.daysInStageAsOf !== null
        ? "Days in stage are not in the data: for open deals they were estimated from the created (engage) date to the data's last date; open deals without that date cannot be checked for stalling."
        : "Days in stage are not in the data (no days-in-stage or created-date column): no deal could be checked for stalling.",
    );
  }
  if (!reps.some((r) => r.quotaAttainment !== null))
    notes.push(
      input.repsTable === null
        ? "Quota attainment and coaching flags could not be computed: there is no reps table."
        : "Quota attainment and coaching flags could not be computed: the reps table has no quotas.",
    );
  else if (reps.some((r) => r.quotaAttainment === null))
    notes.push(
      `Quota attainment could not be computed for ${reps.filter((r) => r.quotaAttainment === null).length} reps (no quota or year-to-date revenue): they are not flagged for coaching.`,
    );
  if (reps.some((r) => r.closeRateSource === "deals"))
    notes.push(
      "Close rates not given in the reps sheet were computed as won / (won + lost) of the rep's deals.",
    );
  if (vel.cycle.closedDeals === 0)
    notes.push(
      "Cycle times could not be computed: no closed deal has both a created (engage) date and a close date.",
    );
  if (winRate === null) notes.push("Win rate could not be computed: there are no closed deals.");
  return notes;
}

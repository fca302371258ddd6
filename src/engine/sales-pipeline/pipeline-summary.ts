import type { Deal } from "./deal";
import { toDollars, weightedCents } from "./money-cents";

/** Flags decided by the pack's deal rules, per deal (same order as the deals). */
export interface DealFlags {
  stalled: boolean;
  atRisk: boolean;
  /** Names of the flag rules that fired, for the "why" column. */
  rules: string[];
}

export interface PipelineSummary {
  totalDeals: number;
  activeDeals: number;
  wonDeals: number;
  lostDeals: number;
  /** Sum of open (active) deal values, dollars. */
  openPipelineValue: number;
  /** Sum over open deals of value x probability, each rounded to the cent, dollars. */
  weightedPipelineValue: number;
  /** The part of weightedPipelineValue that comes from at-risk deals, dollars. */
  atRiskWeightedValue: number;
  /** openPipelineValue / activeDeals (0 when none), rounded to the cent. */
  averageDealSize: number;
  /** won / (won + lost); null when no deal has closed. */
  winRate: number | null;
  stalledDeals: string[];
  atRiskDeals: string[];
  /** Open deals without a value (not in any money figure). */
  openDealsWithoutValue: number;
}

/** Probability actually used for a deal: its own, else the stage default the caller resolved. */
export type ProbabilityOf = (deal: Deal) => number;

/** Pipeline health figures (seed-logic 6.4), money summed in exact cents. */
export function summarizePipeline(
  deals: readonly Deal[],
  flags: readonly DealFlags[],
  probabilityOf: ProbabilityOf,
): PipelineSummary {
  let active = 0;
  let won = 0;
  let lost = 0;
  let openCents = 0;
  let weighted = 0;
  let atRiskWeighted = 0;
  let withoutValue = 0;
  const stalled: string[] = [];
  const atRisk: string[] = [];
  deals.forEach((deal, i) => {
    if (deal.status === "won") won += 1;
    else if (deal.status === "lost") lost += 1;
    else {
      active += 1;
      if (deal.value === null) withoutValue += 1;
      else {
        const cents = Math.round(deal.value * 100);
        const w = weightedCents(cents, probabilityOf(deal));
        openCents += cents;
        weighted += w;
        if (flags[i].atRisk) atRiskWeighted += w;
      }
    }
    if (flags[i].stalled) stalled.push(deal.dealId);
    if (flags[i].atRisk) atRisk.push(deal.dealId);
  });
  const valued = active - withoutValue;
  return {
    totalDeals: deals.length,
    activeDeals: active,
    wonDeals: won,
    lostDeals: lost,
    openPipelineValue: toDollars(openCents),
    weightedPipelineValue: toDollars(weighted),
    atRiskWeightedValue: toDollars(atRiskWeighted),
    averageDealSize: valued > 0 ? toDollars(Math.round(openCents / valued)) : 0,
    winRate: won + lost > 0 ? won / (won + lost) : null,
    stalledDeals: stalled,
    atRiskDeals: atRisk,
    openDealsWithoutValue: withoutValue,
  };
}

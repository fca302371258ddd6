import type { Deal, Rep } from "./deal";
import { toDollars, weightedCents } from "./money-cents";
import type { ProbabilityOf } from "./pipeline-summary";

export interface RepPerformance {
  repId: string;
  name: string | null;
  activeDeals: number;
  /** Sum of the rep's open deal values, dollars. */
  pipelineValue: number;
  /** Sum of value x probability over the rep's open deals, dollars. */
  weightedPipelineValue: number;
  /** The rep sheet's close rate, else won / (won + lost) of the rep's deals; null when neither exists. */
  closeRate: number | null;
  closeRateSource: "reps sheet" | "deals" | "none";
  /** YTD revenue / quota rounded to 2 decimals (seed-logic 6.5); null without a quota. */
  quotaAttainment: number | null;
  /** Up to N open deal ids by value x probability, highest first (ties: sheet order). */
  topOpportunities: string[];
  wonDeals: number;
  lostDeals: number;
  /** The rep appears in deals but not in the reps sheet. */
  missingFromRepsSheet: boolean;
}

/** Per-rep figures (seed-logic 6.5). Reps are listed in reps-sheet order, then reps only seen in deals. */
export function repPerformance(
  deals: readonly Deal[],
  reps: readonly Rep[],
  probabilityOf: ProbabilityOf,
  topN: number,
): RepPerformance[] {
  const order: string[] = reps.map((r) => r.repId);
  const byId = new Map<string, Rep>(reps.map((r) => [r.repId, r]));
  const dealsByRep = new Map<string, Deal[]>();
  for (const d of deals) {
    if (!dealsByRep.has(d.repId)) {
      dealsByRep.set(d.repId, []);
      if (!byId.has(d.repId)) order.push(d.repId);
    }
    dealsByRep.get(d.repId)?.push(d);
  }
  return order.map((repId) => {
    const rep = byId.get(repId);
    const own = dealsByRep.get(repId) ?? [];
    let active = 0;
    let pipelineCents = 0;
    let weighted = 0;
    let won = 0;
    let lost = 0;
    const scored: { id: string; score: number; at: number }[] = [];
    own.forEach((d, at) => {
      if (d.status === "won") won += 1;
      else if (d.status === "lost") lost += 1;
      else {
        active += 1;
        if (d.value !== null) {
          const cents = Math.round(d.value * 100);
          const w = weightedCents(cents, probabilityOf(d));
          pipelineCents += cents;
          weighted += w;
          scored.push({ id: d.dealId, score: w, at });
        }
      }
    });
    scored.sort((a, b) => b.score - a.score || a.at - b.at);
    const quota = rep?.quota ?? null;
    const ytd = rep?.ytdRevenue ?? null;
    const sheetRate = rep?.closeRate ?? null;
    const dealRate = won + lost > 0 ? won / (won + lost) : null;
    return {
      repId,
      name: rep?.name ?? null,
      activeDeals: active,
      pipelineValue: toDollars(pipelineCents),
      weightedPipelineValue: toDollars(weighted),
      closeRate: sheetRate ?? dealRate,
      closeRateSource: sheetRate !== null ? "reps sheet" : dealRate !== null ? "deals" : "none",
      quotaAttainment:
        quota !== null && quota > 0 && ytd !== null ? Math.round((ytd / quota) * 100) / 100 : null,
      topOpportunities: scored.slice(0, topN).map((s) => s.id),
      wonDeals: won,
      lostDeals: lost,
      missingFromRepsSheet: rep === undefined,
    };
  });
}

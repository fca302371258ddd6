import type { Deal } from "./deal";

export interface StageFigures {
  stage: string;
  /** Open deals in the stage. */
  openDeals: number;
  openValue: number;
  /** Average days in stage over open deals that have it; null when none has. */
  averageDaysInStage: number | null;
}

export interface CycleTimes {
  /** Closed deals with both a created and a close date. */
  closedDeals: number;
  averageDays: number | null;
  medianDays: number | null;
}

export interface RepCycleTimes extends CycleTimes {
  repId: string;
}

export interface Velocity {
  /** Stage mix and days in stage, stages in order of first appearance. */
  stages: StageFigures[];
  /** Created -> closed, over all closed deals. */
  cycle: CycleTimes;
  cycleByRep: RepCycleTimes[];
}

function cycleTimes(days: number[]): CycleTimes {
  if (days.length === 0) return { closedDeals: 0, averageDays: null, medianDays: null };
  const sorted = [...days].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const average = sorted.reduce((s, d) => s + d, 0) / sorted.length;
  return {
    closedDeals: sorted.length,
    averageDays: Math.round(average * 10) / 10,
    medianDays: median,
  };
}

/** Velocity where the data allows it: stage mix, days in stage, created -> close cycle times. */
export function velocity(deals: readonly Deal[]): Velocity {
  const stages = new Map<string, { open: number; value: number; daysSum: number; daysN: number }>();
  const cycles: number[] = [];
  const cyclesByRep = new Map<string, number[]>();
  for (const d of deals) {
    if (d.status === "active") {
      const s = stages.get(d.stage) ?? { open: 0, value: 0, daysSum: 0, daysN: 0 };
      s.open += 1;
      s.value += d.value === null ? 0 : Math.round(d.value * 100);
      if (d.daysInStage !== null) {
        s.daysSum += d.daysInStage;
        s.daysN += 1;
      }
      stages.set(d.stage, s);
    } else if (d.createdDay !== null && d.closedDay !== null && d.closedDay >= d.createdDay) {
      const days = d.closedDay - d.createdDay;
      cycles.push(days);
      const list = cyclesByRep.get(d.repId) ?? [];
      list.push(days);
      cyclesByRep.set(d.repId, list);
    }
  }
  return {
    stages: [...stages.entries()].map(([stage, s]) => ({
      stage,
      openDeals: s.open,
      openValue: s.value / 100,
      averageDaysInStage: s.daysN > 0 ? Math.round((s.daysSum / s.daysN) * 10) / 10 : null,
    })),
    cycle: cycleTimes(cycles),
    cycleByRep: [...cyclesByRep.entries()].map(([repId, days]) => ({ repId, ...cycleTimes(days) })),
  };
}

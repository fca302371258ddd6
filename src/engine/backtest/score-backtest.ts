/**
 * Backtest scoring of a flagged set of customers against what they really spent next (pure).
 *
 * Windows (days, inclusive): recent = the `recentWeeks` x 7 days ending on the as-of day; future =
 * the H x 7 days starting the day after it. Definitions:
 * - active: spent something (> 0) in the recent window;
 * - lost: active and future weekly mean (future spend / H) <= lossFraction (0.5) x recent weekly
 *   mean (recent spend / recentWeeks);
 * - baseRate = lost / active; precision = lost among flagged active / flagged active; recall =
 *   flagged lost / lost; lift = precision / baseRate;
 * - topNPrecision: precision among the N (100) flagged active customers with the highest priority
 *   (ties: customer id ascending);
 * - lossCoverage = sum over flagged active of max(0, recent weekly mean - future weekly mean) /
 *   the same sum over all active;
 * - forecastTotal / realisedTotal: sums over every customer with a forecast (realised: future
 *   spend); meanAbsoluteError = mean |forecast - realised| over those customers;
 * - intervalCoverage: share of active customers with a forecast whose realised future spend lies in
 *   [low, high] (inclusive).
 */
import { dailyTotals, type Transaction } from "../model/customer-summary";
import { dayNumber } from "../model/days";

export interface BacktestWindow {
  readonly customerId: string;
  /** Spend in the recent window (recentWeeks weeks ending on the as-of day). */
  readonly recentSpend: number;
  /** Spend in the H weeks after the as-of day. */
  readonly futureSpend: number;
}

export interface FlaggedCustomer {
  readonly customerId: string;
  /** Higher = act first. */
  readonly priority: number;
}

export interface SpendForecast {
  readonly customerId: string;
  readonly expectedSpendNext: number;
  readonly expectedSpendLow: number;
  readonly expectedSpendHigh: number;
}

export interface BacktestOptions {
  readonly horizonWeeks?: number;
  readonly recentWeeks?: number;
  readonly lossFraction?: number;
  readonly topN?: number;
}

export interface BacktestScore {
  readonly customers: number;
  readonly active: number;
  readonly lost: number;
  readonly baseRate: number;
  readonly flagged: number;
  readonly flaggedActive: number;
  readonly flaggedLost: number;
  readonly precision: number;
  readonly recall: number;
  readonly lift: number;
  /** How many flagged active customers the top-N figure is over (min(N, flaggedActive)). */
  readonly topN: number;
  readonly topNPrecision: number;
  readonly lossCoverage: number;
  readonly forecastCustomers: number;
  readonly forecastTotal: number;
  readonly realisedTotal: number;
  /** forecastTotal / realisedTotal - 1. */
  readonly forecastError: number;
  readonly meanAbsoluteError: number;
  readonly intervalCoverage: number;
}

/** Recent and future spend per customer from a purchase log (customers born by the as-of day). */
export function backtestWindows(
  transactions: readonly Transaction[],
  asOf: string,
  options: BacktestOptions = {},
): BacktestWindow[] {
  const H = options.horizonWeeks ?? 13;
  const recentWeeks = options.recentWeeks ?? 13;
  const end = dayNumber(asOf);
  const recentStart = end - 7 * recentWeeks + 1;
  const futureEnd = end + 7 * H;
  const out: BacktestWindow[] = [];
  const daily = dailyTotals(transactions);
  for (const id of [...daily.keys()].sort()) {
    const { days, amounts } = daily.get(id) ?? { days: [], amounts: [] };
    if (days.length === 0 || days[0] > end) continue;
    let recentSpend = 0;
    let futureSpend = 0;
    days.forEach((d, i) => {
      if (d >= recentStart && d <= end) recentSpend += amounts[i];
      else if (d > end && d <= futureEnd) futureSpend += amounts[i];
    });
    out.push({ customerId: id, recentSpend, futureSpend });
  }
  return out;
}

const ratio = (num: number, den: number): number => (den > 0 ? num / den : 0);

export function scoreBacktest(
  windows: readonly BacktestWindow[],
  flagged: readonly FlaggedCustomer[],
  forecasts: readonly SpendForecast[] = [],
  options: BacktestOptions = {},
): BacktestScore {
  const H = options.horizonWeeks ?? 13;
  const recentWeeks = options.recentWeeks ?? 13;
  const lossFraction = options.lossFraction ?? 0.5;
  const topNWanted = options.topN ?? 100;
  const byId = new Map(windows.map((w) => [w.customerId, w]));
  if (byId.size !== windows.length) throw new Error("backtest: duplicate customer in windows");
  const isActive = (w: BacktestWindow): boolean => w.recentSpend > 0;
  const drop = (w: BacktestWindow): number =>
    Math.max(0, w.recentSpend / recentWeeks - w.futureSpend / H);
  const isLost = (w: BacktestWindow): boolean =>
    isActive(w) && w.futureSpend / H <= lossFraction * (w.recentSpend / recentWeeks);

  let active = 0;
  let lost = 0;
  let dropAll = 0;
  for (const w of windows) {
    if (!isActive(w)) continue;
    active++;
    if (isLost(w)) lost++;
    dropAll += drop(w);
  }

  const flaggedIds = new Map<string, number>();
  for (const f of flagged) {
    flaggedIds.set(f.customerId, Math.max(f.priority, flaggedIds.get(f.customerId) ?? -Infinity));
  }
  const flaggedActive: { w: BacktestWindow; priority: number }[] = [];
  for (const [id, priority] of flaggedIds) {
    const w = byId.get(id);
    if (w && isActive(w)) flaggedActive.push({ w, priority });
  }
  flaggedActive.sort(
    (u, v) =>
      v.priority - u.priority ||
      (u.w.customerId < v.w.customerId ? -1 : u.w.customerId > v.w.customerId ? 1 : 0),
  );
  const flaggedLost = flaggedActive.filter((f) => isLost(f.w)).length;
  const dropFlagged = flaggedActive.reduce((s, f) => s + drop(f.w), 0);
  const top = flaggedActive.slice(0, topNWanted);
  const topLost = top.filter((f) => isLost(f.w)).length;

  let forecastTotal = 0;
  let realisedTotal = 0;
  let absError = 0;
  let forecastCustomers = 0;
  let activeWithForecast = 0;
  let covered = 0;
  const seen = new Set<string>();
  for (const f of forecasts) {
    const w = byId.get(f.customerId);
    if (!w || seen.has(f.customerId)) continue;
    seen.add(f.customerId);
    forecastCustomers++;
    forecastTotal += f.expectedSpendNext;
    realisedTotal += w.futureSpend;
    absError += Math.abs(f.expectedSpendNext - w.futureSpend);
    if (isActive(w)) {
      activeWithForecast++;
      if (w.futureSpend >= f.expectedSpendLow && w.futureSpend <= f.expectedSpendHigh) covered++;
    }
  }
  const precision = ratio(flaggedLost, flaggedActive.length);
  const baseRate = ratio(lost, active);
  return {
    customers: windows.length,
    active,
    lost,
    baseRate,
    flagged: flaggedIds.size,
    flaggedActive: flaggedActive.length,
    flaggedLost,
    precision,
    recall: ratio(flaggedLost, lost),
    lift: ratio(precision, baseRate),
    topN: top.length,
    topNPrecision: ratio(topLost, top.length),
    lossCoverage: ratio(dropFlagged, dropAll),
    forecastCustomers,
    forecastTotal,
    realisedTotal,
    forecastError: realisedTotal > 0 ? forecastTotal / realisedTotal - 1 : 0,
    meanAbsoluteError: ratio(absError, forecastCustomers),
    intervalCoverage: ratio(covered, activeWithForecast),
  };
}

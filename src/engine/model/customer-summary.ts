/**
 * From a purchase log to the per-customer summaries the models use, as the papers do: purchases on
 * the same day are merged into one transaction (amounts summed); the first transaction is the
 * customer's "birth"; x counts the repeat transactions up to and including the as-of day; t_x and
 * T are the weeks from the first transaction to the last one and to the end of the as-of day's
 * calendar date (T = (asOf - first) / 7 days, as in the CDNOW summaries: first on 1997-01-01 and
 * as-of 1997-09-30 give T = 38.86). Purchases after the as-of day are ignored, and customers whose
 * first purchase is after it are left out.
 */
import { dayNumber } from "./days";

export interface Transaction {
  readonly customerId: string;
  /** ISO date YYYY-MM-DD. */
  readonly date: string;
  readonly amount: number;
}

export interface CustomerSummary {
  readonly customerId: string;
  /** Number of repeat transactions (distinct purchase days after the first), up to the as-of day. */
  readonly x: number;
  /** Weeks from the first transaction to the last one. */
  readonly tx: number;
  /** Weeks from the first transaction to the as-of day. */
  readonly T: number;
  /** Mean value of the repeat transactions (0 when x = 0). */
  readonly meanRepeatValue: number;
  /** Value of the first transaction. */
  readonly firstValue: number;
  /** Spend in the `recentWeeks` weeks ending on the as-of day (day asOf - 7 recentWeeks + 1 .. asOf). */
  readonly recentSpend: number;
  /** Spend in each of those weeks, oldest first (week i covers 7 days). */
  readonly recentWeekly: readonly number[];
}

export interface SummaryOptions {
  /** Weeks in the recent window (default 13). */
  readonly recentWeeks?: number;
}

/**
 * Per customer, the purchase days (sorted, distinct) and each day's summed amount: arrays from
 * dailyTotals, or views of two shared typed arrays (customer-forecast.ts weeklyDailyTotals: no
 * array per customer to grow and copy; issue 14).
 */
export type DailyTotals = Map<string, { days: ArrayLike<number>; amounts: ArrayLike<number> }>;

/** dailyTotals of a transaction log: the days and amounts as plain arrays. */
export type DailyLog = Map<string, { days: number[]; amounts: number[] }>;

/** The daily totals of a log, or the totals themselves when already merged (merge once, use twice). */
const totalsOf = (log: readonly Transaction[] | DailyTotals): DailyTotals =>
  log instanceof Map ? log : dailyTotals(log);

/**
 * Merge same-day purchases: day number -> summed amount, per customer (days sorted), customers in
 * order of first appearance. Each day's amounts are summed in log order starting from 0, so a
 * customer whose purchases are already on increasing days (one per day, the usual log and every
 * weekly history) keeps its amounts as they are (plus 0); others are merged through a map, as
 * they always were. No map per customer unless its days repeat or go back (issue 14).
 */
export function dailyTotals(transactions: readonly Transaction[]): DailyLog {
  const byCustomer = new Map<string, { days: number[]; amounts: number[]; sorted: boolean }>();
  for (const t of transactions) {
    if (!Number.isFinite(t.amount)) throw new Error(`non-finite amount for ${t.customerId}`);
    const day = dayNumber(t.date);
    let log = byCustomer.get(t.customerId);
    if (!log) {
      log = { days: [], amounts: [], sorted: true };
      byCustomer.set(t.customerId, log);
    } else if (day <= log.days[log.days.length - 1]) log.sorted = false;
    log.days.push(day);
    log.amounts.push(t.amount);
  }
  const out: DailyLog = new Map();
  for (const [id, log] of byCustomer) {
    if (log.sorted) {
      const amounts = log.amounts;
      for (let i = 0; i < amounts.length; i++) amounts[i] = 0 + amounts[i];
      out.set(id, { days: log.days, amounts });
      continue;
    }
    const m = new Map<number, number>();
    for (let i = 0; i < log.days.length; i++)
      m.set(log.days[i], (m.get(log.days[i]) ?? 0) + log.amounts[i]);
    const days = [...m.keys()].sort((u, v) => u - v);
    out.set(id, { days, amounts: days.map((d) => m.get(d) ?? 0) });
  }
  return out;
}

/**
 * One summary per customer born on or before the as-of day, sorted by customer id. Takes the log
 * or its daily totals (dailyTotals).
 */
export function buildCustomerSummaries(
  transactions: readonly Transaction[] | DailyTotals,
  asOf: string,
  options: SummaryOptions = {},
): CustomerSummary[] {
  const recentWeeks = options.recentWeeks ?? 13;
  const end = dayNumber(asOf);
  const recentStart = end - 7 * recentWeeks + 1;
  const out: CustomerSummary[] = [];
  const daily = totalsOf(transactions);
  const ids = [...daily.keys()].sort();
  for (const id of ids) {
    const { days, amounts } = daily.get(id) ?? { days: [], amounts: [] };
    let n = 0;
    for (let i = 0; i < days.length; i++) if (days[i] <= end) n++;
    if (n === 0) continue;
    const first = days[0];
    const last = days[n - 1];
    let repeatSum = 0;
    for (let i = 1; i < n; i++) repeatSum += amounts[i];
    const recentWeekly = new Array<number>(recentWeeks).fill(0);
    for (let i = 0; i < n; i++) {
      if (days[i] >= recentStart)
        recentWeekly[Math.floor((days[i] - recentStart) / 7)] += amounts[i];
    }
    let recentSpend = 0; // summed in week order from 0, as reduce did
    for (let i = 0; i < recentWeeks; i++) recentSpend += recentWeekly[i];
    out.push({
      customerId: id,
      x: n - 1,
      tx: (last - first) / 7,
      T: (end - first) / 7,
      meanRepeatValue: n > 1 ? repeatSum / (n - 1) : 0,
      firstValue: amounts[0],
      recentSpend,
      recentWeekly,
    });
  }
  return out;
}

/**
 * The cohort's recent value trend: the mean value of the repeat transactions (same-day merged,
 * first purchases excluded) in the `recentWeeks` weeks ending on the as-of day, divided by the
 * mean value of all repeat transactions up to the as-of day. Uses only data up to the as-of day;
 * 1 when there are no repeat transactions.
 */
export function recentValueTrend(
  transactions: readonly Transaction[] | DailyTotals,
  asOf: string,
  options: SummaryOptions = {},
): number {
  const recentWeeks = options.recentWeeks ?? 13;
  const end = dayNumber(asOf);
  const recentStart = end - 7 * recentWeeks + 1;
  let allSum = 0;
  let allCount = 0;
  let recentSum = 0;
  let recentCount = 0;
  for (const { days, amounts } of totalsOf(transactions).values()) {
    for (let i = 1; i < days.length && days[i] <= end; i++) {
      allSum += amounts[i];
      allCount++;
      if (days[i] >= recentStart) {
        recentSum += amounts[i];
        recentCount++;
      }
    }
  }
  if (allCount === 0 || recentCount === 0 || allSum <= 0) return 1;
  return recentSum / recentCount / (allSum / allCount);
}

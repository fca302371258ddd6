/**
 * What changed since the last run, per customer (flagged = has at least one gap):
 *
 * - new: flagged now, not flagged last run (or not in it);
 * - closed: flagged last run, not flagged now (or no longer in the data);
 * - flagged both times: persisting when revenue at risk moved by less than the stable threshold
 *   (the pack's report.trendStablePct, percent of last run's), else worsening (up) or improving
 *   (down).
 *
 * The change in revenue at risk is now minus last run, in exact cents (a closed customer's "now"
 * is its revenue at risk today, 0 when it is gone).
 */
import type { PreviousCustomer } from "./previous-customers";

export const CHANGE_STATUSES = ["new", "persisting", "worsening", "improving", "closed"] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

export interface CustomerChange {
  customerId: string;
  status: ChangeStatus;
  /** Revenue at risk last run (0 when not flagged or absent), dollars. */
  previous: number;
  /** Revenue at risk now, dollars. */
  now: number;
  /** now - previous, dollars (exact cents). */
  change: number;
}

export interface StatusTotal {
  customers: number;
  previous: number;
  now: number;
  change: number;
}

export interface SinceLastRun {
  /** Every customer with a status: this run's customers in order, then those gone from the data. */
  changes: CustomerChange[];
  byCustomer: ReadonlyMap<string, CustomerChange>;
  totals: Record<ChangeStatus, StatusTotal>;
}

/** A customer of this run as the comparison needs it. */
export interface CurrentCustomer {
  customerId: string;
  gapCount: number;
  revenueAtRisk: number;
}

const toCents = (x: number): number => Math.round(x * 100);

/** The status of a customer flagged both times. */
export function flaggedBothStatus(
  previousCents: number,
  nowCents: number,
  stablePct: number,
): ChangeStatus {
  if (previousCents === nowCents) return "persisting";
  if (previousCents > 0 && (Math.abs(nowCents - previousCents) / previousCents) * 100 < stablePct)
    return "persisting";
  return nowCents > previousCents ? "worsening" : "improving";
}

export function sinceLastRun(
  current: readonly CurrentCustomer[],
  previous: ReadonlyMap<string, PreviousCustomer>,
  stablePct: number,
): SinceLastRun {
  const changes: CustomerChange[] = [];
  const add = (customerId: string, status: ChangeStatus, prevC: number, nowC: number): void => {
    changes.push({
      customerId,
      status,
      previous: prevC / 100,
      now: nowC / 100,
      change: (nowC - prevC) / 100,
    });
  };
  const seen = new Set<string>();
  for (const c of current) {
    seen.add(c.customerId);
    const p = previous.get(c.customerId);
    const wasFlagged = p !== undefined && p.flagged;
    const nowC = toCents(c.revenueAtRisk);
    const prevC = wasFlagged ? toCents(p.revenueAtRisk) : 0;
    if (c.gapCount > 0)
      add(
        c.customerId,
        wasFlagged ? flaggedBothStatus(prevC, nowC, stablePct) : "new",
        prevC,
        nowC,
      );
    else if (wasFlagged) add(c.customerId, "closed", prevC, nowC);
  }
  for (const [id, p] of previous)
    if (!seen.has(id) && p.flagged) add(id, "closed", toCents(p.revenueAtRisk), 0);
  const totals = Object.fromEntries(
    CHANGE_STATUSES.map((s) => [s, { customers: 0, previous: 0, now: 0, change: 0 }]),
  ) as Record<ChangeStatus, StatusTotal>;
  const centsTotals = Object.fromEntries(CHANGE_STATUSES.map((s) => [s, [0, 0]])) as Record<
    ChangeStatus,
    number[]
  >;
  for (const ch of changes) {
    totals[ch.status].customers++;
    centsTotals[ch.status][0] += toCents(ch.previous);
    centsTotals[ch.status][1] += toCents(ch.now);
  }
  for (const s of CHANGE_STATUSES) {
    const [p, n] = centsTotals[s];
    totals[s].previous = p / 100;
    totals[s].now = n / 100;
    totals[s].change = (n - p) / 100;
  }
  return { changes, byCustomer: new Map(changes.map((c) => [c.customerId, c])), totals };
}

/** The biggest movers: the `n` largest changes in revenue at risk either way (ties by id). */
export function biggestMovers(s: SinceLastRun, n: number): CustomerChange[] {
  return s.changes
    .filter((c) => c.change !== 0)
    .sort(
      (a, b) =>
        Math.abs(b.change) - Math.abs(a.change) ||
        (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0),
    )
    .slice(0, n);
}

/**
 * Partial periods (issue 9): in a daily purchase log the last calendar week can hold fewer days of
 * data than a whole week (the data stops on a Tuesday), and so can the first (it starts on a
 * Wednesday). A short last week looks like a sudden drop for every customer, so it is left out of
 * every window (the calendar ends at the last whole week) and reported as an info issue. A short
 * first week is only reported: the windows are trailing (they reach the first week only for a
 * history shorter than the windows) and the customer model counts purchases, which a short first
 * week does not understate. Weekly data (every date on one weekday) has no partial weeks. Daily
 * dates grouped into calendar months (period.ts) are treated the same way with months: a last
 * month holding fewer days than the month is left out.
 */
import { isoDateOfDay } from "./calendar-days";
import { periodLastDay, periodWords } from "./period";
import type { Sales, WeekCalendar } from "./dataset";
import type { IssueCollector } from "./issue-collector";

export interface PartialWeeks {
  sales: Sales;
  calendar: WeekCalendar;
}

/**
 * Days of data in the first and last calendar periods, and the days of those periods (7 for weeks,
 * the month's days for months); null for weekly (or monthly) data.
 */
export function partialWeekDays(
  sales: Sales,
  calendar: WeekCalendar,
): { firstDays: number; lastDays: number; firstOf: number; lastOf: number } | null {
  const range = sales.dayRange;
  const W = calendar.startDays.length;
  if (range === undefined || W === 0) return null;
  const unit = calendar.period?.unit ?? "week";
  const firstStart = calendar.startDays[0];
  const lastStart = calendar.startDays[W - 1];
  const firstOf = periodLastDay(firstStart, unit) - firstStart + 1;
  const lastOf = periodLastDay(lastStart, unit) - lastStart + 1;
  const firstDays = firstStart + firstOf - range.first;
  const lastDays = range.last - lastStart + 1;
  return {
    firstDays: Math.min(firstOf, firstDays),
    lastDays: Math.min(lastOf, lastDays),
    firstOf,
    lastOf,
  };
}

/** Leaves a partial last week out (when there is more than one week) and reports both ends. */
export function dropPartialLastWeek(
  sales: Sales,
  calendar: WeekCalendar,
  issues: IssueCollector,
  sheet: string,
): PartialWeeks {
  const days = partialWeekDays(sales, calendar);
  if (days === null) return { sales, calendar };
  const W = sales.weeks;
  const range = sales.dayRange ?? { first: 0, last: 0 };
  const unit = calendar.period?.unit ?? "week";
  const words = periodWords(unit);
  if (days.firstDays < days.firstOf) {
    issues.add(
      "info",
      "partial-week",
      sheet,
      null,
      null,
      `The first ${words.one} (${calendar.labels[0]}) holds ${days.firstDays} of ${days.firstOf} days of data (the data starts on ${isoDateOfDay(range.first)}); it is kept: the windows are the trailing ${words.many} and the customer model counts purchases.`,
    );
  }
  if (days.lastDays >= days.lastOf || W < 2) return { sales, calendar };
  issues.add(
    "info",
    "partial-week",
    sheet,
    null,
    null,
    `The last ${words.one} (${calendar.labels[W - 1]}) holds only ${days.lastDays} of ${days.lastOf} days of data (the data ends on ${isoDateOfDay(range.last)}); it is left out, so the analysis ends with the ${words.one} of ${calendar.labels[W - 2]} (to ${isoDateOfDay(periodLastDay(calendar.startDays[W - 2], unit))}).`,
  );
  const keep = W - 1;
  const C = sales.spendCents.length / W;
  const spendCents = new Float64Array(C * keep);
  const present = new Uint8Array(C * keep);
  const store = new Int32Array(C * keep);
  for (let c = 0; c < C; c++) {
    spendCents.set(sales.spendCents.subarray(c * W, c * W + keep), c * keep);
    present.set(sales.present.subarray(c * W, c * W + keep), c * keep);
    store.set(sales.store.subarray(c * W, c * W + keep), c * keep);
  }
  return {
    sales: {
      ...sales,
      weeks: keep,
      spendCents,
      present,
      store,
      partialWeeksDropped: 1,
    },
    calendar: {
      ...calendar,
      startDays: calendar.startDays.slice(0, keep),
      labels: calendar.labels.slice(0, keep),
    },
  };
}

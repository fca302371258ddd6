/**
 * Partial periods (issue 9): in a daily purchase log the last calendar week can hold fewer days of
 * data than a whole week (the data stops on a Tuesday), and so can the first (it starts on a
 * Wednesday). A short last week looks like a sudden drop for every customer, so it is left out of
 * every window (the calendar ends at the last whole week) and reported as an info issue. A short
 * first week is only reported: the windows are trailing (they reach the first week only for a
 * history shorter than the windows) and the customer model counts purchases, which a short first
 * week does not understate. Weekly data (every date on one weekday) has no partial weeks.
 */
import { isoDateOfDay } from "./calendar-days";
import type { Sales, WeekCalendar } from "./dataset";
import type { IssueCollector } from "./issue-collector";

export interface PartialWeeks {
  sales: Sales;
  calendar: WeekCalendar;
}

/** Days of data in the first and last calendar weeks (7 when whole); null for weekly data. */
export function partialWeekDays(
  sales: Sales,
  calendar: WeekCalendar,
): { firstDays: number; lastDays: number } | null {
  const range = sales.dayRange;
  const W = calendar.startDays.length;
  if (range === undefined || W === 0) return null;
  const firstDays = calendar.startDays[0] + 7 - range.first;
  const lastDays = range.last - calendar.startDays[W - 1] + 1;
  return { firstDays: Math.min(7, firstDays), lastDays: Math.min(7, lastDays) };
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
  if (days.firstDays < 7) {
    issues.add(
      "info",
      "partial-week",
      sheet,
      null,
      null,
      `The first week (${calendar.labels[0]}) holds ${days.firstDays} of 7 days of data (the data starts on ${isoDateOfDay(range.first)}); it is kept: the windows are the trailing weeks and the customer model counts purchases.`,
    );
  }
  if (days.lastDays >= 7 || W < 2) return { sales, calendar };
  issues.add(
    "info",
    "partial-week",
    sheet,
    null,
    null,
    `The last week (${calendar.labels[W - 1]}) holds only ${days.lastDays} of 7 days of data (the data ends on ${isoDateOfDay(range.last)}); it is left out, so the analysis ends with the week of ${calendar.labels[W - 2]} (to ${isoDateOfDay(calendar.startDays[W - 2] + 6)}).`,
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
      startDays: calendar.startDays.slice(0, keep),
      labels: calendar.labels.slice(0, keep),
    },
  };
}

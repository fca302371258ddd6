/**
 * A run's as-of date: the last day the analysis saw. Given (--as-of, the pane's control) it is
 * that date; by default it is the end of the last complete week in the data (weeks of daily data
 * are whole weeks: partial-weeks.ts leaves a short last week out), written as an ISO date, or the
 * last week's label when the input has week numbers rather than dates ("Week 12"); for monthly
 * data the last day of the last month.
 */
import { isoDateOfDay } from "../input/calendar-days";
import type { WeekCalendar } from "../input/dataset";

const DATED = /^\d{4}-(\d{2}-\d{2}|W\d{2})$/;

/** The default as-of date of a calendar, or null when it has no weeks (deals alone). */
export function defaultAsOf(calendar: WeekCalendar): string | null {
  const n = calendar.startDays.length;
  if (n === 0) return null;
  const label = calendar.labels[n - 1];
  if (calendar.period?.unit === "month") {
    // The last day of the last month: the day before the next month's first.
    const first = new Date(calendar.startDays[n - 1] * 86_400_000);
    const next = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1) / 86_400_000;
    return isoDateOfDay(next - 1);
  }
  return DATED.test(label) ? isoDateOfDay(calendar.startDays[n - 1] + 6) : label;
}

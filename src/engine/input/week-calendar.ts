/**
 * The week calendar from the sales weeks. When every sales date falls on the same weekday the
 * weeks start on that weekday (the seed uses Saturdays); weekly data dated on a few weekdays is
 * aligned to one week start (week-alignment.ts); otherwise (daily transaction logs) dates
 * are bucketed into ISO weeks starting Monday (or into weeks ending on a given day, for a
 * backtest). The calendar is the contiguous run of weeks from the
 * first to the last (holes are filled; the caller warns about them).
 */
import { RgoError } from "../errors";
import { isoDateOfDay, isoWeekLabel, weekdayOfDay } from "./calendar-days";
import type { WeekCalendar } from "./dataset";
import { chooseWeekStart, weekStartOf, type WeekStart } from "./week-alignment";

export type WeekLabelStyle = "date" | "iso-week" | "week-number";

export interface CalendarBuild {
  calendar: WeekCalendar;
  /** Day of the first week start. */
  start: number;
  /**
   * Whether the dates are weekly data (one weekday, or aligned to one week start) rather than
   * daily dates bucketed into Monday weeks.
   */
  sameWeekday: boolean;
  /** How the week start was chosen (an "aligned" one carries the notice to give). */
  weekStart: WeekStart;
}

/** What the week-start choice needs besides the days (see week-alignment.ts). */
export interface WeekStartContext {
  /** Customer index of each row. */
  customer: Int32Array;
  /** Whether the table is a transaction log (sku or transaction column). */
  transactional: boolean;
}

/** Largest calendar accepted (weeks), so a stray date cannot build a century-long matrix. */
export const MAX_WEEKS = 5300;

/** Week index of a day in a calendar starting at `start` (may be outside 0..weeks-1). */
export function weekIndexOf(day: number, start: number): number {
  return Math.floor((day - start) / 7);
}

/**
 * Build the calendar from the days of the accepted rows (`ok[i] === 1`). `style` decides labels.
 * Throws RgoError("input", "empty-table") when no row has a week.
 */
export function buildWeekCalendar(
  days: Float64Array,
  ok: Uint8Array,
  style: WeekLabelStyle,
  sheet: string,
  context?: WeekStartContext,
  weekEndsOn?: number,
): CalendarBuild {
  let min = Infinity;
  let max = -Infinity;
  let wd = -1;
  let same = true;
  for (let i = 0; i < days.length; i++) {
    if (ok[i] !== 1) continue;
    const d = days[i];
    if (d < min) min = d;
    if (d > max) max = d;
    if (same) {
      const w = weekdayOfDay(d);
      if (wd < 0) wd = w;
      else if (w !== wd) same = false;
    }
  }
  if (min === Infinity) {
    throw new RgoError(
      "input",
      "empty-table",
      `${sheet} has no usable sales rows (no row with a customer id, a week and a revenue), so there are no weeks to analyse.`,
      sheet,
    );
  }
  const weekStart: WeekStart = same
    ? { kind: "one-weekday" }
    : chooseWeekStart({
        days,
        ok,
        customer: context?.customer ?? null,
        transactional: context?.transactional ?? true,
        sheet,
      });
  // Weekly data on several weekdays: the aligned week start. Daily data: ISO weeks (Monday), or
  // weeks that end on `weekEndsOn` (a backtest's as-of day).
  const start = same
    ? min
    : weekStart.kind === "aligned"
      ? weekStartOf(min, weekStart.weekday)
      : weekEndsOn !== undefined
        ? min - ((((min - (weekEndsOn + 1)) % 7) + 7) % 7)
        : min - weekdayOfDay(min);
  const weeks = weekIndexOf(max, start) + 1;
  if (weeks > MAX_WEEKS) {
    throw new RgoError(
      "input",
      "calendar-too-long",
      `${sheet} spans ${weeks} weeks (${isoDateOfDay(min)} to ${isoDateOfDay(max)}); at most ${MAX_WEEKS} are supported. Check for mistyped dates.`,
      sheet,
    );
  }
  const startDays = new Int32Array(weeks);
  const labels: string[] = new Array<string>(weeks);
  for (let w = 0; w < weeks; w++) {
    const d = start + 7 * w;
    startDays[w] = d;
    labels[w] =
      style === "week-number"
        ? `Week ${d / 7 + 1}`
        : style === "iso-week"
          ? isoWeekLabel(d)
          : isoDateOfDay(d);
  }
  return {
    calendar: { startDays, labels },
    start,
    sameWeekday: same || weekStart.kind === "aligned",
    weekStart,
  };
}

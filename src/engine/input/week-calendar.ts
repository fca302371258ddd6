/**
 * The week calendar from the sales weeks. When every sales date falls on the same weekday the
 * weeks start on that weekday (the seed uses Saturdays); weekly data dated on a few weekdays is
 * aligned to one week start (week-alignment.ts); otherwise (daily transaction logs) dates
 * are bucketed into ISO weeks starting Monday (or into weeks ending on a given day, for a
 * backtest), or into weeks starting on the weekday the user chose (`--week-start`). Monthly data
 * (period.ts) gets a calendar of calendar months instead, labelled "2024-03". The calendar is the
 * contiguous run of periods from the first to the last (holes are filled; the caller warns about
 * them).
 */
import { RgoError } from "../errors";
import { isoDateOfDay, isoWeekLabel, weekdayOfDay } from "./calendar-days";
import type { WeekCalendar } from "./dataset";
import { dayOfMonth, monthLabel, monthOfDay, type Period, type PeriodUnit } from "./period";
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
  /** The calendar's period (also on `calendar.period`). */
  period: Period;
  /** Period index of a day (may be outside 0..periods-1). */
  indexOf: (day: number) => number;
}

/** What the user chose (period.ts): months or weeks, and the weekday weeks start on. */
export interface PeriodChoice {
  /** The unit to analyse in (detected by the caller when the user chose none). */
  unit: PeriodUnit;
  /** Whether the unit was chosen by the user rather than detected. */
  unitChosen: boolean;
  /** Weekday the weeks start on (0 = Monday), when chosen by the user. */
  weekStart?: number;
  /** Whether the dates are month starts or month values (monthly data, not daily dates). */
  monthlyData: boolean;
}

/** What the week-start choice needs besides the days (see week-alignment.ts). */
export interface WeekStartContext {
  /** Customer index of each row. */
  customer: Int32Array;
  /** Whether the table is a transaction log (sku or transaction column). */
  transactional: boolean;
  /**
   * Each row's day and whether it was accepted, when `days` and `ok` are given per distinct week
   * cell instead (read-sales.ts): the week-start choice on several weekdays reads rows.
   */
  rows?: () => { days: Float64Array; ok: Uint8Array };
}

/** Largest calendar accepted (weeks), so a stray date cannot build a century-long matrix. */
export const MAX_WEEKS = 5300;

/** Week index of a day in a calendar starting at `start` (may be outside 0..weeks-1). */
export function weekIndexOf(day: number, start: number): number {
  return Math.floor((day - start) / 7);
}

/**
 * Build the calendar from the days of the accepted rows (`ok[i] === 1`), or of the accepted
 * distinct week cells (only the set of days matters, except for the week-start choice on several
 * weekdays, which reads `context.rows`). `style` decides labels.
 * Throws RgoError("input", "empty-table") when no row has a week.
 */
export function buildWeekCalendar(
  days: Float64Array,
  ok: Uint8Array,
  style: WeekLabelStyle,
  sheet: string,
  context?: WeekStartContext,
  weekEndsOn?: number,
  choice?: PeriodChoice,
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
  if (choice?.unit === "month" && style !== "week-number") {
    return buildMonthCalendar(min, max, choice, sheet);
  }
  const weekStart: WeekStart = same
    ? { kind: "one-weekday" }
    : choice?.weekStart !== undefined
      ? { kind: "daily" }
      : chooseWeekStart({
          ...(context?.rows?.() ?? { days, ok }),
          customer: context?.customer ?? null,
          transactional: context?.transactional ?? true,
          sheet,
        });
  // Weekly data on several weekdays: the aligned week start. Daily data: ISO weeks (Monday), or
  // weeks that end on `weekEndsOn` (a backtest's as-of day).
  const chosenStart = choice?.weekStart;
  const start =
    chosenStart !== undefined && style !== "week-number"
      ? min - ((((weekdayOfDay(min) - chosenStart) % 7) + 7) % 7)
      : same
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
  const period: Period = {
    unit: "week",
    source: style === "week-number" ? "week-numbers" : same ? "weekly" : "daily",
    weekStart: style === "week-number" ? null : weekdayOfDay(start),
    chosen: chosenStart !== undefined || choice?.unitChosen === true,
  };
  if (weekStart.kind === "aligned") period.source = "weekly";
  return {
    calendar: { startDays, labels, period },
    start,
    sameWeekday: same || weekStart.kind === "aligned",
    weekStart,
    period,
    indexOf: (day) => weekIndexOf(day, start),
  };
}

/** Calendar months from the month of `min` to the month of `max`. */
function buildMonthCalendar(
  min: number,
  max: number,
  choice: PeriodChoice,
  sheet: string,
): CalendarBuild {
  const first = monthOfDay(min);
  const months = monthOfDay(max) - first + 1;
  if (months * (52 / 12) > MAX_WEEKS) {
    throw new RgoError(
      "input",
      "calendar-too-long",
      `${sheet} spans ${months} months (${isoDateOfDay(min)} to ${isoDateOfDay(max)}); at most ${Math.floor((MAX_WEEKS * 12) / 52)} are supported. Check for mistyped dates.`,
      sheet,
    );
  }
  const startDays = new Int32Array(months);
  const labels: string[] = new Array<string>(months);
  for (let k = 0; k < months; k++) {
    startDays[k] = dayOfMonth(first + k);
    labels[k] = monthLabel(first + k);
  }
  // Month starts (or month values) are monthly data; daily dates are put in their month.
  const period: Period = {
    unit: "month",
    source: choice.monthlyData ? "monthly" : "daily-months",
    weekStart: null,
    chosen: choice.unitChosen,
  };
  const start = startDays[0];
  return {
    calendar: { startDays, labels, period },
    start,
    // Monthly data is periodic like weekly data (one row per customer-month, no partial months).
    sameWeekday: choice.monthlyData,
    weekStart: { kind: "daily" },
    period,
    indexOf: (day) => monthOfDay(day) - first,
  };
}

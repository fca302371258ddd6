/**
 * The period a run analyses: weeks or calendar months (issue 11), detected from the sales dates
 * or chosen by the user (`--period`, `--week-start`, the pane's Data step), and carried on the
 * calendar so that every later stage and every label reads it from one place.
 *
 * Detection (documented behaviour, in this order, over the sales rows' dates):
 * 1. `--period month` (or a month column such as "2024-03" / "Mar 2024"): calendar months.
 * 2. At least two distinct dates, every one on the first of its month: monthly data, months.
 *    (Weekly data cannot do this: two dates a whole number of weeks apart are never both the 1st
 *    except by a gap of many weeks; such data is taken as monthly.)
 * 3. Every date on one weekday: weekly data, weeks starting on that weekday.
 * 4. Otherwise daily data (or weekly data dated on a few weekdays, week-alignment.ts), grouped
 *    into weeks starting Monday, or on the weekday chosen with `--week-start`.
 * `--period week` turns 1-2 off (month starts are then grouped into weeks, as before issue 11).
 */
import { civilFromDays, daysFromCivil, weekdayOfDay } from "./calendar-days";
import { WEEKDAY_NAMES } from "./week-alignment";

export type PeriodUnit = "week" | "month";

/** Week starts a user may choose (retail weeks start Monday, Sunday or Saturday). */
export const WEEK_START_NAMES = ["monday", "sunday", "saturday"] as const;
export type WeekStartName = (typeof WEEK_START_NAMES)[number];

/** Weekday number (0 = Monday) of a week-start name. */
export const WEEKDAY_OF_START: Readonly<Record<WeekStartName, number>> = {
  monday: 0,
  sunday: 6,
  saturday: 5,
};

/** How the dates were read into periods. */
export type PeriodSource =
  /** Every date on one weekday (or aligned to one, week-alignment.ts). */
  | "weekly"
  /** Dates on many weekdays grouped into weeks. */
  | "daily"
  /** Every date on the first of its month, or month values. */
  | "monthly"
  /** Daily dates grouped into calendar months because the user asked for months. */
  | "daily-months"
  /** Plain week numbers ("Week 12"): no dates at all. */
  | "week-numbers";

/** The run's period: what one column of the customers x periods matrix is. */
export interface Period {
  unit: PeriodUnit;
  source: PeriodSource;
  /** Weekday the weeks start on (0 = Monday); null for months and week numbers. */
  weekStart: number | null;
  /** Whether the user chose the period or week start (then the notice says so). */
  chosen: boolean;
}

/** The period of every calendar built before issue 11: weeks. */
export const WEEKLY: Period = { unit: "week", source: "weekly", weekStart: null, chosen: false };

/** Words for a period unit, so no label is built by replacing "week" in a text. */
export interface PeriodWords {
  /** "week" / "month". */
  one: string;
  /** "weeks" / "months". */
  many: string;
  /** "Week" / "Month" (start of a label). */
  One: string;
  /** "Weeks" / "Months". */
  Many: string;
  /** "weekly" / "monthly". */
  ly: string;
  /** "a week" / "a month" (after an amount). */
  per: string;
}

const WORDS: Readonly<Record<PeriodUnit, PeriodWords>> = {
  week: { one: "week", many: "weeks", One: "Week", Many: "Weeks", ly: "weekly", per: "a week" },
  month: {
    one: "month",
    many: "months",
    One: "Month",
    Many: "Months",
    ly: "monthly",
    per: "a month",
  },
};

export function periodWords(unit: PeriodUnit = "week"): PeriodWords {
  return WORDS[unit];
}

/** "1 week" / "3 months". */
export function countPeriods(n: number, unit: PeriodUnit = "week"): string {
  const w = WORDS[unit];
  return `${groupedNumber(n)} ${n === 1 ? w.one : w.many}`;
}

/**
 * `n.toLocaleString("en-US")` ("1,234"), written by hand for whole numbers: a process's first
 * toLocaleString loads ICU's locale data, 15-30 ms of a CLI run that needs it nowhere else
 * (issue 14). Anything else (fractions, -0, beyond 2^53) goes to toLocaleString.
 */
export function groupedNumber(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString("en-US");
  const digits = String(Math.abs(n));
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ",";
    out += digits[i];
  }
  return n < 0 ? `-${out}` : out;
}

/**
 * A count of weeks in a pack (a window, the model horizon, a streak) as a count of months: the
 * nearest whole number of months of 52/12 weeks, at least 1 (13 weeks -> 3 months, 26 -> 6,
 * 12 -> 3, 6 -> 1, 4 -> 1, 52 -> 12). The one place the pack's week counts become months.
 */
export function weeksToMonths(weeks: number): number {
  return Math.max(1, Math.round((weeks * 12) / 52));
}

/** Month number (years x 12 + month - 1) of a day. */
export function monthOfDay(day: number): number {
  const { y, m } = civilFromDays(day);
  return y * 12 + m - 1;
}

/** First day of a month number. */
export function dayOfMonth(month: number): number {
  return daysFromCivil(Math.floor(month / 12), (month % 12) + 1, 1);
}

/** Whether a day is the first of its month. */
export function isMonthStart(day: number): boolean {
  return civilFromDays(day).d === 1;
}

/** "2024-03": the label of a month. */
export function monthLabel(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}`;
}

/** Last day of the period starting on `startDay`. */
export function periodLastDay(startDay: number, unit: PeriodUnit): number {
  return unit === "week" ? startDay + 6 : dayOfMonth(monthOfDay(startDay) + 1) - 1;
}

/** The detected shape of a column of dates (before any choice by the user). */
export type DateShape = "monthly" | "one-weekday" | "several-weekdays";

/** Steps 2-4 of the detection: the shape of the dates `days[i]` with `use[i] === 1`. */
export function detectDateShape(days: Float64Array, use: Uint8Array): DateShape {
  let first = NaN;
  let distinct = false;
  let allFirst = true;
  let weekday = -1;
  let sameWeekday = true;
  for (let i = 0; i < days.length; i++) {
    if (use[i] !== 1) continue;
    const d = days[i];
    if (Number.isNaN(first)) first = d;
    else if (d !== first) distinct = true;
    if (allFirst && !isMonthStart(d)) allFirst = false;
    if (sameWeekday) {
      const w = weekdayOfDay(d);
      if (weekday < 0) weekday = w;
      else if (w !== weekday) sameWeekday = false;
    }
  }
  if (allFirst && distinct) return "monthly";
  return sameWeekday ? "one-weekday" : "several-weekdays";
}

/** "Saturday". */
export function weekdayName(weekday: number): string {
  return WEEKDAY_NAMES[weekday] ?? "Monday";
}

/**
 * The one info notice naming the period: "monthly data: 18 months, windows of 3 and 1 months",
 * "daily dates grouped into weeks starting Sunday", "weekly data, weeks starting Saturday".
 */
export function periodNotice(
  period: Period,
  periods: number,
  windows: { baseline: number; current: number } | null,
): string {
  const w = periodWords(period.unit);
  const span = countPeriods(periods, period.unit);
  const win =
    windows === null
      ? ""
      : `, windows of ${windows.baseline} and ${windows.current} ${w.many} (baseline and current)`;
  const chosen = period.chosen ? " (as chosen)" : "";
  const start = period.weekStart === null ? "" : weekdayName(period.weekStart);
  switch (period.source) {
    case "monthly":
      return `monthly data${chosen}: ${span}${win}.`;
    case "daily-months":
      return `daily dates grouped into calendar months${chosen}: ${span}${win}.`;
    case "daily":
      return `daily dates grouped into weeks starting ${start}${chosen}: ${span}${win}.`;
    case "weekly":
      return `weekly data, weeks starting ${start}${chosen}: ${span}${win}.`;
    case "week-numbers":
      return `weekly data (week numbers): ${span}${win}.`;
  }
}

/**
 * Week cells -> a day number plus the format it was written in.
 *
 * Accepted (documented behaviour):
 * - JS `Date` (from the xlsx reader): its UTC calendar day.
 * - Excel 1900-system serials: numbers (or numeric text) from 20000 to 79999 (1954..2119);
 *   a fraction (time of day) is dropped.
 * - ISO dates `2025-09-06`, optionally with a time `2025-09-06T00:00:00Z` / `2025-09-06 14:06:53`
 *   (the date part as written is used; the time zone is ignored), and `2025/09/06`.
 * - `YYYYMMDD` (8 digits, text or number, years 1900..2199).
 * - Day/month forms `d/m/yyyy`, `m/d/yyyy` (also with `.` or `-`) only when unambiguous: one of
 *   the first two parts is over 12, or both are equal. `9/6/2025` is rejected as ambiguous.
 * - ISO weeks `2025-W37`, `2025W37` (Monday of that week).
 * - Months `2024-03`, `2024/03`, `Mar 2024`, `March 2024`, `Mar-2024` (English month names, a
 *   four-digit year): kind Month, the first day of the month (period.ts analyses them in months).
 * - Plain week numbers 1..53 (number or text, or `Week 12`), counted from an arbitrary epoch:
 *   week N is day (N - 1) * 7, labelled "Week N".
 * Anything else (including impossible dates like 2025-02-30) is invalid, with a reason. So is any
 * date (or ISO week) before 1900-03-01 or after 9999-12-31, however it was written: Excel cannot
 * tell such dates apart (serial 0, a zero or empty cell formatted as a date, shows as 1900-01-00,
 * and 1900-02-29 does not exist), and one of them would stretch the calendar over a century.
 */
import type { CellValue } from "./raw-table";
import {
  daysFromCivil,
  excelSerialToDay,
  isoDateOfDay,
  isoWeekMonday,
  isValidCivil,
} from "./calendar-days";

/** Format of a week cell. */
export const WeekKind = {
  Blank: 0,
  Date: 1,
  IsoWeek: 2,
  WeekNumber: 3,
  Invalid: 4,
  Month: 5,
} as const;
export type WeekKind = (typeof WeekKind)[keyof typeof WeekKind];

export interface WeekParse {
  kind: WeekKind;
  /** Day number (days since 1970-01-01); NaN unless kind is Date, IsoWeek or WeekNumber. */
  day: number;
  /** Why the cell is invalid (for messages); "" otherwise. */
  reason: string;
}

/** First and last day a date cell may hold: 1900-03-01 and 9999-12-31. */
export const FIRST_DATE_DAY = daysFromCivil(1900, 3, 1);
export const LAST_DATE_DAY = daysFromCivil(9999, 12, 31);
/** What a date out of that range is said to be instead. */
export const DATE_RANGE = "a date between 1900-03-01 and 9999-12-31";
const SERIAL_ZERO_DAY = daysFromCivil(1899, 12, 30);

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;
const ISO_DATE =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$/i;
const ISO_WEEK = /^(\d{4})-?W(\d{1,2})$/i;
const DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const WEEK_NUMBER = /^(?:week\s*)?(\d{1,2})$/i;
const YYYYMMDD = /^(\d{4})(\d{2})(\d{2})$/;
const NUMERIC = /^\d+(?:\.\d+)?$/;
const YEAR_MONTH = /^(\d{4})[-/](\d{1,2})$/;
const MONTH_YEAR = /^([A-Za-z]{3,9})\.?[\s-]+(\d{4})$/;
const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** 1..12 for an English month name or its three-letter abbreviation ("Mar", "March"), else 0. */
function monthNumber(name: string): number {
  const n = name.toLowerCase();
  const i = MONTH_NAMES.findIndex((m) => m === n || (n.length === 3 && m.startsWith(n)));
  return i + 1;
}

/** A month value: the first day of month `m` of year `y`, kind Month. */
function month(out: WeekParse, y: number, m: number, text: string): WeekKind {
  if (m < 1 || m > 12) return set(out, WeekKind.Invalid, NaN, `${text} is not a month 1-12`);
  const k = civil(out, y, m, 1, text);
  return k === WeekKind.Date ? set(out, WeekKind.Month, out.day, "") : k;
}

function set(out: WeekParse, kind: WeekKind, day: number, reason: string): WeekKind {
  out.kind = kind;
  out.day = day;
  out.reason = reason;
  return kind;
}

/** A Date or IsoWeek day, or Invalid when it is outside FIRST_DATE_DAY..LAST_DATE_DAY. */
function dated(out: WeekParse, kind: WeekKind, day: number, text: string): WeekKind {
  if (day >= FIRST_DATE_DAY && day <= LAST_DATE_DAY) return set(out, kind, day, "");
  const hint =
    day === SERIAL_ZERO_DAY || day === SERIAL_ZERO_DAY + 1
      ? " (a zero or empty cell formatted as a date: Excel shows it as 1900-01-00)"
      : "";
  return set(out, WeekKind.Invalid, NaN, `${text}, not ${DATE_RANGE}${hint}`);
}

function civil(out: WeekParse, y: number, m: number, d: number, text: string): WeekKind {
  if (y < MIN_YEAR || y > MAX_YEAR)
    return set(out, WeekKind.Invalid, NaN, `${text} is outside the years ${MIN_YEAR}-${MAX_YEAR}`);
  if (!isValidCivil(y, m, d))
    return set(out, WeekKind.Invalid, NaN, `${text} is not a real calendar date`);
  return dated(out, WeekKind.Date, daysFromCivil(y, m, d), text);
}

function fromNumber(out: WeekParse, n: number, text: string): WeekKind {
  if (Number.isInteger(n) && n >= 1 && n <= 53)
    return set(out, WeekKind.WeekNumber, (n - 1) * 7, "");
  if (n >= 20000 && n < 80000) return set(out, WeekKind.Date, excelSerialToDay(n), "");
  if (Number.isInteger(n) && n >= 19000101 && n <= 21991231) {
    return civil(out, Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100, text);
  }
  return set(
    out,
    WeekKind.Invalid,
    NaN,
    `${text} is neither a week number (1-53) nor an Excel date serial (20000-79999)`,
  );
}

/** Parse one week cell into `out` (reused to avoid allocation); returns the kind. */
export function parseWeekCell(cell: CellValue, out: WeekParse): WeekKind {
  if (cell === null) return set(out, WeekKind.Blank, NaN, "");
  if (typeof cell === "number") return fromNumber(out, cell, String(cell));
  if (cell instanceof Date) {
    const t = cell.getTime();
    if (Number.isNaN(t)) return set(out, WeekKind.Invalid, NaN, "an invalid date");
    const day = Math.floor(t / 86400000);
    return dated(out, WeekKind.Date, day, isoDateOfDay(day));
  }
  if (typeof cell === "boolean")
    return set(out, WeekKind.Invalid, NaN, `${cell ? "TRUE" : "FALSE"} is not a date`);
  const s = cell.trim();
  if (s === "") return set(out, WeekKind.Blank, NaN, "");
  let m = ISO_DATE.exec(s);
  if (m) return civil(out, +m[1], +m[2], +m[3], `"${s}"`);
  m = ISO_WEEK.exec(s);
  if (m) {
    const year = +m[1];
    const day = year >= MIN_YEAR && year <= MAX_YEAR ? isoWeekMonday(year, +m[2]) : NaN;
    if (Number.isNaN(day))
      return set(out, WeekKind.Invalid, NaN, `"${s}" is not an ISO week that exists`);
    return dated(out, WeekKind.IsoWeek, day, `"${s}"`);
  }
  m = YEAR_MONTH.exec(s);
  if (m) return month(out, +m[1], +m[2], `"${s}"`);
  m = MONTH_YEAR.exec(s);
  if (m && monthNumber(m[1]) > 0) return month(out, +m[2], monthNumber(m[1]), `"${s}"`);
  m = WEEK_NUMBER.exec(s);
  if (m) {
    const n = +m[1];
    if (n >= 1 && n <= 53) return set(out, WeekKind.WeekNumber, (n - 1) * 7, "");
    return set(out, WeekKind.Invalid, NaN, `"${s}" is not a week number 1-53`);
  }
  m = DMY.exec(s);
  if (m) {
    const a = +m[1];
    const b = +m[2];
    const y = +m[3];
    if (a === b || (a > 12 && b <= 12)) return civil(out, y, b, a, `"${s}"`);
    if (b > 12 && a <= 12) return civil(out, y, a, b, `"${s}"`);
    return set(
      out,
      WeekKind.Invalid,
      NaN,
      `"${s}" is ambiguous (day/month or month/day); write dates as YYYY-MM-DD`,
    );
  }
  m = YYYYMMDD.exec(s);
  if (m) return civil(out, +m[1], +m[2], +m[3], `"${s}"`);
  if (NUMERIC.test(s)) return fromNumber(out, Number(s), `"${s}"`);
  return set(
    out,
    WeekKind.Invalid,
    NaN,
    `"${s.length > 40 ? s.slice(0, 40) + "…" : s}" is not a date or week`,
  );
}

/**
 * Week parser with a cache of text cells (a week column repeats the same few values), so large
 * tables parse each distinct text once.
 */
export class WeekParser {
  private readonly cache = new Map<string, WeekParse>();
  readonly out: WeekParse = { kind: WeekKind.Blank, day: NaN, reason: "" };

  parse(cell: CellValue): WeekKind {
    if (typeof cell !== "string") return parseWeekCell(cell, this.out);
    const hit = this.cache.get(cell);
    if (hit !== undefined) {
      this.out.kind = hit.kind;
      this.out.day = hit.day;
      this.out.reason = hit.reason;
      return hit.kind;
    }
    const kind = parseWeekCell(cell, this.out);
    if (this.cache.size < 100000) this.cache.set(cell, { ...this.out });
    return kind;
  }
}

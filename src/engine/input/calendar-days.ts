/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC, proleptic Gregorian), with no
 * Date objects: civil date <-> day, Excel 1900-system serials, ISO weeks.
 */

/** Positive remainder. */
export function mod(a: number, m: number): number {
  const r = a % m;
  return r < 0 ? r + m : r + 0; // + 0 turns -0 into 0
}

/** Day number of a civil date (month 1..12). Does not validate. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Whether y-m-d is a real calendar date. */
export function isValidCivil(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const dim = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= dim;
}

/** Civil date of a day number. */
export function civilFromDays(day: number): { y: number; m: number; d: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, "0");
}

/** "YYYY-MM-DD" of a day number. */
export function isoDateOfDay(day: number): string {
  const { y, m, d } = civilFromDays(day);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Weekday, 0 = Monday .. 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return mod(day + 3, 7);
}

/**
 * Day number of an Excel serial in the 1900 date system. Excel counts a non-existent 1900-02-29
 * (serial 60, the Lotus bug), so serials from 61 on are one higher than a true day count; serial 60
 * itself is not a real date (NaN). Fractions (times of day) are dropped. Serial < 1 -> NaN.
 */
export function excelSerialToDay(serial: number): number {
  if (!Number.isFinite(serial) || serial < 1) return NaN;
  const s = Math.floor(serial);
  if (s === 60) return NaN;
  return s < 60 ? s - 25568 : s - 25569;
}

/** Excel 1900-system serial of a day number (inverse of excelSerialToDay for real dates). */
export function dayToExcelSerial(day: number): number {
  const s = day + 25569;
  return s >= 61 ? s : s - 1;
}

/** Monday of ISO week `week` of ISO year `year`, or NaN when the year has no such week. */
export function isoWeekMonday(year: number, week: number): number {
  if (!Number.isInteger(week) || week < 1 || week > 53) return NaN;
  const jan4 = daysFromCivil(year, 1, 4);
  const monday = jan4 - weekdayOfDay(jan4) + (week - 1) * 7;
  return week === 53 && isoWeekOfDay(monday).year !== year ? NaN : monday;
}

/** ISO year and week of a day. */
export function isoWeekOfDay(day: number): { year: number; week: number } {
  const thursday = day - weekdayOfDay(day) + 3;
  const year = civilFromDays(thursday).y;
  return { year, week: Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1 };
}

/** "2025-W37" label of the ISO week containing a day. */
export function isoWeekLabel(day: number): string {
  const { year, week } = isoWeekOfDay(day);
  return `${pad(year, 4)}-W${pad(week, 2)}`;
}

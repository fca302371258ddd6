/**
 * Which weekday the weeks start on when weekly sales are dated on several weekdays.
 *
 * Weekly data is one row per customer-week, normally all dated on one weekday. Some exports date
 * part of the customers on another weekday (one store system writes the Saturday that starts the
 * week, another the Monday after), and bucketing those dates into Monday weeks splits every week
 * in two: one extra week, and the Saturday customers look silent in the last week.
 *
 * Decision (documented behaviour, in this order):
 * 1. All dates on one weekday: weeks start on that weekday (nothing to align).
 * 2. Daily data, grouped into ISO weeks starting Monday by the calendar as before, without a notice:
 *    a table with a sku or transaction column (a transaction log), dates on more than 3 weekdays,
 *    or a customer with two different dates in one week under the start chosen in 3.
 * 3. Otherwise the weeks start on the weekday, among those the dates fall on, that gives the
 *    fewest weeks from the first date to the last: for "Saturday, or the Monday after" that is
 *    Saturday (a Monday belongs to the Saturday two days before); for "Saturday, or the Friday
 *    that ends the same week" it is also Saturday. When several weekdays give as few weeks, the
 *    one with the most rows wins; when the two with the most rows are within 5% of each other the
 *    week start is ambiguous and the run is refused with a message saying so.
 *    Each date is placed in the week containing it under that start (its cell is not changed),
 *    with one info notice naming how many rows of each other weekday were moved.
 */
import { RgoError } from "../errors";
import { mod, weekdayOfDay } from "./calendar-days";

export const WEEKDAY_NAMES = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;

/** Most weekdays weekly data may use before it is taken as daily data. */
export const MAX_WEEKLY_WEEKDAYS = 3;
/** Row counts of two candidate week starts closer than this share are ambiguous. */
export const AMBIGUOUS_SHARE = 0.05;

export type WeekStart =
  /** Every date on one weekday. */
  | { kind: "one-weekday" }
  /** Daily data (or a transaction log): dates are grouped into Monday weeks. */
  | { kind: "daily" }
  /** Weekly data on several weekdays, aligned to weeks starting on `weekday` (0 = Monday). */
  | { kind: "aligned"; weekday: number; moved: number; notice: string };

export interface WeekStartInput {
  /** Day number of each row (days since 1970-01-01). */
  days: Float64Array;
  /** Rows to consider (`ok[i] === 1`). */
  ok: Uint8Array;
  /** Customer index of each row, or null when unknown (then several weekdays mean daily data). */
  customer: Int32Array | null;
  /** Whether the table is a transaction log (sku or transaction column): always daily. */
  transactional: boolean;
  sheet: string;
}

const fmt = (n: number): string => n.toLocaleString("en-US");

/** First day of the week containing `day` when weeks start on `weekday`. */
export function weekStartOf(day: number, weekday: number): number {
  return day - mod(weekdayOfDay(day) - weekday, 7);
}

/** Whether some customer has two different dates in one week starting on `weekday`. */
function hasCollision(input: WeekStartInput, weekday: number): boolean {
  const { days, ok, customer } = input;
  if (customer === null) return true;
  let maxC = -1;
  for (let i = 0; i < days.length; i++) if (ok[i] === 1 && customer[i] > maxC) maxC = customer[i];
  // Only customers dated on two or more weekdays can have two dates in one week.
  const mask = new Uint8Array(maxC + 1);
  for (let i = 0; i < days.length; i++) {
    if (ok[i] === 1) mask[customer[i]] |= 1 << weekdayOfDay(days[i]);
  }
  const seen = new Map<number, number>();
  for (let i = 0; i < days.length; i++) {
    if (ok[i] !== 1) continue;
    const c = customer[i];
    const m = mask[c];
    if ((m & (m - 1)) === 0) continue;
    const d = days[i];
    // Week starts lie within about +-3,000,000 days (years 1900..9999).
    const key = c * 8_000_000 + weekStartOf(d, weekday) + 4_000_000;
    const prev = seen.get(key);
    if (prev === undefined) seen.set(key, d);
    else if (prev !== d) return true;
  }
  return false;
}

/** Decide the week start of the accepted rows' dates (see the file comment). */
export function chooseWeekStart(input: WeekStartInput): WeekStart {
  const { days, ok } = input;
  const counts = [0, 0, 0, 0, 0, 0, 0];
  for (let i = 0; i < days.length; i++) if (ok[i] === 1) counts[weekdayOfDay(days[i])]++;
  const used: number[] = [];
  for (let w = 0; w < 7; w++) if (counts[w] > 0) used.push(w);
  if (used.length <= 1) return { kind: "one-weekday" };
  if (input.transactional || input.customer === null || used.length > MAX_WEEKLY_WEEKDAYS)
    return { kind: "daily" };

  // The used weekdays giving the fewest weeks from the first date to the last.
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < days.length; i++) {
    if (ok[i] !== 1) continue;
    if (days[i] < min) min = days[i];
    if (days[i] > max) max = days[i];
  }
  let fewest = Infinity;
  let starts: number[] = [];
  for (const w of used) {
    const weeks = (weekStartOf(max, w) - weekStartOf(min, w)) / 7 + 1;
    if (weeks < fewest) {
      fewest = weeks;
      starts = [w];
    } else if (weeks === fewest) starts.push(w);
  }
  starts.sort((a, b) => counts[b] - counts[a] || a - b);
  const weekday = starts[0];
  if (hasCollision(input, weekday)) return { kind: "daily" };
  if (starts.length > 1) {
    const a = counts[starts[0]];
    const b = counts[starts[1]];
    if (a - b <= AMBIGUOUS_SHARE * a) {
      const list = used.map((w) => `${fmt(counts[w])} on a ${WEEKDAY_NAMES[w]}`).join(", ");
      throw new RgoError(
        "input",
        "ambiguous-weeks",
        `${input.sheet} is weekly data dated on several weekdays (${list}), and weeks starting on ${WEEKDAY_NAMES[starts[0]]} or on ${WEEKDAY_NAMES[starts[1]]} fit it equally well (${fmt(fewest)} weeks, about as many rows each), so the weeks cannot be lined up. Date every row of a week on the same weekday (for example the week's first day).`,
        input.sheet,
      );
    }
  }
  let moved = 0;
  const parts: string[] = [];
  for (let k = 1; k < 7; k++) {
    const w = (weekday + k) % 7;
    if (counts[w] === 0) continue;
    moved += counts[w];
    parts.push(
      `${fmt(counts[w])} row${counts[w] === 1 ? "" : "s"} dated ${WEEKDAY_NAMES[w]} ${counts[w] === 1 ? "was" : "were"} moved to the week starting the ${WEEKDAY_NAMES[weekday]} before`,
    );
  }
  const top = Math.max(...counts);
  const most = counts.indexOf(top);
  const why =
    counts[weekday] < top
      ? `which gives the fewest weeks (${fmt(fewest)}; most rows are dated ${WEEKDAY_NAMES[most]})`
      : counts.filter((c) => c === top).length === 1
        ? "as most rows do"
        : `which gives the fewest weeks (${fmt(fewest)})`;
  return {
    kind: "aligned",
    weekday,
    moved,
    notice: `${parts.join("; ")}: weeks start on ${WEEKDAY_NAMES[weekday]}, ${why}. The dates in the cells are unchanged.`,
  };
}

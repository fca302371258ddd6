/** Calendar days as integers (days since 1970-01-01, UTC): the model's only notion of time. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parsed dates (a purchase log repeats the same few hundred days): a pure memo, bounded. */
const parsed = new Map<string, number>();

/** Day number of an ISO date `YYYY-MM-DD`; throws on anything else. */
export function dayNumber(iso: string): number {
  const hit = parsed.get(iso);
  if (hit !== undefined) return hit;
  const day = parseDay(iso);
  if (parsed.size < 100_000) parsed.set(iso, day);
  return day;
}

function parseDay(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`not an ISO date (YYYY-MM-DD): ${iso}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = ms / 86_400_000;
  if (isoDate(day) !== iso) throw new Error(`not a calendar date: ${iso}`);
  return day;
}

/** The ISO date `YYYY-MM-DD` of a day number. */
export function isoDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The axes of the Drill-down's spend chart: money ticks in the run's currency written short
 * ("£1.2k"), a scale from 0 (or the lowest negative amount) to a round top, and period labels for
 * a few bars ("4 Mar 2024" for a week starting that day, "Mar 2024" for a month; other calendar
 * labels, "2024-W10" or "Week 5", as the calendar wrote them).
 */
import { currencyInfo } from "../../engine/currency";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Money written short for an axis: "$0", "$950", "£1.2k", "€3.4M", "-$12"; the run's prefix. */
export function compactMoney(value: number, currency: string): string {
  const { prefix } = currencyInfo(currency);
  const a = Math.abs(value);
  const sign = value < 0 && a >= 0.5 ? "-" : "";
  const short = (x: number, unit: string): string => {
    const t = x >= 100 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
    return `${t}${unit}`;
  };
  let text: string;
  if (a >= 999_500_000) text = short(a / 1e9, "bn");
  else if (a >= 999_500) text = short(a / 1e6, "M");
  else if (a >= 999.5) text = short(a / 1e3, "k");
  else text = String(Math.round(a));
  return `${sign}${prefix}${text}`;
}

/** The smallest "nice" number (1, 2, 2.5 or 5 times a power of ten) at or above `x` (> 0). */
export function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  // Below about 1e-308 the power of ten underflows to 0: x itself is then the top.
  if (!(p > 0)) return x;
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x * (1 - 1e-12)) return m * p;
  return 10 * p;
}

export interface MoneyScale {
  /** Bottom and top of the axis (bottom is 0 unless an amount is negative). */
  min: number;
  max: number;
  /** Tick values from bottom to top (including 0 and the top). */
  ticks: number[];
}

/** The axis for amounts `values`: 0 to a round top at or above the highest, two steps. */
export function moneyScale(values: readonly number[]): MoneyScale {
  const finite = values.filter((v) => Number.isFinite(v));
  const hi = Math.max(0, ...finite);
  const lo = Math.min(0, ...finite);
  const max = niceCeil(hi > 0 ? hi : 1);
  const min = lo < 0 ? -niceCeil(-lo) : 0;
  const ticks = min < 0 ? [min, 0, max / 2, max] : [0, max / 2, max];
  return { min, max, ticks };
}

/** A calendar label written for an axis: "4 Mar 2024", "Mar 2024"; other labels unchanged. */
export function periodTick(label: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label);
  if (day !== null) return `${Number(day[3])} ${MONTHS[Number(day[2]) - 1]} ${day[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (month !== null) return `${MONTHS[Number(month[2]) - 1]} ${month[1]}`;
  return label;
}

/** Which of `n` bars get a period label: the first, the last and one in the middle (distinct). */
export function periodTickIndexes(n: number): number[] {
  if (n <= 0) return [];
  return [...new Set([0, Math.floor((n - 1) / 2), n - 1])];
}

/**
 * Deterministic number formatting for explanations (no locale: the same text in every runtime):
 * money `$1,234.50`, percent points `41.3%`, ratios as percents (0.415 -> `41.5%`), grouped
 * thousands with ",".
 */
import type { FactSpec, Scalar } from "./types";

/**
 * `digits` (a non-negative decimal string from toFixed) up to `end`, its integer digits grouped
 * by "," in threes: "1234567.5" -> "1,234,567.5". Built from slices: most numbers in a why have
 * at most three integer digits and come back as they are.
 */
function groupThousands(digits: string, end: number): string {
  const dot = digits.indexOf(".");
  const intEnd = dot === -1 || dot >= end ? end : dot;
  if (intEnd <= 3) return end === digits.length ? digits : digits.slice(0, end);
  let head = intEnd % 3;
  if (head === 0) head = 3;
  let out = digits.slice(0, head);
  for (let i = head; i < intEnd; i += 3) out += "," + digits.slice(i, i + 3);
  return out + digits.slice(intEnd, end);
}

/**
 * A number with exactly `decimals` decimals (or at most, when `trim`), thousands grouped.
 * Non-finite numbers are spelt out. (Without regular expressions: a results book words about
 * 100,000 numbers in its whys; the same text as before, held by tests/rules/format-number.test.ts.)
 */
export function formatNumber(n: number, decimals: number, trim = false): string {
  if (Number.isNaN(n)) return "not a number";
  if (!Number.isFinite(n)) return n > 0 ? "infinity" : "minus infinity";
  const fixed = Math.abs(n).toFixed(decimals);
  if (fixed.includes("e")) return String(n);
  let end = fixed.length;
  const dot = fixed.indexOf(".");
  if (trim && dot !== -1) {
    // Trailing zeros of the decimals go, then the point when no decimal is left.
    while (end > dot + 1 && fixed.charCodeAt(end - 1) === 48) end--;
    if (end === dot + 1) end = dot;
  }
  // A negative number shows its sign only when a digit other than 0 is shown.
  let negative = false;
  if (n < 0)
    for (let i = 0; i < end; i++) {
      const c = fixed.charCodeAt(i);
      if (c >= 49 && c <= 57) {
        negative = true;
        break;
      }
    }
  const grouped = groupThousands(fixed, end);
  return negative ? "-" + grouped : grouped;
}

/** `$1,234.50`, `-$12.00`. */
export function formatMoney(n: number): string {
  const s = formatNumber(n, 2);
  if (!Number.isFinite(n)) return s;
  return s.startsWith("-") ? "-$" + s.slice(1) : "$" + s;
}

/** Percent points to one decimal: 41.3 -> `41.3%`, -41.25 -> `-41.3%`. */
export function formatPercent(n: number): string {
  const s = formatNumber(n, 1);
  return Number.isFinite(n) ? s + "%" : s;
}

/** A fact value in the fact's unit ("not available" for null). */
export function formatFactValue(
  value: Scalar | null | undefined,
  spec: FactSpec | undefined,
  money: (n: number) => string = formatMoney,
): string {
  if (value === null || value === undefined) return "not available";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return value;
  switch (spec?.unit) {
    case "dollars":
      return money(value);
    case "percent":
      return formatPercent(value);
    case "weeks": {
      const s = formatNumber(value, 1, true);
      return `${s} ${s === "1" || s === "-1" ? "week" : "weeks"}`;
    }
    case "months": {
      const s = formatNumber(value, 1, true);
      return `${s} ${s === "1" || s === "-1" ? "month" : "months"}`;
    }
    case "days": {
      const s = formatNumber(value, 1, true);
      return `${s} ${s === "1" || s === "-1" ? "day" : "days"}`;
    }
    case "count":
      return formatNumber(value, 0, true);
    case "ratio": {
      // A ratio reads as a percent for a finance reader: 0.415 -> 41.5%.
      const s = formatNumber(value * 100, 1, true);
      return Number.isFinite(value) ? `${s}%` : s;
    }
    default:
      return formatNumber(value, 2, true);
  }
}

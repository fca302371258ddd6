/**
 * Deterministic number formatting for explanations (no locale: the same text in every runtime):
 * money `$1,234.50`, percent points `41.3%`, ratios as percents (0.415 -> `41.5%`), grouped
 * thousands with ",".
 */
import type { FactSpec, Scalar } from "./types";

/** Groups the integer digits of a non-negative decimal string: "1234567.5" -> "1,234,567.5". */
function groupThousands(digits: string): string {
  const dot = digits.indexOf(".");
  const int = dot === -1 ? digits : digits.slice(0, dot);
  const frac = dot === -1 ? "" : digits.slice(dot);
  let out = "";
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) out += ",";
    out += int[i];
  }
  return out + frac;
}

/**
 * A number with exactly `decimals` decimals (or at most, when `trim`), thousands grouped.
 * Non-finite numbers are spelt out.
 */
export function formatNumber(n: number, decimals: number, trim = false): string {
  if (Number.isNaN(n)) return "not a number";
  if (!Number.isFinite(n)) return n > 0 ? "infinity" : "minus infinity";
  let fixed = Math.abs(n).toFixed(decimals);
  if (fixed.includes("e")) return String(n);
  if (trim && fixed.includes(".")) fixed = fixed.replace(/\.?0+$/, "");
  const negative = n < 0 && /[1-9]/.test(fixed);
  return (negative ? "-" : "") + groupThousands(fixed);
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

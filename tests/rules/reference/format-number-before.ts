/**
 * formatNumber as it was before the ninth round of issue 14 (src/rules/format-value.ts), kept
 * verbatim as the reference its faster replacement is held to (format-number.test.ts).
 */

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
export function formatNumberBefore(n: number, decimals: number, trim = false): string {
  if (Number.isNaN(n)) return "not a number";
  if (!Number.isFinite(n)) return n > 0 ? "infinity" : "minus infinity";
  let fixed = Math.abs(n).toFixed(decimals);
  if (fixed.includes("e")) return String(n);
  if (trim && fixed.includes(".")) fixed = fixed.replace(/\.?0+$/, "");
  const negative = n < 0 && /[1-9]/.test(fixed);
  return (negative ? "-" : "") + groupThousands(fixed);
}

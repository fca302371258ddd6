/**
 * Rounding rules a rule pack can choose. The seed presets reproduce the original system's cents:
 * `numpy-2dp` (numpy's `np.round`: x * 10^d rounded half-to-even in floating point, then / 10^d),
 * `python-2dp` (Python's built-in `round`: the double's exact decimal value, ties to even), and
 * `cents` (no intermediate rounding; money is rounded once, for display, half away from zero).
 */
export type RoundingRule = "numpy-2dp" | "python-2dp" | "cents";

export const ROUNDING_RULES: readonly { name: RoundingRule; description: string }[] = [
  {
    name: "numpy-2dp",
    description:
      "numpy's np.round(x, 2): x*100 rounded half-to-even in floating point, then divided by 100; every intermediate is rounded (seed Tier2).",
  },
  {
    name: "python-2dp",
    description:
      "Python's round(x, 2): the double's exact decimal value rounded, exact ties to even; every intermediate is rounded (seed RGOv2).",
  },
  {
    name: "cents",
    description:
      "Exact cents: intermediates are not rounded; money is rounded once to cents for display (half away from zero).",
  },
];

/** Half-to-even rounding of a double to an integer (numpy's rint). */
export function rintHalfEven(y: number): number {
  const f = Math.floor(y);
  const diff = y - f;
  if (diff < 0.5) return f;
  if (diff > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];

/** numpy's `np.round(x, digits)`. */
export function roundNumpy(x: number, digits: number): number {
  const p = POW10[digits];
  return rintHalfEven(x * p) / p;
}

/** Exact decimal rounding of |x| at `digits`; `tieToEven` picks the even neighbour on exact ties, else the larger. */
function roundExact(x: number, digits: number, tieToEven: boolean): number {
  if (!Number.isFinite(x)) return x;
  const p = POW10[digits];
  const y = x * p;
  const r = Math.round(y);
  // Far from a tie: the floating-point product rounds the same way as the exact value.
  if (Math.abs(Math.abs(y - Math.floor(y)) - 0.5) > 1e-6) return r / p;
  const a = Math.abs(x);
  const exact = a.toFixed(digits + 25);
  const dot = exact.indexOf(".");
  const tail = exact.slice(dot + 1 + digits);
  const isTie = /^50*$/.test(tail);
  let result: number;
  if (isTie && tieToEven) {
    const truncated = exact.slice(0, dot + 1 + digits);
    const lastDigit = Number(truncated[truncated.length - 1]);
    result = lastDigit % 2 === 0 ? Number(truncated) : Number(a.toFixed(digits));
  } else {
    // toFixed rounds the exact value and picks the larger candidate on exact ties.
    result = Number(a.toFixed(digits));
  }
  return x < 0 ? -result : result;
}

/** Python's built-in `round(x, digits)` (exact value, ties to even). */
export function roundPython(x: number, digits: number): number {
  return roundExact(x, digits, true);
}

/** Exact decimal rounding, ties away from zero (the `cents` display rule). */
export function roundHalfAwayFromZero(x: number, digits: number): number {
  return roundExact(x, digits, false);
}

/** The two roundings a pipeline needs: intermediates (may be the identity) and display. */
export interface Rounder {
  rule: RoundingRule;
  /** Rounds an intermediate figure to `digits` (2 unless said), or returns it unchanged under `cents`. */
  step(x: number, digits?: number): number;
  /** Rounds a figure for display / storage in results (always rounds). */
  display(x: number, digits?: number): number;
}

/** Builds the rounder for a pack's rounding rule. */
export function makeRounder(rule: RoundingRule): Rounder {
  switch (rule) {
    case "numpy-2dp":
      return {
        rule,
        step: (x, d = 2) => roundNumpy(x, d),
        display: (x, d = 2) => roundNumpy(x, d),
      };
    case "python-2dp":
      return {
        rule,
        step: (x, d = 2) => roundPython(x, d),
        display: (x, d = 2) => roundPython(x, d),
      };
    case "cents":
      return { rule, step: (x) => x, display: (x, d = 2) => roundHalfAwayFromZero(x, d) };
  }
}

/** Dollars to integer cents for exact sums (the value is assumed to be already rounded to cents). */
export function toCents(dollars: number): number {
  return Math.round(dollars * 100);
}

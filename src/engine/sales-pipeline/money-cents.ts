/**
 * Exact-cent helpers for the pipeline module: values are summed as integer cents so every total
 * equals the sum of the rounded rows it summarises.
 */

/**
 * Dollars -> integer cents, half away from zero. A few ulps of tolerance absorb binary noise, so
 * 1.005 (stored as 1.00499999…) rounds to 101 cents as a person expects.
 */
export function toCents(dollars: number): number {
  const scaled = Math.abs(dollars * 100);
  const rounded = Math.round(scaled + scaled * 4 * Number.EPSILON);
  return dollars < 0 ? -rounded : rounded;
}

/** Integer cents -> dollars. */
export function toDollars(cents: number): number {
  return cents / 100;
}

/** value x probability in cents, rounded once to the cent. */
export function weightedCents(valueCents: number, probability: number): number {
  return toCents((valueCents * probability) / 100);
}

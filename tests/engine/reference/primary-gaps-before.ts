/**
 * primaryGaps (src/engine/stages/customer-money.ts) as it was before issue 14's engine2 round (a
 * map from customer position to its best row), kept verbatim but for its name as the reference the
 * typed column is tested against (tests/engine/primary-gaps.test.ts). Not used by the app.
 */
export function primaryGapsBefore(
  ranked: readonly { readonly customerPosition: number; readonly gapAmount: number }[],
): boolean[] {
  // Indexed loops (issue 14): this runs once per run, so V8 does not optimise it, and a callback
  // or a for-of costs a call or an iterator result per row.
  const best = new Map<number, number>();
  for (let j = 0; j < ranked.length; j++) {
    const row = ranked[j];
    const b = best.get(row.customerPosition);
    if (b === undefined || row.gapAmount > ranked[b].gapAmount) best.set(row.customerPosition, j);
  }
  const primary: boolean[] = [];
  for (let j = 0; j < ranked.length; j++) primary.push(false);
  for (const j of best.values()) primary[j] = true;
  return primary;
}

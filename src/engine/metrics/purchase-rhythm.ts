/**
 * A customer's purchase rhythm, so that a silence is judged against the customer's own buying
 * frequency (a CD buyer who purchases every few months is not lapsing after two quiet weeks; a
 * weekly grocery buyer is):
 *
 * - purchaseWeeks: observed weeks with spend > 0; baselinePurchaseWeeks: those in the baseline window.
 * - purchaseIntervalWeeks: median gap in weeks between consecutive purchase weeks (1 for a weekly
 *   buyer). With one purchase week no gap was ever seen: it is then the weeks observed (the customer
 *   did not repeat within the whole history); 0 without any purchase week.
 * - lapseRatio: trailing zero-spend weeks (as trailingZeroWeeks) / purchaseIntervalWeeks (0 when the
 *   interval is 0).
 * - silenceProbability: the chance of the current silence under the customer's own purchase rate,
 *   (1 - p)^k, where p = purchaseWeeks / weeks observed (the silence included, so a long silence
 *   lowers p rather than being judged against a rate it never saw) and k = the silent weeks
 *   (trailing zero-spend weeks in which the store was in stock). 1 when k = 0 or p = 0.
 */

/** Output of purchaseRhythm (weeks / ratios, unrounded). */
export interface PurchaseRhythm {
  purchaseWeeks: number;
  baselinePurchaseWeeks: number;
  purchaseIntervalWeeks: number;
  lapseRatio: number;
  silenceProbability: number;
}

/** The gaps of the customer being read (whole weeks), reused from customer to customer. */
let gapScratch = new Int32Array(64);

/**
 * Median of gaps[0, n), n > 0 (mean of the two middle values for an even count); sorts them in
 * place: by insertion up to 64 gaps (no view is made), else by the typed sort. The gaps
 * are whole weeks, so this is the order a numeric sort gives.
 */
function median(gaps: Int32Array, n: number): number {
  if (n > 64) gaps.subarray(0, n).sort();
  else
    for (let i = 1; i < n; i++) {
      const x = gaps[i];
      let j = i - 1;
      while (j >= 0 && gaps[j] > x) {
        gaps[j + 1] = gaps[j];
        j--;
      }
      gaps[j + 1] = x;
    }
  const mid = n >>> 1;
  return n % 2 === 1 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
}

/**
 * Computes the purchase rhythm of one customer's observed weeks: spendCents[offset + i] is observed
 * week i (0..n-1); `baseline` is the half-open baseline window; `silentWeeks` the trailing zero-spend
 * weeks that count as silence for silenceProbability (the in-stock ones).
 */
export function purchaseRhythm(
  spendCents: ArrayLike<number>,
  offset: number,
  n: number,
  baseline: readonly [number, number],
  silentWeeks: number,
): PurchaseRhythm {
  const out: PurchaseRhythm = {
    purchaseWeeks: 0,
    baselinePurchaseWeeks: 0,
    purchaseIntervalWeeks: 0,
    lapseRatio: 0,
    silenceProbability: 0,
  };
  purchaseRhythmInto(out, spendCents, offset, n, baseline[0], baseline[1], silentWeeks);
  return out;
}

/**
 * purchaseRhythm written into `out`, the baseline window [b0, b1) as two numbers: no tuple or
 * record per customer (the metrics stage, issue 14).
 */
export function purchaseRhythmInto(
  out: PurchaseRhythm,
  spendCents: ArrayLike<number>,
  offset: number,
  n: number,
  b0: number,
  b1: number,
  silentWeeks: number,
): void {
  let purchaseWeeks = 0;
  let baselinePurchaseWeeks = 0;
  let previous = -1;
  if (gapScratch.length < n) gapScratch = new Int32Array(Math.max(n, gapScratch.length * 2));
  const gaps = gapScratch;
  let gapCount = 0;
  for (let i = 0; i < n; i++) {
    if (!(spendCents[offset + i] > 0)) continue;
    purchaseWeeks++;
    if (i >= b0 && i < b1) baselinePurchaseWeeks++;
    if (previous >= 0) gaps[gapCount++] = i - previous;
    previous = i;
  }
  let trailingZero = 0;
  for (let i = n - 1; i >= 0 && spendCents[offset + i] === 0; i--) trailingZero++;
  const interval = gapCount > 0 ? median(gaps, gapCount) : purchaseWeeks === 1 ? n : 0;
  const p = n > 0 ? purchaseWeeks / n : 0;
  out.purchaseWeeks = purchaseWeeks;
  out.baselinePurchaseWeeks = baselinePurchaseWeeks;
  out.purchaseIntervalWeeks = interval;
  out.lapseRatio = interval > 0 ? trailingZero / interval : 0;
  out.silenceProbability = silentWeeks > 0 && p > 0 ? Math.pow(1 - p, silentWeeks) : 1;
}

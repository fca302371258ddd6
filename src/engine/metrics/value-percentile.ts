/**
 * Value percentile: the share (x 100) of the run's customers with a total at most this one's
 * (ties count: every customer with the top total is at 100).
 *
 * The totals are sorted once (the typed sort); the count at most a total is the end of its run in
 * the sorted order, found by a binary search. Not over all the totals (15 steps for 20,000
 * customers, the most of this function's time, issue 14 metrics phases): the sorted totals are
 * cut into as many equal-width buckets of value as there are totals, and the search runs within
 * the one bucket the total falls in. The bucket of a value only grows with the value (a
 * difference, a product by a positive number and a floor are each monotone in floating point),
 * so every total in an earlier bucket is smaller and every total in a later one larger: the end
 * of the run is within the bucket and the count is the one the search over all totals gives.
 * NaN (never at most anything, the typed sort puts it last) gets 0; when the totals' range gives
 * no finite positive bucket width (one value, infinities) the search runs over all the totals.
 */

/** The share (x 100) of `totals` at most each total, into `out`. */
export function valuePercentilesInto(totals: Float64Array, out: Float64Array): void {
  const count = totals.length;
  const sorted = Float64Array.from(totals).sort();
  // The numbers come first: NaN sorts last.
  let n = count;
  while (n > 0 && Number.isNaN(sorted[n - 1])) n--;
  const min = n > 0 ? sorted[0] : 0;
  const scale = n > 0 ? n / (sorted[n - 1] - min) : 0;
  if (!(scale > 0 && scale < Infinity)) {
    for (let k = 0; k < count; k++) out[k] = (upperBound(sorted, 0, n, totals[k]) / count) * 100;
    return;
  }
  const last = n - 1;
  // start[b]: the totals in buckets before b (so bucket b is sorted[start[b], start[b + 1])).
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[Math.min(last, Math.floor((sorted[i] - min) * scale)) + 1]++;
  for (let b = 0; b < n; b++) start[b + 1] += start[b];
  for (let k = 0; k < count; k++) {
    const t = totals[k];
    if (t !== t) {
      out[k] = 0;
      continue;
    }
    const b = Math.min(last, Math.floor((t - min) * scale));
    out[k] = (upperBound(sorted, start[b], start[b + 1], t) / count) * 100;
  }
}

/** The first index in sorted[lo, hi) holding more than t (hi when none does). */
function upperBound(sorted: Float64Array, lo: number, hi: number, t: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

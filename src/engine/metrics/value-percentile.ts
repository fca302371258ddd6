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
  // Each loop is a small function of its own: V8 compiles each early and quickly (issue 14).
  if (scale > 0 && scale < Infinity)
    searchBuckets(totals, sorted, bucketStarts(sorted, n, min, scale), min, scale, out);
  else searchAll(totals, sorted, n, out);
}

/** The bucket of value v: 0 .. n - 1, growing with v. */
function bucketOf(v: number, min: number, scale: number, n: number): number {
  return Math.min(n - 1, Math.floor((v - min) * scale));
}

/** start[b]: how many of sorted[0, n) fall in the buckets before b (bucket b is [start[b], start[b + 1])). */
function bucketStarts(sorted: Float64Array, n: number, min: number, scale: number): Int32Array {
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[bucketOf(sorted[i], min, scale, n) + 1]++;
  for (let b = 0; b < n; b++) start[b + 1] += start[b];
  return start;
}

/** Each total's share, its run's end searched within its bucket. */
function searchBuckets(
  totals: Float64Array,
  sorted: Float64Array,
  start: Int32Array,
  min: number,
  scale: number,
  out: Float64Array,
): void {
  const count = totals.length;
  const n = start.length - 1;
  for (let k = 0; k < count; k++) {
    const t = totals[k];
    if (t !== t) out[k] = 0;
    else {
      const b = bucketOf(t, min, scale, n);
      out[k] = (upperBound(sorted, start[b], start[b + 1], t) / count) * 100;
    }
  }
}

/** Each total's share, its run's end searched over all the numbers sorted[0, n). */
function searchAll(totals: Float64Array, sorted: Float64Array, n: number, out: Float64Array): void {
  const count = totals.length;
  for (let k = 0; k < count; k++) out[k] = (upperBound(sorted, 0, n, totals[k]) / count) * 100;
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

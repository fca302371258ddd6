/**
 * The order `Array.prototype.sort` gives the indices 0..n-1 under the comparator
 * `(a, b) => keys[b] - keys[a]` (largest key first, ties in index order), made without a
 * comparator: the keys' distinct values are sorted natively (a typed array's numeric sort), each
 * index finds its key's place by binary search, and the indices are placed by counting, in index
 * order within a key (a stable counting sort). The rank stage's comparator sort of 11,522 gaps was
 * about 15 ms of a cold 20,000-customer run, mostly comparator calls before V8 optimised them
 * (issue 14, engine2 round).
 *
 * The comparator's order is only defined this way when it is consistent: with a NaN key
 * `keys[b] - keys[a]` is NaN, which the sort takes as "equal" to every key, so the result depends
 * on the sort's algorithm. `descendingOrder` then returns undefined and the caller sorts with the
 * comparator as before. Without NaN, the difference of two distinct doubles is never 0 and has
 * the sign of their comparison, -0 and 0 are equal both ways (so are two equal infinities, whose
 * difference is NaN, "equal"), and a stable sort by a consistent comparator has one result.
 */
export function descendingOrder(keys: Float64Array): number[] | undefined {
  const n = keys.length;
  const distinct = keys.slice();
  distinct.sort(); // ascending; NaN last, -0 before 0
  if (n > 0 && distinct[n - 1] !== distinct[n - 1]) return undefined;
  // The distinct values, ascending (-0 and 0 are one value: === holds).
  let m = 0;
  for (let i = 0; i < n; i++)
    if (m === 0 || distinct[i] !== distinct[m - 1]) distinct[m++] = distinct[i];
  // Each index's key place, counted descending: place 0 holds the largest key.
  const place = new Int32Array(n);
  const start = new Int32Array(m + 1);
  for (let i = 0; i < n; i++) {
    const x = keys[i];
    let lo = 0;
    let hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    const p = m - 1 - lo;
    place[i] = p;
    start[p + 1]++;
  }
  for (let p = 0; p < m; p++) start[p + 1] += start[p];
  const order: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) order[start[place[i]]++] = i;
  return order;
}

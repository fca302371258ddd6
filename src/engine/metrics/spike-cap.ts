/**
 * The spike cap of a customer's baseline: the level above which a comparable baseline week counts
 * as a one-off spike and is clipped (winsorised) before the expected level and the noise are
 * taken, so that one unusually large order does not inflate the spend expected of the customer.
 *
 * Weekly spend is whether the customer bought that week times how much (the basket). A spike is an
 * unusual basket, so the cap is taken over the purchase weeks (spend > 0) only; empty weeks are
 * never clipped and do not drag the median down (with half the weeks empty the median of all
 * weeks would be about 0 and every ordinary purchase would look like a spike):
 *
 *   cap = median + k x scale, scale = max(1.4826 x MAD, floorCv x median)
 *
 * over the purchase weeks, MAD = median absolute deviation from the median (1.4826 x MAD estimates
 * the standard deviation of normal noise without being moved by the spike itself; floorCv x median
 * is the least noise a customer is assumed to have, so a customer who mostly spends the same
 * amount still has a finite cap). No cap (Infinity) when k <= 0 or with fewer than
 * max(3, minWeeks) purchase weeks: a robust scale from a handful of lumpy purchases cannot tell a
 * spike from an ordinary large order.
 */

/** Robust standard deviation of normal noise per unit of MAD. */
export const MAD_TO_SD = 1.4826;

let scratch = new Float64Array(64);

/** Above this many values medianOf sorts with the typed sort; up to it, by insertion. */
const INSERTION_MAX = 64;

/**
 * Median of a[0, n), which it sorts in place into the typed sort's order: by insertion up to
 * INSERTION_MAX values (no view and no runtime call per customer: a baseline window has a few
 * weeks), else by the typed sort. NaN goes after every number as the typed sort puts it; the
 * values here are never -0 (purchase weeks are > 0, deviations are absolute), the one case where
 * the two orders could differ.
 */
function medianOf(a: Float64Array, n: number): number {
  if (n > INSERTION_MAX) a.subarray(0, n).sort();
  else
    for (let i = 1; i < n; i++) {
      const x = a[i];
      let j = i - 1;
      while (j >= 0 && (a[j] > x || (a[j] !== a[j] && x === x))) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = x;
    }
  const mid = n >>> 1;
  return n % 2 === 1 ? a[mid] : (a[mid - 1] + a[mid]) / 2;
}

/**
 * Median of |s[i] - med| over s[0, m) sorted ascending (m >= 1, no NaN, med finite), without
 * sorting the deviations: those of the values below med, taken from med outwards, and those of the
 * values from med up are two ascending runs (a rounded difference only grows as the values move
 * away from med), merged here up to the middle. The same deviations (the same expression) as
 * medianOf over them gives, in the same order but among equal values: the same median.
 */
function medianDeviation(s: Float64Array, m: number, med: number): number {
  let up = 0;
  while (up < m && s[up] < med) up++;
  let down = up - 1;
  const mid = m >>> 1;
  let below = 0;
  let at = 0;
  for (let t = 0; t <= mid; t++) {
    below = at;
    const dDown = down >= 0 ? Math.abs(s[down] - med) : Infinity;
    const dUp = up < m ? Math.abs(s[up] - med) : Infinity;
    if (up >= m || (down >= 0 && dDown <= dUp)) {
      at = dDown;
      down--;
    } else {
      at = dUp;
      up++;
    }
  }
  return m % 2 === 1 ? at : (below + at) / 2;
}

/**
 * The spike cap of the weeks `values[0, n)` (see the module comment); `values` is not changed.
 * @param k clip at median + k robust standard deviations (attribution.spikeClipK)
 * @param floorCv least noise as a share of the median (attribution.noiseFloorCv)
 * @param minWeeks least purchase weeks for a cap (attribution.spikeMinWeeks; at least 3 is used)
 */
export function spikeCap(
  values: ArrayLike<number>,
  n: number,
  k: number,
  floorCv: number,
  minWeeks: number,
): number {
  if (!(k > 0)) return Infinity;
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  let m = 0;
  for (let i = 0; i < n; i++) if (values[i] > 0) scratch[m++] = values[i];
  if (m < 3 || m < minWeeks) return Infinity;
  const med = medianOf(scratch, m);
  let mad: number;
  if (med < Infinity) mad = medianDeviation(scratch, m, med);
  else {
    // An infinite median: Infinity - Infinity is NaN, which only the sort orders as before.
    m = 0;
    for (let i = 0; i < n; i++) if (values[i] > 0) scratch[m++] = Math.abs(values[i] - med);
    mad = medianOf(scratch, m);
  }
  const scale = Math.max(MAD_TO_SD * mad, floorCv > 0 ? floorCv * med : 0);
  return med + k * scale;
}

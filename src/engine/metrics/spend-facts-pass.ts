/**
 * The metrics pass over each customer's spend (see compute-metrics.ts and metrics-pass.ts): the
 * total, the baseline, current and structural windows' sums, zero weeks in the current window,
 * the baseline and current averages (rounded here: the gap weeks compare against the rounded
 * baseline), gap weeks over the whole history (spend below the baseline, or none) with how many
 * fall in a stockout week of the week's store (its own, else the customer's home store), the
 * trailing zero weeks, the run of declines that reaches the last week, and volatility (the
 * structural window's standard deviation over its mean).
 *
 * Each sum adds the same terms (dollars) in the same order as ever; the windows' sums are taken
 * over the windows only and the whole history is read once (issue 14, metrics phases: it was read
 * twice, the second time with the store's out share of every week); the trailing zero weeks and
 * the declines are counted back from the last week. Every other figure is rounded later, column
 * by column.
 */
import type { MetricsPass } from "./metrics-pass";

/** The spend facts of run positions [k0, k1). */
export function spendFactsPass(p: MetricsPass, k0: number, k1: number): void {
  const { W, spend, r, bStart, bEnd, salesStore, hasStock, skusOut } = p;
  const { currentWeeks, structuralWeeks } = p.windows;
  const { firstWeek, store: homeStore } = p.customers;
  const index = p.m.customerIndex;
  const { numeric, baselineRaw, currentRaw } = p.m;
  for (let k = k0; k < k1; k++) {
    const c = index[k];
    const first = firstWeek[c];
    const n = first < 0 ? 0 : W - first;
    const cFirst = Math.max(0, first);
    const off = c * W + cFirst;
    const b0 = bStart[n];
    const b1 = bEnd[n];
    const c0 = Math.max(0, n - currentWeeks);
    const s0 = Math.max(0, n - structuralWeeks);
    let bSum = 0;
    for (let i = b0; i < b1; i++) bSum += spend[off + i] / 100;
    let cSum = 0;
    let zeroCurrent = 0;
    for (let i = c0; i < n; i++) {
      const v = spend[off + i];
      cSum += v / 100;
      if (v === 0) zeroCurrent++;
    }
    let sSum = 0;
    for (let i = s0; i < n; i++) sSum += spend[off + i] / 100;
    const bRaw = b1 > b0 ? bSum / (b1 - b0) : 0;
    const cRaw = n > c0 ? cSum / (n - c0) : 0;
    const mu = n > s0 ? sSum / (n - s0) : 0;
    const baseline = r.step(bRaw);
    const current = r.step(cRaw);

    const home = homeStore[c];
    let total = 0;
    let gapWeeks = 0;
    let overlap = 0;
    for (let i = 0; i < n; i++) {
      const v = spend[off + i];
      const dollars = v / 100;
      total += dollars;
      if (dollars < baseline || v === 0) {
        gapWeeks++;
        const rowStore = salesStore[off + i];
        const store = rowStore >= 0 ? rowStore : home;
        if (hasStock && store >= 0 && skusOut[store * W + cFirst + i] > 0) overlap++;
      }
    }
    let trailingZero = 0;
    for (let i = n - 1; i >= 0 && spend[off + i] === 0; i--) trailingZero++;
    let declines = 0;
    for (let i = n - 1; i >= 1 && spend[off + i] < spend[off + i - 1]; i--) declines++;
    let ss = 0;
    for (let i = s0; i < n; i++) {
      const d = spend[off + i] / 100 - mu;
      ss += d * d;
    }

    numeric.weeksObserved[k] = n;
    numeric.totalRevenue[k] = total;
    numeric.averageWeeklySpend[k] = n > 0 ? total / n : 0;
    numeric.baselineAvg[k] = baseline;
    numeric.currentAvg[k] = current;
    numeric.trendPct[k] = baseline > 0 ? ((current - baseline) / baseline) * 100 : 0;
    numeric.shortfall[k] = Math.max(0, bRaw - cRaw);
    numeric.currentToBaselineRatio[k] = bRaw > 0 ? cRaw / bRaw : 1;
    numeric.zeroWeeksCurrent[k] = zeroCurrent;
    numeric.trailingZeroWeeks[k] = trailingZero;
    numeric.consecutiveDeclineWeeks[k] = declines;
    numeric.volatility[k] = mu > 0 ? r.step(Math.sqrt(ss / (n - s0)) / mu, 4) : 0;
    numeric.gapWeeks[k] = gapWeeks;
    numeric.stockoutOverlapWeeks[k] = overlap;
    numeric.stockoutGapShare[k] = gapWeeks > 0 ? overlap / gapWeeks : 0;
    baselineRaw[k] = bRaw;
    currentRaw[k] = cRaw;
  }
}

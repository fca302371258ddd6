/**
 * The metrics pass that writes each customer's purchase rhythm (purchase-rhythm.ts), its silence
 * judged over the trailing zero weeks in which the store was in stock (written by
 * robust-facts-pass.ts, which runs first).
 */
import type { MetricsPass } from "./metrics-pass";
import { purchaseRhythmInto } from "./purchase-rhythm";

/** The purchase rhythm of run positions [k0, k1). */
export function purchaseRhythmPass(p: MetricsPass, k0: number, k1: number): void {
  const { W, spend, rhythm, bStart, bEnd } = p;
  const { firstWeek } = p.customers;
  const index = p.m.customerIndex;
  const numeric = p.raw;
  const silentWeeks = numeric.trailingZeroInStockWeeks;
  for (let k = k0; k < k1; k++) {
    const c = index[k];
    const first = firstWeek[c];
    const n = first < 0 ? 0 : W - first;
    const off = c * W + Math.max(0, first);
    purchaseRhythmInto(rhythm, spend, off, n, bStart[n], bEnd[n], silentWeeks[k]);
    numeric.purchaseWeeks[k] = rhythm.purchaseWeeks;
    numeric.baselinePurchaseWeeks[k] = rhythm.baselinePurchaseWeeks;
    numeric.purchaseIntervalWeeks[k] = rhythm.purchaseIntervalWeeks;
    numeric.lapseRatio[k] = rhythm.lapseRatio;
    numeric.silenceProbability[k] = rhythm.silenceProbability;
  }
}

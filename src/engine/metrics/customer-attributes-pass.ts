/**
 * The metrics pass that copies what the customer is rather than what the customer spent: first
 * and last purchase week (1-based, 0 when none), weeks since the last purchase, home store id,
 * high-value flag, loyalty membership and region.
 */
import type { MetricsPass } from "./metrics-pass";

/** The attributes of run positions [k0, k1). */
export function customerAttributesPass(p: MetricsPass, k0: number, k1: number): void {
  const { W, storeIds } = p;
  const { firstWeek, lastPurchaseWeek, store, highValueFlag, loyalty, segment } = p.customers;
  const m = p.m;
  const index = m.customerIndex;
  const { numeric } = m;
  for (let k = k0; k < k1; k++) {
    const c = index[k];
    const first = firstWeek[c];
    const last = lastPurchaseWeek[c];
    const home = store[c];
    numeric.firstPurchaseWeek[k] = first >= 0 ? first + 1 : 0;
    numeric.lastPurchaseWeek[k] = last >= 0 ? last + 1 : 0;
    numeric.weeksSinceLastPurchase[k] = last >= 0 ? W - 1 - last : W;
    m.storeId[k] = home >= 0 ? storeIds[home] : "";
    m.isHighValue[k] = highValueFlag[c] === 1 ? 1 : 0;
    m.loyaltyMember[k] = loyalty[c] === 1 ? 1 : 0;
    m.region[k] = segment[c] ?? "";
  }
}

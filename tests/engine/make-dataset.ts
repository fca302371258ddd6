/** Builds a small Dataset directly (no readers) from per-customer weekly spend in dollars. */
import type { Dataset } from "../../src/engine/input/dataset";

export interface SmallCustomer {
  id: string;
  /** Weekly spend in dollars from the customer's first week to the last calendar week. */
  spend: number[];
  highValue?: boolean;
  store?: number;
}

/** Customers may start late: a shorter spend list starts later (aligned to the last week). */
export function makeDataset(customers: SmallCustomer[], stockOut: number[][] = []): Dataset {
  const weeks = Math.max(1, ...customers.map((c) => c.spend.length));
  const n = customers.length;
  const spendCents = new Float64Array(n * weeks);
  const present = new Uint8Array(n * weeks);
  const store = new Int32Array(n * weeks).fill(-1);
  const firstWeek = new Int32Array(n).fill(-1);
  const lastPurchaseWeek = new Int32Array(n).fill(-1);
  customers.forEach((c, i) => {
    const first = weeks - c.spend.length;
    if (c.spend.length > 0) firstWeek[i] = first;
    c.spend.forEach((v, j) => {
      spendCents[i * weeks + first + j] = Math.round(v * 100);
      present[i * weeks + first + j] = 1;
      store[i * weeks + first + j] = c.store ?? -1;
      if (v > 0) lastPurchaseWeek[i] = first + j;
    });
  });
  const storeCount = stockOut.length;
  const skusOut = new Int32Array(Math.max(0, storeCount) * weeks);
  stockOut.forEach((ws, s) => ws.forEach((w) => (skusOut[s * weeks + w] = 1)));
  return {
    calendar: {
      startDays: Int32Array.from({ length: weeks }, (_, w) => 20000 + 7 * w),
      labels: Array.from({ length: weeks }, (_, w) => `Week ${w + 1}`),
    },
    customers: {
      count: n,
      ids: customers.map((c) => c.id),
      indexById: new Map(customers.map((c, i) => [c.id, i])),
      age: new Float64Array(n).fill(NaN),
      householdSize: new Float64Array(n).fill(NaN),
      loyalty: new Int8Array(n).fill(-1),
      segment: customers.map(() => null),
      store: Int32Array.from(customers, (c) => c.store ?? -1),
      highValueFlag: Int8Array.from(customers, (c) => (c.highValue ? 1 : 0)),
      firstWeek,
      lastPurchaseWeek,
    },
    sales: {
      weeks,
      spendCents,
      present,
      store,
      rowCount: customers.reduce((a, c) => a + c.spend.length, 0),
    },
    stores: {
      ids: Array.from({ length: storeCount }, (_, s) => String(101 + s)),
      indexById: new Map(Array.from({ length: storeCount }, (_, s) => [String(101 + s), s])),
    },
    stock: {
      present: storeCount > 0,
      skuCount: new Int32Array(storeCount * weeks).fill(1),
      skusOut,
      stockoutDays: new Float64Array(storeCount * weeks).fill(NaN),
      inStockRate: new Float64Array(storeCount * weeks).fill(1),
      measure: "on_hand",
      rowCount: storeCount * weeks,
    },
    inputCounts: { customers: n, salesRows: 0, stockRows: storeCount * weeks },
  };
}

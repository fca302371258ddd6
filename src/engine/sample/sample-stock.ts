/**
 * The sample's stock table: one row per store x SKU x week with on-hand, on-order and average
 * weekly demand. Background minor stockouts (1-2 SKUs, always under half the SKUs) hit about 20% of
 * store-weeks; planted heavy stockouts (at least half the SKUs out) hit exactly the given weeks.
 */
import type { CellValue, RawTable } from "../input/raw-table";
import { deriveSeed, Random } from "./random";

const STREAM_STOCK = 3;

/** Which stock measure the table carries. */
export type StockMeasure = "on_hand" | "stockout_days" | "in_stock_rate";

/** Options of the stock table. */
export interface StockOptions {
  /** Share of store-weeks (outside heavy weeks) with 1-2 SKUs out; default 0.2. */
  background?: number;
  /** Default "on_hand". */
  measure?: StockMeasure;
}

/** Header of the stock table with the on-hand measure. */
export const STOCK_HEADER = [
  "store_id",
  "sku",
  "week_start",
  "on_hand_units",
  "on_order_units",
  "avg_weekly_demand",
];

/** SKU code for 0-based index i: "SKU-001". */
export function skuCode(i: number): string {
  return `SKU-${String(i + 1).padStart(3, "0")}`;
}

/**
 * Builds the stock table. `heavyWeeks[s]` lists the week indexes where store s has a planted heavy
 * stockout (empty for most stores).
 */
export function generateStock(
  seed: number,
  storeIds: readonly number[],
  skusPerStore: number,
  weekDates: readonly Date[],
  heavyWeeks: readonly (readonly number[])[],
  options: StockOptions = {},
): RawTable {
  const background = options.background ?? 0.2;
  const measure = options.measure ?? "on_hand";
  const weeks = weekDates.length;
  const rows: CellValue[][] = [];
  // Background stockouts stay strictly below half of the SKUs so they never look "heavy".
  const maxBackground = Math.ceil(skusPerStore / 2) - 1;
  for (let s = 0; s < storeIds.length; s++) {
    const rng = new Random(deriveSeed(seed, STREAM_STOCK, s));
    // out[w * skus + k] = 1 when SKU k is out of stock in week w.
    const out = new Uint8Array(weeks * skusPerStore);
    const heavy = new Set(heavyWeeks[s]);
    for (let w = 0; w < weeks; w++) {
      let count = 0;
      if (heavy.has(w)) {
        const share = rng.uniform(0.5, 0.85);
        count = Math.min(
          skusPerStore,
          Math.max(Math.ceil(skusPerStore / 2), Math.round(skusPerStore * share)),
        );
      } else if (maxBackground > 0 && rng.chance(background)) {
        count = Math.min(maxBackground, rng.int(1, 2));
      }
      if (count > 0) {
        for (const k of rng.distinctInts(0, skusPerStore - 1, count)) out[w * skusPerStore + k] = 1;
      }
    }
    const storeId = storeIds[s];
    if (measure !== "on_hand") {
      for (let k = 0; k < skusPerStore; k++) {
        const sku = skuCode(k);
        for (let w = 0; w < weeks; w++) {
          let days = 0;
          if (out[w * skusPerStore + k] === 1) days = heavy.has(w) ? rng.int(5, 7) : rng.int(1, 7);
          rows.push([
            storeId,
            sku,
            weekDates[w],
            measure === "stockout_days" ? days : Math.round((1 - days / 7) * 1000) / 1000,
          ]);
        }
      }
      continue;
    }
    for (let k = 0; k < skusPerStore; k++) {
      const sku = skuCode(k);
      const demandBase = Math.min(200, Math.max(5, rng.logNormal(45, 0.45)));
      const drift = rng.uniform(0, 0.008);
      for (let w = 0; w < weeks; w++) {
        const demand = Math.max(1, Math.round(demandBase * (1 + drift * w)));
        let onHand: number;
        let onOrder: number;
        if (out[w * skusPerStore + k] === 1) {
          onHand = 0;
          onOrder = Math.round(1.5 * demand);
        } else {
          onHand = Math.max(1, Math.round(demand * rng.uniform(0.5, 2.2)));
          onOrder =
            onHand < demand
              ? Math.round(demand * rng.uniform(1, 1.5))
              : Math.round(demand * rng.uniform(0.2, 1));
        }
        rows.push([storeId, sku, weekDates[w], onHand, onOrder, demand]);
      }
    }
  }
  return {
    name: "stock",
    origin: "sample",
    header:
      measure === "on_hand"
        ? STOCK_HEADER
        : [
            "store_id",
            "sku",
            "week_start",
            measure === "stockout_days" ? "stockout_days" : "in_stock_rate",
          ],
    rows,
    headerRow: 1,
    firstColumn: 1,
  };
}

/**
 * The stock reader's typed run (read-stock.ts): a table whose store, week and measure columns
 * keep distinct cells (CSV, .xlsx) has each distinct cell read once (its store id, its week's
 * calendar period, its measure), and the rows that need nothing else are taken from those in a
 * loop over typed arrays: a blank row is counted, a row with a good store, week and measure is
 * placed or counted outside the calendar, exactly as the row path does. It stops at any other row
 * (a total line, a bad or blank cell, anything the row path reports), which the row path reads.
 * tests/input/stock-typed-pass.test.ts compares the two on random faulty stock tables.
 */
import type { IdRegistry } from "./id-registry";
import type { RowStats } from "./row-stats";

/** What one column's distinct cells give the run, per code. */
export interface StockCodes {
  /** Per row, its cell's code. */
  code: Int32Array;
  /** Per code, 1 when the row path would read the cell without a report. */
  ok: Uint8Array;
}

/** The typed run's inputs and outputs (read-stock.ts fills them). */
export interface TypedStock {
  /** Per row, 1 when blank (blankRowsOf). */
  blank: Uint8Array;
  /** Rows the row path reads itself (total lines, already reported). */
  totals: ReadonlySet<number>;
  store: StockCodes & {
    /** Per code, its store id (when ok) and its index in `stores` once a row interned it (-1 before). */
    id: string[];
    index: Int32Array;
  };
  /** Per code (when ok), the calendar period of its week (out of 0..weeks-1: outside). */
  week: StockCodes & { period: Float64Array };
  /** Per code (when ok), 1 when its measure means out of stock. */
  measure: StockCodes & { out: Uint8Array };
  /** Per code, the stockout days and in-stock rate (NaN: blank, invalid or no column). */
  days: { code: Int32Array; value: Float64Array } | null;
  rate: { code: Int32Array; value: Float64Array } | null;
  weeks: number;
  stores: IdRegistry;
  rowStore: Int32Array;
  rowWeek: Int32Array;
  rowOut: Uint8Array;
  rowDays: Float64Array;
  rowRate: Float64Array;
}

/**
 * Rows from `from` while the run can take them; returns the first row it cannot (n at the end).
 * `outside[0]` counts the good rows outside the calendar, as the row path counts them.
 */
export function typedStockRun(
  t: TypedStock,
  stats: RowStats,
  outside: Int32Array,
  from: number,
  n: number,
): number {
  const { blank, totals, store, week, measure, days, rate, weeks, stores } = t;
  const anyTotals = totals.size > 0;
  let i = from;
  for (; i < n; i++) {
    if (blank[i] === 1) {
      stats.blank++;
      continue;
    }
    if (anyTotals && totals.has(i)) break;
    const s = store.code[i];
    const k = week.code[i];
    const m = measure.code[i];
    if (store.ok[s] !== 1 || week.ok[k] !== 1 || measure.ok[m] !== 1) break;
    const w = week.period[k];
    if (w < 0 || w >= weeks) {
      outside[0]++;
      continue;
    }
    t.rowDays[i] = days === null ? NaN : days.value[days.code[i]];
    t.rowRate[i] = rate === null ? NaN : rate.value[rate.code[i]];
    let index = store.index[s];
    if (index < 0) index = store.index[s] = stores.intern(store.id[s]);
    t.rowStore[i] = index;
    t.rowWeek[i] = w;
    t.rowOut[i] = measure.out[m];
    stats.accepted++;
  }
  return i;
}

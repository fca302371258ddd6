/** Test helpers: index a generated sample's tables by customer, week and store. */
import type { CellValue, RawTable } from "../../src/engine/input/raw-table";

export const DAY_MS = 86_400_000;

/** The table named `name` (fails loudly when absent). */
export function tableNamed(tables: RawTable[], name: string): RawTable {
  const t = tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
}

/** Week index of a week-start Date relative to the first week. */
export function weekIndex(d: CellValue, startMs: number): number {
  if (!(d instanceof Date)) throw new Error(`not a Date: ${String(d)}`);
  return Math.round((d.getTime() - startMs) / (7 * DAY_MS));
}

/**
 * Spend per customer per week index: NaN where the customer has no row that week.
 * Throws when a customer-week appears twice.
 */
export function spendMatrix(
  sales: RawTable,
  weeks: number,
  startMs: number,
): Map<string, number[]> {
  const byCustomer = new Map<string, number[]>();
  for (const r of sales.rows) {
    const id = r[0] as string;
    let row = byCustomer.get(id);
    if (!row) {
      row = new Array<number>(weeks).fill(NaN);
      byCustomer.set(id, row);
    }
    const w = weekIndex(r[1], startMs);
    if (!Number.isNaN(row[w])) throw new Error(`duplicate row ${id} week ${w}`);
    row[w] = r[2] as number;
  }
  return byCustomer;
}

/** Per store id: per week index, the share of SKU rows with on_hand_units == 0. */
export function outShareByStore(
  stock: RawTable,
  weeks: number,
  startMs: number,
): Map<number, number[]> {
  const out = new Map<number, { n: number[]; o: number[] }>();
  for (const r of stock.rows) {
    const store = r[0] as number;
    let e = out.get(store);
    if (!e) {
      e = { n: new Array<number>(weeks).fill(0), o: new Array<number>(weeks).fill(0) };
      out.set(store, e);
    }
    const w = weekIndex(r[2], startMs);
    e.n[w]++;
    if (r[3] === 0) e.o[w]++;
  }
  const shares = new Map<number, number[]>();
  for (const [store, e] of out)
    shares.set(
      store,
      e.n.map((n, w) => (n === 0 ? 0 : e.o[w] / n)),
    );
  return shares;
}

/** Median of the finite values (NaN when none). */
export function median(values: number[]): number {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = v.length >> 1;
  return v.length % 2 === 1 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/** Arithmetic mean. */
export function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

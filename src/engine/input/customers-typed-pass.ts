/**
 * The customers reader's typed run (read-customers.ts): a table whose attribute columns keep
 * distinct cells (CSV, .xlsx) has each distinct cell read once, as the row path reads it (store,
 * age and household size as number or band, loyalty, segment, income, high value), and the rows
 * that need no report are taken from those: a blank row is counted; a row whose id is a new
 * customer and whose attribute cells all read without a warning adds the customer with exactly
 * the attributes the row path would give. It stops at any other row (a total line, a blank,
 * invalid or repeated id, an attribute the row path warns about), which the row path reads.
 * tests/input/customers-typed-pass.test.ts compares the two on random faulty customers tables.
 */
import {
  BAND_LABEL,
  BLANK,
  BOOLEAN,
  CATEGORY,
  type CellType,
  ID,
  INVALID,
  NUMBER_OR_BAND,
} from "./cell-readers";
import { newNumberParse, type NumberParse } from "./coerce-number";
import type { CustomerAccumulator } from "./customer-accumulator";
import type { ColumnMap } from "./header-map";
import type { IdRegistry } from "./id-registry";
import type { DistinctCells, RawTable } from "./raw-table";
import type { RowStats } from "./row-stats";
import { blankRowsOf, cellAt, distinctCellsAt } from "./table-cells";

/**
 * The customers table's attribute columns: they repeat a few values, so the row path reads them
 * once per distinct cell (RowReader `distinct` keys) and the typed run per code; the id is unique.
 */
export const ATTRIBUTE_KEYS = [
  "store",
  "age",
  "householdSize",
  "loyalty",
  "segment",
  "income",
  "highValue",
] as const;

/** One attribute column's distinct cells read with a column type: per code its value, or null. */
interface CodeValues<T> {
  code: Int32Array;
  value: (T | null)[];
}

/** What the typed run reads (typedCustomers makes it). */
export interface TypedCustomers {
  table: RawTable;
  /** The id column. */
  idColumn: number;
  num: NumberParse;
  /** Per row, 1 when blank (blankRowsOf). */
  blank: Uint8Array;
  /** Rows the row path reads itself (total lines, already reported). */
  totals: ReadonlySet<number>;
  /** Per attribute column read with a warning on an invalid cell: per code, 1 when it warns. */
  warns: { code: Int32Array; warns: Uint8Array }[];
  store: (CodeValues<string> & { index: Int32Array }) | null;
  age: CodeValues<number> | null;
  ageBand: CodeValues<string> | null;
  householdSize: CodeValues<number> | null;
  householdSizeBand: CodeValues<string> | null;
  loyalty: CodeValues<number> | null;
  segment: CodeValues<string> | null;
  income: CodeValues<string> | null;
  highValue: CodeValues<number> | null;
}

/** Column `key`'s distinct cells read with `type` (null per code: blank or invalid), null when absent. */
function codeValues<T>(
  cells: DistinctCells | undefined,
  type: CellType<T>,
  num: NumberParse,
): CodeValues<T> | null {
  if (cells === undefined) return null;
  const value = new Array<T | null>(cells.values.length);
  for (let c = 0; c < value.length; c++) {
    const v = type(cells.values[c], num);
    value[c] = v === BLANK || v === INVALID ? null : v;
  }
  return { code: cells.code, value };
}

/** Per code, 1 when `type` reads it as INVALID (the row path's optional() warns). */
function warnsOf<T>(cells: DistinctCells | undefined, type: CellType<T>, num: NumberParse) {
  if (cells === undefined) return [];
  const warns = new Uint8Array(cells.values.length);
  for (let c = 0; c < warns.length; c++) if (type(cells.values[c], num) === INVALID) warns[c] = 1;
  return [{ code: cells.code, warns }];
}

/**
 * The typed run's inputs when every mapped attribute column keeps distinct cells, else
 * undefined (rows only).
 */
export function typedCustomers(
  table: RawTable,
  cols: ColumnMap,
  totals: ReadonlySet<number>,
): TypedCustomers | undefined {
  if (table.cells === undefined) return undefined;
  const cells: Partial<Record<(typeof ATTRIBUTE_KEYS)[number], DistinctCells>> = {};
  for (const key of ATTRIBUTE_KEYS) {
    if (!(cols[key] >= 0)) continue;
    const kept = distinctCellsAt(table, cols[key]);
    if (kept === undefined) return undefined;
    cells[key] = kept;
  }
  const num = newNumberParse();
  const store = codeValues(cells.store, ID, num);
  return {
    table,
    idColumn: cols.customerId,
    num,
    blank: blankRowsOf(table),
    totals,
    warns: [
      ...warnsOf(cells.store, ID, num),
      ...warnsOf(cells.age, NUMBER_OR_BAND, num),
      ...warnsOf(cells.householdSize, NUMBER_OR_BAND, num),
      ...warnsOf(cells.loyalty, BOOLEAN, num),
      ...warnsOf(cells.highValue, BOOLEAN, num),
    ],
    store: store === null ? null : { ...store, index: new Int32Array(store.value.length).fill(-1) },
    age: codeValues(cells.age, NUMBER_OR_BAND, num),
    ageBand: codeValues(cells.age, BAND_LABEL, num),
    householdSize: codeValues(cells.householdSize, NUMBER_OR_BAND, num),
    householdSizeBand: codeValues(cells.householdSize, BAND_LABEL, num),
    loyalty: codeValues(cells.loyalty, BOOLEAN, num),
    segment: codeValues(cells.segment, CATEGORY, num),
    income: codeValues(cells.income, CATEGORY, num),
    highValue: codeValues(cells.highValue, BOOLEAN, num),
  };
}

/** Row i's value of an attribute column (null: absent, blank or invalid). */
function at<T>(column: CodeValues<T> | null, i: number): T | null {
  return column === null ? null : column.value[column.code[i]];
}

/**
 * Rows from `from` while the run can take them; returns the first row it cannot (n at the end).
 * An accepted row's customer is added to `acc` (its store to `stores`); the row path's ids seen
 * are the ids `acc` interned (read-customers.ts IdsInternedSince).
 */
export function typedCustomersRun(
  t: TypedCustomers,
  acc: CustomerAccumulator,
  stores: IdRegistry,
  stats: RowStats,
  from: number,
  n: number,
): number {
  const { blank, totals, warns } = t;
  const anyTotals = totals.size > 0;
  let i = from;
  rows: for (; i < n; i++) {
    if (blank[i] === 1) {
      stats.blank++;
      continue;
    }
    if (anyTotals && totals.has(i)) break;
    for (let k = 0; k < warns.length; k++) if (warns[k].warns[warns[k].code[i]] === 1) break rows;
    const id = ID(cellAt(t.table, i, t.idColumn), t.num);
    // A blank, invalid or known id is the row path's (an error, a repeat, or a customer to update).
    if (id === BLANK || id === INVALID || acc.reg.indexById.has(id)) break;
    const c = acc.add(id);
    if (t.store !== null) {
      const s = t.store.code[i];
      const sid = t.store.value[s];
      if (sid !== null) {
        let index = t.store.index[s];
        if (index < 0) index = t.store.index[s] = stores.intern(sid);
        acc.store[c] = index;
      }
    }
    // readCustomerAttributes on a new customer (every attribute unknown).
    acc.age[c] = at(t.age, i) ?? NaN;
    if (!Number.isNaN(acc.age[c])) acc.ageBand[c] = at(t.ageBand, i);
    acc.householdSize[c] = at(t.householdSize, i) ?? NaN;
    if (!Number.isNaN(acc.householdSize[c])) acc.householdSizeBand[c] = at(t.householdSizeBand, i);
    acc.loyalty[c] = at(t.loyalty, i) ?? -1;
    acc.segment[c] = at(t.segment, i);
    acc.income[c] = at(t.income, i);
    acc.highValue[c] = at(t.highValue, i) ?? -1;
    stats.accepted++;
  }
  return i;
}

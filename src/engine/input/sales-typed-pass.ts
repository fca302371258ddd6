/**
 * The sales reader's typed-array loops (read-sales.ts), kept as small functions over typed arrays
 * so the engine compiles them tight: the week of every row from the codes of its distinct week
 * cells (pass 1), and the run of rows that need no cell read (pass 2). Each gives exactly what
 * the row-by-row path gives; tests/input/csv-columns.test.ts and csv-bytes.test.ts compare a
 * column-wise table with the same table as rows.
 */
import type { DistinctCells } from "./raw-table";

/**
 * Pass 1 over a column of distinct week cells: for each row not blank (blankRows[i] = 1 -> blank
 * 1) nor a total line (-> blank 2), its cell's code is marked used (`used`) and counted by kind,
 * each distinct cell parsed once by `parseCode` (which fills kindOf[code]); a row's kind and day
 * are then its code's, so nothing is kept per row. Returns the number of rows of each kind
 * (indexed by WeekKind).
 */
export function weekKindsByCode(
  cells: DistinctCells,
  parseCode: (code: number) => void,
  kindOf: Int8Array,
  blankRows: Uint8Array,
  totals: ReadonlySet<number>,
  blank: Uint8Array,
  used: Uint8Array,
): Int32Array {
  const counts = new Int32Array(8);
  const code = cells.code;
  const anyTotals = totals.size > 0;
  for (let i = 0, n = blank.length; i < n; i++) {
    if (blankRows[i] === 1) {
      blank[i] = 1;
      continue;
    }
    if (anyTotals && totals.has(i)) {
      blank[i] = 2;
      continue;
    }
    const c = code[i];
    if (kindOf[c] < 0) parseCode(c);
    used[c] = 1;
    counts[kindOf[c]]++;
  }
  return counts;
}

/**
 * Pass 1 when no row is blank nor a total line: the rows of each code counted in one tight loop,
 * then each used code parsed once (`parseCode` fills kindOf[code]; the parse depends on the cell
 * alone, so the order of parsing does not matter) and its rows added to its kind. Gives exactly
 * weekKindsByCode's counts, kinds and `used` for such a table, with no per-row `blank` to write.
 */
export function weekKindsByCount(
  code: Int32Array,
  n: number,
  parseCode: (code: number) => void,
  kindOf: Int8Array,
  used: Uint8Array,
): Int32Array {
  const rows = new Int32Array(used.length);
  for (let i = 0; i < n; i++) rows[code[i]]++;
  const counts = new Int32Array(8);
  for (let c = 0; c < rows.length; c++) {
    if (rows[c] === 0) continue;
    if (kindOf[c] < 0) parseCode(c);
    used[c] = 1;
    counts[kindOf[c]] += rows[c];
  }
  return counts;
}

/** The sales table's columns as codes, which the typed run and the one-pass shortcut read. */
export interface SalesCodeColumns {
  /** Per row: 0 a data row, 1 blank, 2 a total line. */
  blank: Uint8Array;
  /** Week cell codes per row. */
  weekCode: Int32Array;
  /** Customer id codes per row, and per code the customer index (-1 before its first row). */
  idCode: Int32Array;
  idIndex: Int32Array;
  /** Store id codes and indices as for customers; null when the table has no store column. */
  storeCode: Int32Array | null;
  storeIndex: Int32Array | null;
  /** Plain cents of the revenue cells (NaN: not plain money text). */
  plainCents: Float64Array;
}

/** What pass 2's typed run reads and writes (read-sales.ts). */
export interface TypedRows extends SalesCodeColumns {
  /** Per week code, 1 when its week sits on the run's calendar. */
  weekOk: Uint8Array;
  ok: Uint8Array;
  cust: Int32Array;
  cents: Float64Array;
  /**
   * For a row whose customer id cell is met for the first time: the index of its id when the
   * customer is already known (interned by the customers table or an earlier cell written
   * another way), remembered for its cell, else -1 (the row path then adds it and warns).
   */
  knownCustomer: (row: number) => number;
}

/**
 * Pass 2 from row `from`: accepts each row whose customer id is known (its cell interned by an
 * earlier row, or its id already a customer: `knownCustomer`) and whose store id was interned by
 * an earlier row, whose week kind sits on the calendar and whose revenue is plain non-negative
 * money text, as the row path would (no issue, no new id); stops at the first other row and
 * returns its index (`n` at the end), which the row path then reads.
 */
export function typedSalesRun(t: TypedRows, from: number, n: number): number {
  const { blank, weekCode, weekOk, idCode, idIndex, storeCode, storeIndex, plainCents } = t;
  const { ok, cust, cents } = t;
  let i = from;
  for (; i < n; i++) {
    if (blank[i] !== 0 || weekOk[weekCode[i]] !== 1) break;
    const amount = plainCents[i];
    if (!(amount >= 0)) break;
    if (storeCode !== null && storeIndex !== null && storeIndex[storeCode[i]] < 0) break;
    let c = idIndex[idCode[i]];
    // The first row of a customer's cell: the row path would only find the known index.
    if (c < 0 && (c = t.knownCustomer(i)) < 0) break;
    ok[i] = 1;
    cust[i] = c;
    cents[i] = amount;
  }
  return i;
}

/**
 * The rows whose week is a date, ISO week or month: detectDateShape's `use` (kinds per row).
 */
export function datedUse(kind: Uint8Array): Uint8Array {
  const use = new Uint8Array(kind.length);
  for (let i = 0, n = kind.length; i < n; i++) {
    const k = kind[i];
    if (k === 1 || k === 2 || k === 5) use[i] = 1; // Date, IsoWeek, Month
  }
  return use;
}

/**
 * The distinct week cells used by a row (not blank nor a total line) whose week is a date, ISO
 * week or month: detectDateShape's `use` over the codes' days. The shape depends only on the set
 * of days used, so the codes' days give the rows' shape.
 */
export function datedCodes(used: Uint8Array, kindOf: Int8Array): Uint8Array {
  const use = new Uint8Array(used.length);
  for (let c = 0; c < used.length; c++) {
    const k = kindOf[c];
    if (used[c] === 1 && (k === 1 || k === 2 || k === 5)) use[c] = 1;
  }
  return use;
}

/**
 * The distinct week cells of the accepted rows (1: some row with ok = 1 has the code): the days
 * the calendar is built on.
 */
export function acceptedCodes(ok: Uint8Array, code: Int32Array, codes: number): Uint8Array {
  const seen = new Uint8Array(codes);
  for (let i = 0, n = ok.length; i < n; i++) if (ok[i] === 1) seen[code[i]] = 1;
  return seen;
}

/** Each row's day from its distinct week cell's (for the week-start choice on several weekdays). */
export function daysOfRows(code: Int32Array, dayOf: Float64Array): Float64Array {
  const days = new Float64Array(code.length);
  for (let i = 0; i < code.length; i++) days[i] = dayOf[code[i]];
  return days;
}

/**
 * The calendar period of each accepted row, or with distinct week cells of each accepted code
 * (`accepted` 1, its day in `days`; -1 for the others).
 */
export function periodByRow(
  accepted: Uint8Array,
  days: Float64Array,
  indexOf: (day: number) => number,
): Int32Array {
  const period = new Int32Array(accepted.length).fill(-1);
  for (let i = 0; i < accepted.length; i++) if (accepted[i] === 1) period[i] = indexOf(days[i]);
  return period;
}

/**
 * Where each accepted row's store index is: its distinct store cell's (`index[code[i]]`, set by
 * the first row that interned it), or per row, or nowhere (no store column: -1).
 */
export interface RowStores {
  code: Int32Array | null;
  index: Int32Array | null;
  row: Int32Array | null;
}

/** The store index of accepted row i (-1: none). */
export function storeAt(s: RowStores, i: number): number {
  if (s.code !== null && s.index !== null) return s.index[s.code[i]];
  return s.row !== null ? s.row[i] : -1;
}

/** The customers x periods matrix pass 3 of read-sales.ts fills. */
export interface SpendMatrix {
  periods: number;
  spendCents: Float64Array;
  present: Uint8Array;
  store: Int32Array;
  /** The first row of each customer-period (weekly tables only, to word repeats), else null. */
  firstRow: Int32Array | null;
  periodHas: Uint8Array;
}

/**
 * Pass 3 from row `from`: adds each accepted row (ok = 1) to its customer-period while that
 * customer-period has no row yet; stops at the first row that repeats one and returns its index
 * (`n` at the end), which read-sales.ts words and adds. `accepted[0]` counts the rows added.
 * A row's period is period[i], or period[code[i]] with distinct week cells (periodByRow over the codes).
 */
export function aggregateRun(
  m: SpendMatrix,
  rows: { ok: Uint8Array; cust: Int32Array; cents: Float64Array; stores: RowStores },
  period: Int32Array,
  code: Int32Array | null,
  from: number,
  accepted: Int32Array,
): number {
  const { periods, spendCents, present, store, firstRow, periodHas } = m;
  const { ok, cust, cents, stores: rowStores } = rows;
  const n = ok.length;
  let added = 0;
  let i = from;
  for (; i < n; i++) {
    if (ok[i] !== 1) continue;
    const w = code === null ? period[i] : period[code[i]];
    const cell = cust[i] * periods + w;
    if (present[cell] === 1) break;
    periodHas[w] = 1;
    present[cell] = 1;
    if (firstRow !== null) firstRow[cell] = i;
    if (store[cell] < 0) store[cell] = storeAt(rowStores, i);
    spendCents[cell] += cents[i];
    added++;
  }
  accepted[0] += added;
  return i;
}

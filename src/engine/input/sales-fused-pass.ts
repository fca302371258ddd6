/**
 * The sales reader's one-pass shortcut (read-sales.ts): the rows go straight into the customers x
 * periods matrix in one loop, with no per-row arrays, when every row is one the row path would
 * take without a report. The calendar depends only on the set of distinct week cells the rows use
 * (weekKindsByCode's `used`), so when every used week sits on the calendar the periods of the
 * week cells are known before the row pass, and the matrix can be filled as the rows are read.
 *
 * A row is taken when it is blank (counted blank), a total line (counted skipped), or a row whose
 * week cell has a period, whose revenue is plain non-negative money text, whose customer id is
 * known or may be added silently, whose store cell is blank or an id, and whose customer-period
 * has no row yet. The first other row stops the pass; read-sales.ts then rebuilds the per-row
 * arrays of the rows before it (`acceptedRows`, what the typed run would have written for them)
 * and reads on from that row with the row path, so every message and count stays as it was.
 * tests/input/sales-fused-pass.test.ts compares the two paths on sales tables that break each
 * assumption.
 */
import type { SalesCodeColumns } from "./sales-typed-pass";
import {
  buildWeekCalendar,
  type CalendarBuild,
  type PeriodChoice,
  type WeekLabelStyle,
} from "./week-calendar";

/** What the one-pass shortcut reads (a store index is -1 for a blank store cell too). */
export interface FusedRows extends SalesCodeColumns {
  /** Per week code, its period on the calendar (-1: none). */
  periodOfCode: Int32Array;
  /** Per store code, 1 once its first row was read (its index, or -1 for a blank cell, is final). */
  storeRead: Uint8Array | null;
  /**
   * The first row of a customer id cell: the customer index the row path gives it with no report
   * (a known id, or a new one added when unknown customers are not warned about), remembered for
   * its cell; -1 when the row path must read it.
   */
  customer: (row: number) => number;
  /**
   * The first row of a store cell: true when the row path reads it with no report (a blank cell,
   * or an id it interns and remembers for its cell), false when it must read it.
   */
  store: (row: number) => boolean;
}

/** The matrix the shortcut fills (no first rows: a repeated customer-period stops it). */
export interface FusedMatrix {
  periods: number;
  spendCents: Float64Array;
  present: Uint8Array;
  store: Int32Array;
  periodHas: Uint8Array;
}

/** Rows the shortcut took: counts[0] accepted, counts[1] blank, counts[2] total lines. */
export const ACCEPTED = 0;
export const BLANK_ROWS = 1;
export const TOTAL_ROWS = 2;

/**
 * Reads rows 0.. into `m` while each is one the row path takes without a report; returns the
 * first row it cannot take (n when it took them all). `counts` gets the rows taken by kind.
 */
export function fusedSalesPass(
  t: FusedRows,
  m: FusedMatrix,
  counts: Int32Array,
  n: number,
): number {
  const { blank, weekCode, periodOfCode, idCode, idIndex, plainCents } = t;
  const { storeCode, storeIndex, storeRead } = t;
  const { periods, spendCents, present, store, periodHas } = m;
  let accepted = 0;
  let blanks = 0;
  let totals = 0;
  let i = 0;
  for (; i < n; i++) {
    const b = blank[i];
    if (b !== 0) {
      if (b === 1) blanks++;
      else totals++;
      continue;
    }
    const p = periodOfCode[weekCode[i]];
    if (p < 0) break;
    const amount = plainCents[i];
    if (!(amount >= 0)) break;
    let c = idIndex[idCode[i]];
    if (c < 0 && (c = t.customer(i)) < 0) break;
    let s = -1;
    if (storeCode !== null && storeIndex !== null && storeRead !== null) {
      const sc = storeCode[i];
      if (storeRead[sc] === 0 && !t.store(i)) break;
      s = storeIndex[sc];
    }
    const cell = c * periods + p;
    if (present[cell] !== 0) break;
    present[cell] = 1;
    spendCents[cell] += amount;
    store[cell] = s;
    periodHas[p] = 1;
    accepted++;
  }
  counts[ACCEPTED] += accepted;
  counts[BLANK_ROWS] += blanks;
  counts[TOTAL_ROWS] += totals;
  return i;
}

/**
 * The per-row arrays of the rows before `end` that the shortcut took (blank 0): accepted, with
 * their customer (by their id cell's index) and cents, as the typed run writes them.
 */
export function acceptedRows(
  t: FusedRows,
  end: number,
  ok: Uint8Array,
  cust: Int32Array,
  cents: Float64Array,
): void {
  const { blank, idCode, idIndex, plainCents } = t;
  for (let i = 0; i < end; i++) {
    if (blank[i] !== 0) continue;
    ok[i] = 1;
    cust[i] = idIndex[idCode[i]];
    cents[i] = plainCents[i];
  }
}

/** Thrown by the calendar's row request: the week-start choice needs the rows, so no shortcut. */
class NeedsRows extends Error {}

/**
 * The calendar the rows would give if every row using a week cell is accepted (`used`: per
 * distinct week cell, 1 when some data row has it): undefined when that calendar reads the rows
 * (the week-start choice for dates on several weekdays), is not periodic (daily dates: repeats are
 * summed and each purchase kept) or cannot be built (the row path then reports why).
 */
export function fusedCalendar(
  days: Float64Array,
  used: Uint8Array,
  style: WeekLabelStyle,
  sheet: string,
  weekEndsOn: number | undefined,
  choice: PeriodChoice,
): CalendarBuild | undefined {
  const rows = (): never => {
    throw new NeedsRows();
  };
  try {
    const cb = buildWeekCalendar(
      days,
      used,
      style,
      sheet,
      { customer: new Int32Array(0), transactional: false, rows },
      weekEndsOn,
      choice,
    );
    return cb.sameWeekday ? cb : undefined;
  } catch {
    return undefined;
  }
}

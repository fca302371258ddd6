/**
 * The sales table -> the week calendar and the customers x weeks revenue matrix (integer cents).
 *
 * Pass 1 parses the week column and picks the column's week family: dates (Excel serials, ISO
 * dates, JS dates and ISO weeks reconcile to days) or plain week numbers. Rows written in the
 * other family cannot be placed on the same calendar: each gets a "mixed-week-format" error and is
 * skipped (the family with more rows wins; ties go to dates).
 * Pass 2 validates ids and revenue and assigns customers. Revenue is the revenue column or, when
 * the sheet has none, derived (column-registry.ts DERIVATIONS): Quantity x UnitPrice rounded to
 * the cent per line, or gross less discount. On a line table (a transaction or sku column), a row
 * with a blank customer id is a guest purchase: skipped and counted in one info notice with its
 * money. Returns are netted into the customer's week: a negative derived line (negative quantity)
 * or a credit note (transaction id "C…", as UCI Online Retail marks cancellations) is summed like
 * any line and counted in one info notice instead of a warning per row. Pass 3 aggregates into the matrix:
 * several rows of one customer-week are summed; in a weekly table (no sku / transaction column and
 * dates on one weekday) an exact duplicate row is skipped and a different repeat is summed, both
 * with a warning. A trailing "Total" line is skipped with an info issue (total-rows.ts).
 * When every used week cell sits on the calendar, passes 2 and 3 are first tried as one pass
 * straight into the matrix (sales-fused-pass.ts), which hands over to them at its first row that
 * needs a report or a repeat; see docs/ARCHITECTURE.md (the sales reader in one pass).
 */
import type { CellValue, RawTable } from "./raw-table";
import { cellText } from "./cell-text";
import {
  BAD,
  BLANK,
  type CellType,
  expected,
  ID,
  INVALID,
  MONEY_CENTS,
  NUMBER,
  type Optional,
  type Required,
  RowReader,
} from "./cell-readers";
import { coerceMoney, NumStatus } from "./coerce-number";
import { describeDerivation } from "./column-registry";
import { formatMoney, formatNumber } from "../../rules/format-value";
import { WeekKind, WeekParser } from "./coerce-week";
import { detectDateShape, periodWords, type PeriodUnit } from "./period";
import type { CustomerAccumulator } from "./customer-accumulator";
import type { Sales } from "./dataset";
import { type ColumnMap, derivationFor } from "./header-map";
import type { IdRegistry } from "./id-registry";
import type { IssueCollector } from "./issue-collector";
import { readCustomerAttributes } from "./read-customers";
import { emptyRowStats, type RowStats } from "./row-stats";
import { skipTotalRows } from "./total-rows";
import { blankRowsOf, cellAt, distinctCellsAt, rowAt, rowCount as dataRows } from "./table-cells";
import { type DistinctIds, distinctIdsAt } from "./distinct-ids";
import {
  acceptedCodes,
  aggregateRun,
  datedCodes,
  datedUse,
  daysOfRows,
  periodByRow,
  type RowStores,
  type SalesCodeColumns,
  type SpendMatrix,
  storeAt,
  type TypedRows,
  typedSalesRun,
  weekKindsByCode,
  weekKindsByCount,
} from "./sales-typed-pass";
import {
  ACCEPTED,
  acceptedRows,
  BLANK_ROWS,
  fusedCalendar,
  type FusedMatrix,
  type FusedRows,
  fusedSalesPass,
  TOTAL_ROWS,
} from "./sales-fused-pass";
import { buildWeekCalendar, type CalendarBuild, type WeekLabelStyle } from "./week-calendar";
import { RgoError } from "../errors";

/** Largest customers x weeks matrix accepted. */
export const MAX_MATRIX_CELLS = 60_000_000;

const CUSTOMER_ID: Required = {
  invalid: "bad-id",
  say: expected("a customer id", "Row skipped."),
};
const REVENUE: Required = {
  invalid: "not-a-number",
  say: expected("an amount of money such as 123.45", "Row skipped."),
};
const QUANTITY: Required = {
  invalid: "not-a-number",
  say: expected("a quantity such as 3 or -1", "Row skipped."),
};
const PRICE: Required = {
  invalid: "not-a-number",
  say: expected("a price such as 2.55", "Row skipped."),
};
/** A money amount in currency units, unrounded (a unit price may have digits below the cent). */
const MONEY_VALUE: CellType<number> = (cell, num) => {
  const st = coerceMoney(cell, num);
  return st === NumStatus.Ok ? num.value : st === NumStatus.Blank ? BLANK : INVALID;
};
/** A credit note / cancellation: transaction id "C" then a non-letter ("C536379"). */
const CREDIT_NOTE = /^\s*C(?![A-Za-z])/;
const STORE: Optional = {
  code: "bad-value",
  say: expected("a store id", "Store left unknown for this row."),
};

/** The period the user chose (RunOptions.period / weekStart); detected when absent (period.ts). */
export interface SalesPeriodChoice {
  period?: PeriodUnit;
  /** Weekday the weeks start on, 0 = Monday. */
  weekStart?: number;
}

/** Marks a guest line (blank customer id on a line table) in pass 2. */
const GUEST: unique symbol = Symbol("guest");

export interface SalesRead {
  sales: Sales;
  calendarBuild: CalendarBuild;
  /** Week family of the sales table, which the stock table must share. */
  family: "date" | "week-number";
  stats: RowStats;
  /** Guest lines (blank customer id on a line table) left out, and their revenue in cents. */
  guests: { lines: number; cents: number };
  /** Return lines netted (negative derived lines, credit notes), and their revenue in cents. */
  returns: { lines: number; cents: number };
}

/** What the one-pass shortcut read (sales-fused-pass.ts): `end` is the first row it did not take. */
interface Fused {
  rows: FusedRows;
  matrix: FusedMatrix;
  cb: CalendarBuild;
  end: number;
  accepted: number;
}

/** The first `size` entries of a matrix made with room for more customers (itself when exact). */
function fitted<T extends { length: number; slice(from: number, to: number): T }>(
  a: T,
  size: number,
): T {
  return a.length === size ? a : a.slice(0, size);
}

function sameCell(a: CellValue, b: CellValue): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a === "" || a === undefined) a = null;
  if (b === "" || b === undefined) b = null;
  return a === b;
}

function sameRow(a: readonly CellValue[], b: readonly CellValue[]): boolean {
  const n = Math.max(a.length, b.length);
  for (let j = 0; j < n; j++) if (!sameCell(a[j] ?? null, b[j] ?? null)) return false;
  return true;
}

/**
 * Read the sales table. New customer ids are added to `customers` (with an "unknown-customer"
 * warning per customer when `warnUnknown`), store ids to `stores`.
 */
export function readSales(
  table: RawTable,
  cols: ColumnMap,
  customers: CustomerAccumulator,
  stores: IdRegistry,
  issues: IssueCollector,
  warnUnknown: boolean,
  money: (n: number) => string = formatMoney,
  weekEndsOn?: number,
  choice: SalesPeriodChoice = {},
): SalesRead {
  const n = dataRows(table);
  const stats = emptyRowStats(n);
  const sheet = table.name;
  const hdr = (j: number) => table.header[j];
  const rowNo = (i: number) => table.headerRow + 1 + i;

  const totals = skipTotalRows(
    table,
    cols,
    ["customerId", "week", "store", "sku", "transaction"],
    "sale",
    issues,
  );

  // Pass 1: weeks.
  const parser = new WeekParser();
  const wc = cols.week;
  // Each distinct week cell parsed once when the adapter keeps distinct cells (CSV, .xlsx): a
  // row's kind and day are then its code's (kindAt, dayAt), else kept per row.
  const weekCells = distinctCellsAt(table, wc);
  const weekCodes = weekCells?.code ?? null;
  const kindOf = new Int8Array(weekCells?.values.length ?? 0).fill(-1);
  const dayOf = new Float64Array(kindOf.length);
  const usedCode = new Uint8Array(kindOf.length);
  const day = new Float64Array(weekCodes === null ? n : 0);
  const kind = new Uint8Array(weekCodes === null ? n : 0);
  const kindAt = (i: number): number => (weekCodes !== null ? kindOf[weekCodes[i]] : kind[i]);
  const dayAt = (i: number): number => (weekCodes !== null ? dayOf[weekCodes[i]] : day[i]);
  const blankRows = blankRowsOf(table);
  // No blank row and no total line: every row is a data row (blankRows, all 0, serves as `blank`).
  const allData = weekCells !== undefined && totals.size === 0 && blankRows.indexOf(1) < 0;
  const blank = allData ? blankRows : new Uint8Array(n);
  let dateCount = 0;
  let isoWeekCount = 0;
  let numberCount = 0;
  let monthCount = 0;
  if (weekCells !== undefined) {
    const parseCode = (code: number): void => {
      kindOf[code] = parser.parse(weekCells.values[code]);
      dayOf[code] = parser.out.day;
    };
    const counts = allData
      ? weekKindsByCount(weekCells.code, n, parseCode, kindOf, usedCode)
      : weekKindsByCode(weekCells, parseCode, kindOf, blankRows, totals, blank, usedCode);
    dateCount = counts[WeekKind.Date];
    isoWeekCount = counts[WeekKind.IsoWeek];
    numberCount = counts[WeekKind.WeekNumber];
    monthCount = counts[WeekKind.Month];
  } else
    for (let i = 0; i < n; i++) {
      if (blankRows[i] === 1) {
        blank[i] = 1;
        continue;
      }
      if (totals.has(i)) {
        blank[i] = 2;
        continue;
      }
      const k = parser.parse(cellAt(table, i, wc));
      day[i] = parser.out.day;
      kind[i] = k;
      if (k === WeekKind.Date) dateCount++;
      else if (k === WeekKind.IsoWeek) isoWeekCount++;
      else if (k === WeekKind.WeekNumber) numberCount++;
      else if (k === WeekKind.Month) monthCount++;
    }
  const family: "date" | "week-number" =
    numberCount > dateCount + isoWeekCount + monthCount ? "week-number" : "date";
  const style: WeekLabelStyle =
    family === "week-number"
      ? "week-number"
      : dateCount + monthCount === 0 && isoWeekCount > 0
        ? "iso-week"
        : "date";
  // The period (period.ts): chosen, else months when every date is a month start or a month value.
  const monthlyData =
    family === "date" &&
    (weekCodes === null
      ? detectDateShape(day, datedUse(kind))
      : detectDateShape(dayOf, datedCodes(usedCode, kindOf))) === "monthly";
  if (choice.period === "month" && family === "week-number") {
    throw new RgoError(
      "input",
      "bad-period",
      `${sheet} gives weeks as week numbers ("Week 12"), which cannot be grouped into calendar months; analyse it in weeks (--period week) or give dates.`,
      sheet,
    );
  }
  const unit: PeriodUnit = choice.period ?? (monthlyData ? "month" : "week");

  // Pass 2: validate each row.
  const rr = new RowReader(table, cols, issues);
  const hasAttributes =
    cols.age >= 0 ||
    cols.householdSize >= 0 ||
    cols.loyalty >= 0 ||
    cols.segment >= 0 ||
    cols.income >= 0 ||
    cols.highValue >= 0;
  let subCentRows = 0;
  const derived = derivationFor("sales", "revenue", cols);
  const lineTable = cols.sku >= 0 || cols.transaction >= 0;
  let guestLines = 0;
  let guestCents = 0;
  let returnLines = 0;
  let returnCents = 0;
  let subCent = false;
  /** The current row's revenue in cents (read or derived), BAD after reporting why. */
  const readAmount = (): number | typeof BAD => {
    subCent = false;
    if (derived === null) {
      const a = rr.required("revenue", MONEY_CENTS, REVENUE);
      subCent = rr.num.subCent;
      return a;
    }
    const [ka, kb] = derived.inputs;
    if (derived.op === "minus") {
      const gross = rr.required(ka, MONEY_CENTS, REVENUE);
      subCent = rr.num.subCent;
      const less = rr.required(kb, MONEY_CENTS, REVENUE);
      subCent ||= rr.num.subCent;
      return gross === BAD || less === BAD ? BAD : gross - less;
    }
    const q = rr.required(ka, NUMBER, QUANTITY);
    const p = rr.required(kb, MONEY_VALUE, PRICE);
    if (q === BAD || p === BAD) return BAD;
    // Cents of the line, with the binary noise of the product removed before rounding half away from zero.
    const exact = Math.round(q * p * 100 * 1e6) / 1e6;
    subCent = !Number.isInteger(exact);
    const c = Math.sign(exact) * Math.round(Math.abs(exact));
    return c === 0 ? 0 : c;
  };
  // Customer and store ids coerced and interned once per distinct cell (CSV; distinct-ids.ts).
  const idCells = distinctIdsAt(table, cols.customerId);
  const storeCells = distinctIdsAt(table, cols.store);
  // Each accepted row's store: its distinct store cell's index when the adapter keeps them (set
  // by the first row that interned it, never changed), else kept per row.
  const rowStore = new Int32Array(storeCells === undefined && cols.store >= 0 ? n : 0).fill(-1);
  const rowStores: RowStores = {
    code: storeCells?.cells.code ?? null,
    index: storeCells?.interned ?? null,
    row: rowStore.length > 0 ? rowStore : null,
  };
  // The typed-array pass: a row whose customer and store cells were read before (so their ids
  // are interned), whose week sits on the calendar and whose revenue is plain, non-negative money
  // text takes exactly what the row-by-row path below gives it, without reading a cell.
  const plainCents =
    derived === null && !lineTable && !hasAttributes && idCells !== undefined
      ? table.cells?.plainCentsColumn?.(cols.revenue)
      : undefined;
  const weekOk = (k: number): boolean =>
    k !== WeekKind.Blank &&
    k !== WeekKind.Invalid &&
    !(k === WeekKind.Month && unit === "week") &&
    (k === WeekKind.WeekNumber) === (family === "week-number");
  const codeOk = new Uint8Array(kindOf.length);
  for (let c = 0; c < codeOk.length; c++) codeOk[c] = kindOf[c] >= 0 && weekOk(kindOf[c]) ? 1 : 0;
  const periodChoice = {
    unit,
    unitChosen: choice.period !== undefined,
    ...(choice.weekStart !== undefined ? { weekStart: choice.weekStart } : {}),
    monthlyData,
  };

  const codeColumns = (
    weekCode: Int32Array,
    ids: DistinctIds,
    cents: Float64Array,
  ): SalesCodeColumns => ({
    blank,
    weekCode,
    idCode: ids.cells.code,
    idIndex: ids.interned,
    storeCode: storeCells?.cells.code ?? null,
    storeIndex: storeCells?.interned ?? null,
    plainCents: cents,
  });
  // The one-pass shortcut (sales-fused-pass.ts): when every used week cell sits on the calendar
  // those cells give, the rows go straight into the matrix while each is one the row path takes
  // without a report. If one is not, the rows before it are given the per-row arrays the typed
  // run would have written and the row path reads on from it.
  let fused: Fused | undefined;
  if (plainCents !== undefined && idCells !== undefined && weekCodes !== null && !lineTable) {
    let allOk = true;
    for (let c = 0; c < codeOk.length; c++) if (usedCode[c] === 1 && codeOk[c] === 0) allOk = false;
    const cb = allOk
      ? fusedCalendar(dayOf, usedCode, style, sheet, weekEndsOn, periodChoice)
      : undefined;
    // Matrix rows for the customers known now and, when unknown ones are added silently, one per
    // distinct id cell (the most the pass can add).
    const most = customers.count + (warnUnknown ? 0 : idCells.cells.values.length);
    const periods = cb?.calendar.startDays.length ?? 0;
    if (cb !== undefined && most * periods <= MAX_MATRIX_CELLS) {
      // Each id cell that names a known customer gets its index now, as its first row would
      // (knownCustomer); new ids are added at their first row, in row order.
      const idIndex = idCells.interned;
      for (let code = 0; code < idIndex.length; code++) {
        const id = idCells.idOf(code);
        const c = typeof id === "string" ? customers.reg.indexById.get(id) : undefined;
        if (c !== undefined) idIndex[code] = c;
      }
      const storeRead =
        storeCells !== undefined ? new Uint8Array(storeCells.interned.length) : null;
      const rows: FusedRows = {
        ...codeColumns(weekCodes, idCells, plainCents),
        periodOfCode: periodByRow(usedCode, dayOf, cb.indexOf),
        storeRead,
        customer: (i) => {
          const id = idCells.idAt(i);
          if (typeof id !== "string") return -1;
          const c = customers.reg.indexById.get(id);
          if (c !== undefined) return idCells.remember(i, c);
          return warnUnknown ? -1 : idCells.remember(i, customers.add(id));
        },
        store: (i) => {
          if (storeCells === undefined || storeRead === null) return false;
          const sid = storeCells.idAt(i);
          if (sid === INVALID) return false;
          if (sid !== BLANK) storeCells.remember(i, stores.intern(sid));
          storeRead[storeCells.cells.code[i]] = 1;
          return true;
        },
      };
      const matrix: FusedMatrix = {
        periods,
        spendCents: new Float64Array(most * periods),
        present: new Uint8Array(most * periods),
        store: new Int32Array(most * periods).fill(-1),
        periodHas: new Uint8Array(periods),
      };
      const counts = new Int32Array(3);
      const end = fusedSalesPass(rows, matrix, counts, n);
      stats.blank += counts[BLANK_ROWS];
      stats.skipped += counts[TOTAL_ROWS];
      fused = { rows, matrix, cb, end, accepted: counts[ACCEPTED] };
    }
  }
  const whole = fused !== undefined && fused.end === n;
  const ok = new Uint8Array(whole ? 0 : n);
  const cust = new Int32Array(whole ? 0 : n);
  const cents = new Float64Array(whole ? 0 : n);
  if (fused !== undefined && !whole) acceptedRows(fused.rows, fused.end, ok, cust, cents);
  const typed: TypedRows | undefined =
    plainCents !== undefined && idCells !== undefined && weekCodes !== null
      ? {
          ...codeColumns(weekCodes, idCells, plainCents),
          weekOk: codeOk,
          ok,
          cust,
          cents,
          // An id the customers table (or an earlier row) interned: what the row path's
          // customers.intern gives, with nothing added and no warning, remembered for its cell.
          knownCustomer: (i) => {
            const id = idCells.idAt(i);
            const c = typeof id === "string" ? customers.reg.indexById.get(id) : undefined;
            return c === undefined ? -1 : idCells.remember(i, c);
          },
        }
      : undefined;
  for (let i = fused?.end ?? 0; i < n; i++) {
    if (typed !== undefined) {
      i = typedSalesRun(typed, i, n);
      if (i >= n) break;
    }
    if (blank[i] === 1) {
      stats.blank++;
      continue;
    }
    if (blank[i] === 2) {
      stats.skipped++;
      continue;
    }
    rr.at(i);
    const known = idCells?.idAt(i);
    const id =
      typeof known === "string"
        ? known
        : lineTable && (known ?? ID(rr.cell("customerId"), rr.num)) === BLANK
          ? GUEST
          : rr.required("customerId", ID, CUSTOMER_ID);
    // week
    const k = kindAt(i);
    if (k === WeekKind.Blank) {
      rr.fail("missing-value", "week", `${hdr(wc)} is blank; expected a week. Row skipped.`);
    } else if (k === WeekKind.Invalid) {
      parser.parse(cellAt(table, i, wc));
      rr.fail(
        "bad-date",
        "week",
        `${hdr(wc)} is ${parser.out.reason}; expected a date (YYYY-MM-DD or an Excel date), an ISO week (2025-W37) or a week number (1-53). Row skipped.`,
      );
    } else if (k === WeekKind.Month && unit === "week") {
      rr.fail(
        "mixed-week-format",
        "week",
        `${hdr(wc)} is ${cellText(cellAt(table, i, wc))}, a month, but the analysis is in weeks (the other dates are days, or --period week was chosen); a month cannot be placed in one week. Row skipped.`,
      );
    } else if ((k === WeekKind.WeekNumber) !== (family === "week-number")) {
      rr.fail(
        "mixed-week-format",
        "week",
        `${hdr(wc)} is ${cellText(cellAt(table, i, wc))}, a ${k === WeekKind.WeekNumber ? "week number" : "date"}, but most of this column is ${
          family === "week-number" ? "week numbers" : "dates"
        }; the two cannot be placed on one calendar. Row skipped.`,
      );
    }
    const amount = readAmount();
    if (id === BAD || amount === BAD || rr.bad) {
      stats.skipped++;
      continue;
    }
    if (subCent) subCentRows++;
    if (id === GUEST) {
      guestLines++;
      guestCents += amount;
      stats.skipped++;
      continue;
    }
    const credit = cols.transaction >= 0 && CREDIT_NOTE.test(cellText(rr.cell("transaction")));
    if (amount < 0 && (derived !== null || credit)) {
      returnLines++;
      returnCents += amount;
    } else if (amount < 0) {
      rr.report(
        "warning",
        "negative-revenue",
        "revenue",
        `${rr.header("revenue")} is ${cellText(rr.cell("revenue"))}, a negative amount (a return?); it is kept and reduces that week's revenue.`,
      );
    }
    const knownStore = storeCells?.idAt(i);
    if (storeCells !== undefined && typeof knownStore === "string") {
      if (storeCells.indexAt(i) < 0) storeCells.remember(i, stores.intern(knownStore));
    } else if (knownStore !== BLANK) {
      const sid = rr.optional("store", ID, STORE);
      if (sid !== null) {
        const s = stores.intern(sid);
        if (storeCells !== undefined) storeCells.remember(i, s);
        else rowStore[i] = s;
      }
    }
    const before = customers.count;
    const knownIndex = idCells !== undefined ? idCells.indexAt(i) : -1;
    const c =
      knownIndex >= 0
        ? knownIndex
        : idCells !== undefined
          ? idCells.remember(i, customers.intern(id))
          : customers.intern(id);
    if (c === before && warnUnknown) {
      rr.report(
        "warning",
        "unknown-customer",
        "customerId",
        `Customer ${id} has sales but is not in the customers table; added with unknown attributes.`,
      );
    }
    if (hasAttributes) readCustomerAttributes(rr, c, customers);
    ok[i] = 1;
    cust[i] = c;
    cents[i] = amount;
  }
  const revenueHeader = (): string | null =>
    derived === null ? hdr(cols.revenue) : derived.inputs.map((k) => hdr(cols[k])).join(", ");
  if (derived !== null) {
    issues.add(
      "info",
      "derived-revenue",
      sheet,
      null,
      revenueHeader(),
      `${sheet} has no revenue column; ${describeDerivation(derived, (k) => hdr(cols[k]))} on each row (rounded to the cent). Choose a revenue column under the column choices to use one instead.`,
    );
  }
  if (guestLines > 0) {
    issues.add(
      "info",
      "guest-lines",
      sheet,
      null,
      hdr(cols.customerId),
      `${formatNumber(guestLines, 0)} line${guestLines === 1 ? " has" : "s have"} no customer id: guest purchases, left out, ${money(guestCents / 100)} of revenue.`,
    );
  }
  if (returnLines > 0) {
    issues.add(
      "info",
      "returns-netted",
      sheet,
      null,
      revenueHeader(),
      `${formatNumber(returnLines, 0)} return line${returnLines === 1 ? "" : "s"} (credit notes or negative quantities), ${money(returnCents / 100)} in all, were netted into their customers' weeks.`,
    );
  }
  if (subCentRows > 0) {
    issues.add(
      "info",
      "sub-cent",
      sheet,
      null,
      revenueHeader(),
      `${subCentRows} revenue values had digits below the cent; they were rounded to the nearest cent (half away from zero).`,
    );
  }

  // Calendar: on the accepted distinct week cells' days, or the accepted rows' (the shortcut's
  // when it took every row: its used cells are then the accepted ones).
  const acceptedCode =
    weekCodes === null || whole ? null : acceptedCodes(ok, weekCodes, kindOf.length);
  const cb =
    whole && fused !== undefined
      ? fused.cb
      : buildWeekCalendar(
          acceptedCode === null ? day : dayOf,
          acceptedCode ?? ok,
          style,
          sheet,
          {
            customer: cust,
            transactional: cols.sku >= 0 || cols.transaction >= 0,
            rows: () => ({ days: weekCodes === null ? day : daysOfRows(weekCodes, dayOf), ok }),
          },
          weekEndsOn,
          periodChoice,
        );
  if (cb.weekStart.kind === "aligned") {
    issues.add("info", "weeks-aligned", sheet, null, hdr(wc), cb.weekStart.notice);
  }
  const weeks = cb.calendar.startDays.length;
  const words = periodWords(cb.period.unit);
  const C = customers.count;
  if (C * weeks > MAX_MATRIX_CELLS) {
    throw new RgoError(
      "input",
      "too-large",
      `${sheet} has ${C} customers over ${weeks} ${words.many} (${C * weeks} customer-${words.many}); at most ${MAX_MATRIX_CELLS} are supported.`,
      sheet,
    );
  }
  const weekly = cols.sku < 0 && cols.transaction < 0 && cb.sameWeekday;

  // Pass 3: aggregate (already done when the shortcut took every row: its matrix, cut to the
  // customers there are when it had room for more).
  const taken = whole ? fused?.matrix : undefined;
  const size = C * weeks;
  const spendCents = taken === undefined ? new Float64Array(size) : fitted(taken.spendCents, size);
  const present = taken === undefined ? new Uint8Array(size) : fitted(taken.present, size);
  const store = taken === undefined ? new Int32Array(size).fill(-1) : fitted(taken.store, size);
  const firstRow = weekly && taken === undefined ? new Int32Array(size).fill(-1) : null;
  const weekHas = taken?.periodHas ?? new Uint8Array(weeks);
  let rowCount = taken === undefined ? 0 : (fused?.accepted ?? 0);
  // Each accepted row's period (each distinct week cell's found once), then the rows added in
  // typed runs up to each repeated customer-week, which is worded and added here.
  const period =
    taken !== undefined
      ? new Int32Array(0)
      : acceptedCode === null
        ? periodByRow(ok, day, cb.indexOf)
        : periodByRow(acceptedCode, dayOf, cb.indexOf);
  const periodAt = (i: number): number => (weekCodes === null ? period[i] : period[weekCodes[i]]);
  const matrix: SpendMatrix = {
    periods: weeks,
    spendCents,
    present,
    store,
    firstRow,
    periodHas: weekHas,
  };
  const accepted = new Int32Array(1);
  for (let i = taken === undefined ? 0 : n; i < n; i++) {
    i = aggregateRun(
      matrix,
      { ok, cust, cents, stores: rowStores },
      period,
      weekCodes,
      i,
      accepted,
    );
    if (i >= n) break;
    const w = periodAt(i);
    weekHas[w] = 1;
    const cell = cust[i] * weeks + w;
    if (present[cell] === 1) {
      if (firstRow !== null) {
        const first = firstRow[cell];
        if (sameRow(rowAt(table, first), rowAt(table, i))) {
          stats.skipped++;
          ok[i] = 0;
          issues.add(
            "warning",
            "duplicate-row",
            sheet,
            rowNo(i),
            null,
            `This row repeats row ${rowNo(first)} exactly (customer ${customers.reg.ids[cust[i]]}, ${cb.calendar.labels[w]}); it was skipped.`,
          );
          continue;
        }
        issues.add(
          "warning",
          "repeated-customer-week",
          sheet,
          rowNo(i),
          hdr(wc),
          `Customer ${customers.reg.ids[cust[i]]} already has a row for ${cb.calendar.labels[w]} (row ${rowNo(first)}); the two amounts were added together.`,
        );
      }
    } else {
      present[cell] = 1;
      if (firstRow !== null) firstRow[cell] = i;
    }
    if (store[cell] < 0) store[cell] = storeAt(rowStores, i);
    spendCents[cell] += cents[i];
    rowCount++;
  }
  rowCount += accepted[0];
  stats.accepted = rowCount;

  // Weeks with no sales at all.
  const empty: string[] = [];
  for (let w = 0; w < weeks; w++) {
    if (weekHas[w] === 0) empty.push(cb.calendar.labels[w]);
  }
  if (empty.length > 0) {
    issues.add(
      "warning",
      "missing-week",
      sheet,
      null,
      hdr(wc),
      `${empty.length} ${words.one}(s) between the first and last ${words.one} have no sales rows at all (${empty.slice(0, 10).join(", ")}${
        empty.length > 10 ? ", …" : ""
      }); they count as zero revenue for every customer.`,
    );
  }
  // Daily data (dates on several weekdays): the first and last day seen, to detect partial weeks.
  let dayRange: Sales["dayRange"];
  let purchases: Sales["purchases"];
  if (family === "date" && !cb.sameWeekday) {
    let first = Infinity;
    let last = -Infinity;
    let accepted = 0;
    for (let i = 0; i < n; i++) {
      if (ok[i] !== 1) continue;
      accepted++;
      const d = dayAt(i);
      if (d < first) first = d;
      if (d > last) last = d;
    }
    if (first <= last) dayRange = { first, last };
    const pc = new Int32Array(accepted);
    const pd = new Int32Array(accepted);
    const pm = new Float64Array(accepted);
    let j = 0;
    for (let i = 0; i < n; i++) {
      if (ok[i] !== 1) continue;
      pc[j] = cust[i];
      pd[j] = dayAt(i);
      pm[j] = cents[i];
      j++;
    }
    purchases = { customer: pc, day: pd, cents: pm };
  }
  return {
    sales: {
      weeks,
      spendCents,
      present,
      store,
      rowCount,
      ...(dayRange !== undefined ? { dayRange } : {}),
      ...(purchases !== undefined ? { purchases } : {}),
    },
    calendarBuild: cb,
    family,
    stats,
    guests: { lines: guestLines, cents: guestCents },
    returns: { lines: returnLines, cents: returnCents },
  };
}

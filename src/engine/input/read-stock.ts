/**
 * The stock table -> stock per store-week on the sales calendar. Each row is one SKU (or one
 * store-level measure) for a store and a week; dates map to the calendar week containing them.
 * The measure that decides "out of stock" is the first present of: on-hand units (out when <= 0),
 * in-stock flag (out when false), stockout days (out when > 0), in-stock rate (out when < 1).
 * Stockout days and in-stock rate are aggregated whenever their columns exist.
 * Rows outside the sales calendar are ignored with one info issue. A trailing "Total" line is
 * skipped with an info issue (total-rows.ts).
 */
import { periodWords, type PeriodUnit } from "./period";
import type { RawTable } from "./raw-table";
import { cellText } from "./cell-text";
import {
  BAD,
  BLANK,
  BOOLEAN,
  type CellType,
  expected,
  ID,
  INVALID,
  NUMBER,
  RATE,
  type Required,
  RowReader,
} from "./cell-readers";
import { WeekKind, WeekParser } from "./coerce-week";
import type { Stock } from "./dataset";
import type { ColumnMap } from "./header-map";
import type { IdRegistry } from "./id-registry";
import type { IssueCollector } from "./issue-collector";
import { emptyRowStats, type RowStats } from "./row-stats";
import { skipTotalRows } from "./total-rows";
import { blankRowsOf, distinctCellsAt, rowCount } from "./table-cells";
import { newNumberParse } from "./coerce-number";
import { type TypedStock, typedStockRun } from "./stock-typed-pass";

type Measure = "on_hand" | "in_stock_flag" | "stockout_days" | "in_stock_rate";

const MEASURE_KEYS: Record<Measure, string> = {
  on_hand: "onHand",
  in_stock_flag: "inStockFlag",
  stockout_days: "stockoutDays",
  in_stock_rate: "inStockRate",
};
const MEASURE_TYPES: Record<Measure, CellType<number>> = {
  on_hand: NUMBER,
  in_stock_flag: BOOLEAN,
  stockout_days: NUMBER,
  in_stock_rate: RATE,
};
const A_NUMBER: Required = { invalid: "not-a-number", say: expected("a number", "Row skipped.") };
const MEASURE_PROBLEMS: Record<Measure, Required> = {
  on_hand: A_NUMBER,
  in_stock_flag: { invalid: "not-a-number", say: expected("True/False", "Row skipped.") },
  stockout_days: A_NUMBER,
  in_stock_rate: A_NUMBER,
};
const STORE_ID: Required = { invalid: "bad-id", say: expected("a store id", "Row skipped.") };

/** Whether a measure value means "out of stock". */
function isOut(measure: Measure, v: number): boolean {
  if (measure === "on_hand") return v <= 0;
  if (measure === "in_stock_flag") return v === 0;
  if (measure === "stockout_days") return v > 0;
  return v < 1;
}

/** A Stock with no data (no stock table). */
export function emptyStock(stores: number, weeks: number): Stock {
  return {
    present: false,
    skuCount: new Int32Array(stores * weeks),
    skusOut: new Int32Array(stores * weeks),
    stockoutDays: new Float64Array(stores * weeks).fill(NaN),
    inStockRate: new Float64Array(stores * weeks).fill(NaN),
    measure: "",
    rowCount: 0,
  };
}

/**
 * First pass over the stock table: register store ids (so they exist before the Stores list is
 * fixed) and parse rows; returns a function that builds the Stock once the store count is known.
 */
export function readStock(
  table: RawTable,
  cols: ColumnMap,
  stores: IdRegistry,
  /** Period index of a day in the sales calendar (CalendarBuild.indexOf). */
  periodOf: (day: number) => number,
  weeks: number,
  family: "date" | "week-number",
  issues: IssueCollector,
  /** The sales calendar's period (its words name the calendar in the notice). */
  unit: PeriodUnit = "week",
): { build: (storeCount: number) => Stock; stats: RowStats } {
  const n = rowCount(table);
  const stats = emptyRowStats(n);
  const sheet = table.name;
  const hdr = (j: number) => table.header[j];
  const measure: Measure =
    cols.onHand >= 0
      ? "on_hand"
      : cols.inStockFlag >= 0
        ? "in_stock_flag"
        : cols.stockoutDays >= 0
          ? "stockout_days"
          : "in_stock_rate";
  const measureType = MEASURE_TYPES[measure];
  const measureKey = MEASURE_KEYS[measure];
  const parser = new WeekParser();
  // Every column read repeats a few values (stores, weeks, unit counts).
  const rr = new RowReader(table, cols, issues, [
    "store",
    "week",
    measureKey,
    "stockoutDays",
    "inStockRate",
  ]);
  const rowStore = new Int32Array(n);
  const rowWeek = new Int32Array(n).fill(-1);
  const rowOut = new Uint8Array(n);
  const rowDays = new Float64Array(n);
  const rowRate = new Float64Array(n).fill(NaN);
  let outside = 0;
  const totals = skipTotalRows(table, cols, ["store", "week", "sku"], "stock row", issues);
  // The rows that need no report, from each distinct cell read once (stock-typed-pass.ts).
  const typed = typedStock(table, cols, measure, parser, periodOf, family, weeks, totals, stores, {
    rowStore,
    rowWeek,
    rowOut,
    rowDays,
    rowRate,
  });
  const outsideRun = new Int32Array(1);
  for (let i = 0; i < n; i++) {
    if (typed !== undefined) {
      i = typedStockRun(typed, stats, outsideRun, i, n);
      if (i >= n) break;
    }
    if (!rr.at(i)) {
      stats.blank++;
      continue;
    }
    if (totals.has(i)) {
      stats.skipped++;
      continue;
    }
    const sid = rr.required("store", ID, STORE_ID);
    const wCell = rr.cell("week");
    const k = parser.parse(wCell);
    let w = -1;
    if (k === WeekKind.Blank || k === WeekKind.Invalid) {
      rr.fail(
        k === WeekKind.Blank ? "missing-value" : "bad-date",
        "week",
        `${hdr(cols.week)} is ${k === WeekKind.Blank ? "blank" : parser.out.reason}; expected a week like the sales table's. Row skipped.`,
      );
    } else if ((k === WeekKind.WeekNumber) !== (family === "week-number")) {
      rr.fail(
        "mixed-week-format",
        "week",
        `${hdr(cols.week)} is ${cellText(wCell)}, but the sales weeks are ${family === "week-number" ? "week numbers" : "dates"}. Row skipped.`,
      );
    } else {
      w = periodOf(parser.out.day);
    }
    const m = rr.required(measureKey, measureType, MEASURE_PROBLEMS[measure]);
    if (sid === BAD || m === BAD || rr.bad) {
      stats.skipped++;
      continue;
    }
    if (w < 0 || w >= weeks) {
      outside++;
      continue;
    }
    rowDays[i] = rr.quiet("stockoutDays", NUMBER) ?? NaN;
    rowRate[i] = rr.quiet("inStockRate", RATE) ?? NaN;
    rowStore[i] = stores.intern(sid);
    rowWeek[i] = w;
    rowOut[i] = isOut(measure, m) ? 1 : 0;
    stats.accepted++;
  }
  outside += outsideRun[0];
  if (outside > 0) {
    issues.add(
      "info",
      "stock-outside-calendar",
      sheet,
      null,
      hdr(cols.week),
      `${outside} stock rows fall outside the sales ${periodWords(unit).many} and were ignored.`,
    );
  }
  const build = (storeCount: number): Stock => {
    const cells = storeCount * weeks;
    const skuCount = new Int32Array(cells);
    const skusOut = new Int32Array(cells);
    const stockoutDays = new Float64Array(cells).fill(cols.stockoutDays >= 0 ? 0 : NaN);
    const rateSum = new Float64Array(cells);
    const rateN = new Int32Array(cells);
    for (let i = 0; i < n; i++) {
      if (rowWeek[i] < 0) continue;
      const cell = rowStore[i] * weeks + rowWeek[i];
      skuCount[cell]++;
      skusOut[cell] += rowOut[i];
      if (cols.stockoutDays >= 0 && !Number.isNaN(rowDays[i])) stockoutDays[cell] += rowDays[i];
      if (!Number.isNaN(rowRate[i])) {
        rateSum[cell] += rowRate[i];
        rateN[cell]++;
      }
    }
    const inStockRate = new Float64Array(cells);
    for (let cell = 0; cell < cells; cell++) {
      if (skuCount[cell] === 0) inStockRate[cell] = NaN;
      else if (rateN[cell] > 0) inStockRate[cell] = rateSum[cell] / rateN[cell];
      else inStockRate[cell] = 1 - skusOut[cell] / skuCount[cell];
    }
    return {
      present: true,
      skuCount,
      skusOut,
      stockoutDays,
      inStockRate,
      measure,
      rowCount: stats.accepted,
    };
  };
  return { build, stats };
}

/**
 * The typed run's inputs when the store, week and measure columns (and the stockout days and
 * in-stock rate columns, when mapped) keep distinct cells, else undefined (rows only). Each
 * distinct cell is read as the row path reads it: the store with ID, the week parsed and placed
 * on the calendar when of the sales weeks' family, the measure with its column type.
 */
function typedStock(
  table: RawTable,
  cols: ColumnMap,
  measure: Measure,
  parser: WeekParser,
  periodOf: (day: number) => number,
  family: "date" | "week-number",
  weeks: number,
  totals: ReadonlySet<number>,
  stores: IdRegistry,
  rows: Pick<TypedStock, "rowStore" | "rowWeek" | "rowOut" | "rowDays" | "rowRate">,
): TypedStock | undefined {
  const storeCells = distinctCellsAt(table, cols.store);
  const weekCells = distinctCellsAt(table, cols.week);
  const measureCells = distinctCellsAt(table, cols[MEASURE_KEYS[measure]]);
  const daysCells = distinctCellsAt(table, cols.stockoutDays);
  const rateCells = distinctCellsAt(table, cols.inStockRate);
  if (storeCells === undefined || weekCells === undefined || measureCells === undefined)
    return undefined;
  if (
    (cols.stockoutDays >= 0 && daysCells === undefined) ||
    (cols.inStockRate >= 0 && rateCells === undefined)
  )
    return undefined;
  const num = newNumberParse();
  const storeCount = storeCells.values.length;
  const store = {
    code: storeCells.code,
    ok: new Uint8Array(storeCount),
    id: new Array<string>(storeCount).fill(""),
    index: new Int32Array(storeCount).fill(-1),
  };
  for (let c = 0; c < storeCount; c++) {
    const v = ID(storeCells.values[c], num);
    if (v !== BLANK && v !== INVALID) {
      store.ok[c] = 1;
      store.id[c] = v;
    }
  }
  const weekCount = weekCells.values.length;
  const week = {
    code: weekCells.code,
    ok: new Uint8Array(weekCount),
    period: new Float64Array(weekCount).fill(-1),
  };
  for (let c = 0; c < weekCount; c++) {
    const k = parser.parse(weekCells.values[c]);
    if (k === WeekKind.Blank || k === WeekKind.Invalid) continue;
    if ((k === WeekKind.WeekNumber) !== (family === "week-number")) continue;
    week.ok[c] = 1;
    week.period[c] = periodOf(parser.out.day);
  }
  const measureType = MEASURE_TYPES[measure];
  const measureCount = measureCells.values.length;
  const measures = {
    code: measureCells.code,
    ok: new Uint8Array(measureCount),
    out: new Uint8Array(measureCount),
  };
  for (let c = 0; c < measureCount; c++) {
    const v = measureType(measureCells.values[c], num);
    if (v === BLANK || v === INVALID) continue;
    measures.ok[c] = 1;
    measures.out[c] = isOut(measure, v) ? 1 : 0;
  }
  /** rr.quiet's value per code, NaN for null. */
  const quiet = (cells: typeof daysCells, type: CellType<number>) => {
    if (cells === undefined) return null;
    const value = new Float64Array(cells.values.length);
    for (let c = 0; c < value.length; c++) {
      const v = type(cells.values[c], num);
      value[c] = v === BLANK || v === INVALID ? NaN : v;
    }
    return { code: cells.code, value };
  };
  return {
    blank: blankRowsOf(table),
    totals,
    store,
    week,
    measure: measures,
    days: quiet(daysCells, NUMBER),
    rate: quiet(rateCells, RATE),
    weeks,
    stores,
    ...rows,
  };
}

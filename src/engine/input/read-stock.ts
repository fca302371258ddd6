/**
 * The stock table -> stock per store-week on the sales calendar. Each row is one SKU (or one
 * store-level measure) for a store and a week; dates map to the calendar week containing them.
 * The measure that decides "out of stock" is the first present of: on-hand units (out when <= 0),
 * in-stock flag (out when false), stockout days (out when > 0), in-stock rate (out when < 1).
 * Stockout days and in-stock rate are aggregated whenever their columns exist.
 * Rows outside the sales calendar are ignored with one info issue.
 */
import type { RawTable } from "./raw-table";
import { cellText } from "./cell-text";
import { coerceBoolean } from "./coerce-boolean";
import { coerceId, isBlankRow } from "./coerce-id";
import { coerceNumber, coerceRate, newNumberParse, NumStatus } from "./coerce-number";
import { WeekKind, WeekParser } from "./coerce-week";
import type { Stock } from "./dataset";
import type { ColumnMap } from "./header-map";
import type { IdRegistry } from "./id-registry";
import type { IssueCollector } from "./issue-collector";
import { emptyRowStats, type RowStats } from "./row-stats";
import { weekIndexOf } from "./week-calendar";

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
  calendarStart: number,
  weeks: number,
  family: "date" | "week-number",
  issues: IssueCollector,
): { build: (storeCount: number) => Stock; stats: RowStats } {
  const rows = table.rows;
  const n = rows.length;
  const stats = emptyRowStats(n);
  const sheet = table.name;
  const hdr = (j: number) => table.header[j];
  const rowNo = (i: number) => table.headerRow + 1 + i;
  const measure =
    cols.onHand >= 0
      ? "on_hand"
      : cols.inStockFlag >= 0
        ? "in_stock_flag"
        : cols.stockoutDays >= 0
          ? "stockout_days"
          : "in_stock_rate";
  const mc =
    measure === "on_hand"
      ? cols.onHand
      : measure === "in_stock_flag"
        ? cols.inStockFlag
        : measure === "stockout_days"
          ? cols.stockoutDays
          : cols.inStockRate;
  const parser = new WeekParser();
  const num = newNumberParse();
  const rowStore = new Int32Array(n);
  const rowWeek = new Int32Array(n).fill(-1);
  const rowOut = new Uint8Array(n);
  const rowDays = new Float64Array(n);
  const rowRate = new Float64Array(n).fill(NaN);
  let outside = 0;
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (isBlankRow(row)) {
      stats.blank++;
      continue;
    }
    let bad = false;
    const sCell = row[cols.store] ?? null;
    const sid = coerceId(sCell);
    if (typeof sid !== "string") {
      bad = true;
      issues.add(
        "error",
        sid === null ? "missing-value" : "bad-id",
        sheet,
        rowNo(i),
        hdr(cols.store),
        `${hdr(cols.store)} is ${cellText(sCell)}; expected a store id. Row skipped.`,
      );
    }
    const wCell = row[cols.week] ?? null;
    const k = parser.parse(wCell);
    let w = -1;
    if (k === WeekKind.Blank || k === WeekKind.Invalid) {
      bad = true;
      issues.add(
        "error",
        k === WeekKind.Blank ? "missing-value" : "bad-date",
        sheet,
        rowNo(i),
        hdr(cols.week),
        `${hdr(cols.week)} is ${k === WeekKind.Blank ? "blank" : parser.out.reason}; expected a week like the sales table's. Row skipped.`,
      );
    } else if ((k === WeekKind.WeekNumber) !== (family === "week-number")) {
      bad = true;
      issues.add(
        "error",
        "mixed-week-format",
        sheet,
        rowNo(i),
        hdr(cols.week),
        `${hdr(cols.week)} is ${cellText(wCell)}, but the sales weeks are ${family === "week-number" ? "week numbers" : "dates"}. Row skipped.`,
      );
    } else {
      w = weekIndexOf(parser.out.day, calendarStart);
    }
    // out-of-stock measure
    let out = 0;
    const mCell = row[mc] ?? null;
    if (measure === "in_stock_flag") {
      const b = coerceBoolean(mCell);
      if (b < 0) bad = true;
      else out = b === 0 ? 1 : 0;
    } else {
      const st = measure === "in_stock_rate" ? coerceRate(mCell, num) : coerceNumber(mCell, num);
      if (st !== NumStatus.Ok) bad = true;
      else if (measure === "on_hand") out = num.value <= 0 ? 1 : 0;
      else if (measure === "stockout_days") out = num.value > 0 ? 1 : 0;
      else out = num.value < 1 ? 1 : 0;
    }
    if (
      bad &&
      (measure === "in_stock_flag" ? coerceBoolean(mCell) < 0 : num.status !== NumStatus.Ok)
    ) {
      issues.add(
        "error",
        mCell === null || (typeof mCell === "string" && mCell.trim() === "")
          ? "missing-value"
          : "not-a-number",
        sheet,
        rowNo(i),
        hdr(mc),
        `${hdr(mc)} is ${cellText(mCell)}; expected ${measure === "in_stock_flag" ? "True/False" : "a number"}. Row skipped.`,
      );
    }
    if (bad) {
      stats.skipped++;
      continue;
    }
    if (w < 0 || w >= weeks) {
      outside++;
      continue;
    }
    if (cols.stockoutDays >= 0) {
      const st = coerceNumber(row[cols.stockoutDays] ?? null, num);
      rowDays[i] = st === NumStatus.Ok ? num.value : NaN;
    }
    if (cols.inStockRate >= 0) {
      const st = coerceRate(row[cols.inStockRate] ?? null, num);
      rowRate[i] = st === NumStatus.Ok ? num.value : NaN;
    }
    rowStore[i] = stores.intern(sid as string);
    rowWeek[i] = w;
    rowOut[i] = out;
    stats.accepted++;
  }
  if (outside > 0) {
    issues.add(
      "info",
      "stock-outside-calendar",
      sheet,
      null,
      hdr(cols.week),
      `${outside} stock rows fall outside the sales weeks and were ignored.`,
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

/**
 * What a worksheet cell can hold once read, and the helpers both worksheet readers share
 * (sheet-scan.ts, the byte reader the package reader uses, and sheet-reader.ts, its reference):
 * the uncalculated-formula marker, the cell-level error, Excel serial dates, column letters and
 * cell text decoding.
 */
import type { CellValue } from "../../engine/input/raw-table";
import type { InputErrorCode } from "../../engine/errors";
import type { XlsxLimits } from "./limits";
import { decodeEntities, decodeOoxmlEscapes } from "./xml-scan";

/** A formula cell without a cached value (the file was saved by a program that does not calculate). */
export const UNCALCULATED: unique symbol = Symbol("uncalculated formula");
export type SheetCell = CellValue | typeof UNCALCULATED;

/** A problem at one cell or row; the caller adds file and sheet to the message. */
export class SheetDataError extends Error {
  constructor(
    readonly code: InputErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** What a worksheet reader needs from the rest of the package. */
export interface SheetContext {
  sharedStrings: readonly string[];
  /** Per cell-format index (the `s` attribute): true when its number format shows a date. */
  dateStyles: readonly boolean[];
  /** Per cell-format index: the ISO code of the currency its number format names, or null. */
  currencyStyles?: readonly (string | null)[];
  date1904: boolean;
  limits: XlsxLimits;
  /** Cells kept so far over all sheets (shared so the limit covers the workbook). */
  cellCount: { n: number };
}

const fmt = (n: number): string => n.toLocaleString("en-US");

/**
 * The sheet row a `<row>` starts: `n`, its `r` attribute's value (`written()` gives the text for
 * the message), or with no `r` (null) the row after `previous`. Throws when it is not a whole
 * number from 1 or lies beyond Excel's last row.
 */
export function rowNumber(
  n: number | null,
  written: () => string,
  previous: number,
  maxRows: number,
): number {
  if (n === null) {
    if (previous + 1 > maxRows)
      throw new SheetDataError(
        "too-many-rows",
        `the sheet has more than Excel's ${fmt(maxRows)} rows`,
      );
    return previous + 1;
  }
  if (!Number.isInteger(n) || n < 1)
    throw new SheetDataError(
      "bad-row",
      `a row is numbered "${written()}", not a whole number from 1`,
    );
  if (n > maxRows)
    throw new SheetDataError(
      "too-many-rows",
      `row ${fmt(n)} lies beyond Excel's last row ${fmt(maxRows)}`,
    );
  return n;
}

/** Refuses a cell beyond Excel's last column (XFD), naming its row and column. */
export function checkColumn(col: number, row: number, maxColumns: number): void {
  if (col > maxColumns)
    throw new SheetDataError(
      "too-many-columns",
      `row ${fmt(row)} has a cell in column ${columnName(col)}, beyond Excel's last column XFD`,
    );
}

const MS_PER_DAY = 86_400_000;

/** An Excel serial day number as a Date (UTC), in the 1900 or 1904 date system. */
export function excelSerialToDate(serial: number, date1904: boolean): Date {
  // 25569 = serial of 1970-01-01 in the 1900 system; 1904 dates are 1462 days later. Excel counts
  // a 29 February 1900 that never was, so serials before 60 are one day later than the formula.
  let days = serial - 25569 + (date1904 ? 1462 : 0);
  if (!date1904 && serial < 60) days += 1;
  return new Date(Math.round(days * MS_PER_DAY));
}

/** 1 -> "A", 28 -> "AB", 16384 -> "XFD". */
export function columnName(col: number): string {
  let s = "";
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26))
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** Cell text: XML line ends normalised (CR LF and CR -> LF), entities and _xHHHH_ decoded. */
export function cellText(raw: string): string {
  const lf = raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw;
  return decodeOoxmlEscapes(lf.includes("&") ? decodeEntities(lf) : lf);
}

/** The row of a cell reference as written ("B12" -> 12; NaN or 0 when it has none). */
export function refRow(ref: string): number {
  let i = 0;
  while (i < ref.length && ref.charCodeAt(i) > 57) i++;
  return i < ref.length ? parseInt(ref.slice(i).replace("$", ""), 10) : 0;
}

/** A header cell as text: trimmed, dates as yyyy-mm-dd, empty cells "". */
export function headerText(v: CellValue): string {
  if (v === null) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

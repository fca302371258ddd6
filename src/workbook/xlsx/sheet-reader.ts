/**
 * One worksheet's cells, streamed through XmlScanner into sparse rows. Values follow Excel's
 * rules: shared, inline and formula strings as text (rich text runs joined, phonetic runs left
 * out), booleans, error cells as their text ("#N/A"), numbers, and dates for numbers whose cell
 * format is a date format (1900 or 1904 system). A formula cell gives its cached value; one with
 * no cached value becomes UNCALCULATED, which the caller reports when it lies inside a table.
 */
import {
  cellText,
  checkColumn,
  columnName,
  excelSerialToDate,
  refRow,
  rowNumber,
  SheetDataError,
  UNCALCULATED,
  type SheetCell,
  type SheetContext,
} from "./sheet-cell";
import { attribute, attributeAt, attributeEnd, type XmlScanHandler } from "./xml-scan";

/** Cells of a row with few gaps: index = column - 1 (null where empty). */
export type DenseRow = SheetCell[];
/** Cells of a row with wide gaps (e.g. one cell at XFD): 1-based columns and their values. */
export interface SparseRow {
  cols: number[];
  vals: SheetCell[];
}
export type SheetRow = DenseRow | SparseRow;

/** Call `f(column, value)` for every kept cell of a row. */
export function eachCell(row: SheetRow, f: (col: number, v: SheetCell) => void): void {
  if (Array.isArray(row)) {
    for (let i = 0; i < row.length; i++) if (row[i] !== null) f(i + 1, row[i]);
  } else {
    for (let i = 0; i < row.cols.length; i++) f(row.cols[i], row.vals[i]);
  }
}

/** The column of the cell reference at src[at] ("XFD4" -> 16384); 0 when it has no letters. */
function refColumn(src: string, at: number): number {
  let col = 0;
  for (let i = at; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else if (c === 36 /* $ */) continue;
    else break;
    if (col > 1e7) break;
  }
  return col;
}

/** The `t` attribute value as a constant string ("" when absent). */
function cellType(src: string, at: number): string {
  if (at < 0) return "";
  const c = src.charCodeAt(at);
  const end = attributeEnd(src, at);
  if (end - at === 1) {
    if (c === 115) return "s";
    if (c === 110) return "n";
    if (c === 98) return "b";
    if (c === 101) return "e";
    if (c === 100) return "d";
  }
  if (end - at === 3 && c === 115) return "str";
  return src.slice(at, end);
}

const fmt = (n: number): string => n.toLocaleString("en-US");

/** Text kept in a cell: a private copy, so it does not pin the whole decoded chunk in memory. */
function own(s: string): string {
  return s.length >= 13 ? (" " + s).slice(1) : s;
}

export class SheetReader implements XmlScanHandler {
  readonly rows: (SheetRow | undefined)[] = [];
  lastRow = 0;
  /** Column -> currencies named by the number formats of its number cells, first row of each. */
  readonly currencies = new Map<number, { code: string; row: number }[]>();

  private inRow = false;
  private readonly cols: number[] = [];
  private readonly vals: SheetCell[] = [];
  private rowNum = 0;
  private rowHadRef = false;
  private prevCol = 0;
  private inCell = false;
  private col = 0;
  private type = "";
  private style = 0;
  private hasFormula = false;
  private hasValue = false;
  private value = "";
  private inline: string | null = null;
  private collect: 0 | 1 | 2 = 0; // 0 nothing, 1 <v>, 2 <t> of an inline string
  private inPhonetic = false;
  private inSheetData = false;

  constructor(private readonly ctx: SheetContext) {}

  open(name: string, src: string, a: number, b: number, selfClosing: boolean): void {
    switch (name) {
      case "c":
        if (!this.inRow) return;
        this.startCell(src, a, b);
        if (selfClosing) this.inCell = false; // empty cell: nothing to keep
        return;
      case "v":
        if (!this.inCell) return;
        this.hasValue = true;
        this.value = "";
        if (!selfClosing) this.collect = 1;
        return;
      case "f":
        if (this.inCell) this.hasFormula = true;
        return;
      case "is":
        if (this.inCell) this.inline = "";
        return;
      case "t":
        if (this.inCell && this.inline !== null && !this.inPhonetic && !selfClosing)
          this.collect = 2;
        return;
      case "rPh":
        if (!selfClosing) this.inPhonetic = true;
        return;
      case "row":
        if (this.inSheetData) this.startRow(src, a, b);
        if (selfClosing) this.endRow();
        return;
      case "sheetData":
        if (!selfClosing) this.inSheetData = true;
        return;
      default:
        return;
    }
  }

  text(raw: string): void {
    if (this.collect === 1) this.value += raw;
    else if (this.collect === 2) this.inline += raw;
  }

  close(name: string): void {
    switch (name) {
      case "v":
      case "t":
        this.collect = 0;
        return;
      case "c":
        if (this.inCell) this.endCell();
        return;
      case "rPh":
        this.inPhonetic = false;
        return;
      case "row":
        this.endRow();
        return;
      case "sheetData":
        this.inSheetData = false;
        return;
      default:
        return;
    }
  }

  private startRow(src: string, a: number, b: number): void {
    const r = attribute(src, a, b, "r");
    this.rowNum = rowNumber(
      r === null ? null : Number(r),
      () => r ?? "",
      this.rowNum,
      this.ctx.limits.maxRows,
    );
    this.rowHadRef = r !== null;
    this.inRow = true;
    this.cols.length = 0;
    this.vals.length = 0;
    this.prevCol = 0;
  }

  private endRow(): void {
    if (!this.inRow) return;
    this.inRow = false;
    const n = this.cols.length;
    if (n === 0) return;
    const cols = this.cols;
    const vals = this.vals;
    let maxCol = 0;
    let ascending = true;
    for (let i = 0; i < n; i++) {
      if (cols[i] <= maxCol) ascending = false;
      else maxCol = cols[i];
    }
    const existing = this.rows[this.rowNum];
    let row: SheetRow;
    if (existing === undefined && ascending && maxCol <= 2 * n + 64) {
      const dense = new Array<SheetCell>(maxCol).fill(null);
      for (let i = 0; i < n; i++) dense[cols[i] - 1] = vals[i];
      row = dense;
    } else {
      // Wide gaps, cells out of order or a row written twice: keep (column, value) pairs.
      const sparse: SparseRow = { cols: [], vals: [] };
      if (existing !== undefined)
        eachCell(existing, (c, v) => (sparse.cols.push(c), sparse.vals.push(v)));
      for (let i = 0; i < n; i++) {
        sparse.cols.push(cols[i]);
        sparse.vals.push(vals[i]);
      }
      row = sparse;
    }
    this.rows[this.rowNum] = row;
    if (this.rowNum > this.lastRow) this.lastRow = this.rowNum;
  }

  private startCell(src: string, a: number, b: number): void {
    const at = attributeAt(src, a, b, "r");
    let col: number;
    if (at >= 0) {
      col = refColumn(src, at);
      if (col === 0) {
        const ref = src.slice(at, attributeEnd(src, at));
        throw new SheetDataError("bad-cell", `a cell reference "${ref}" has no column`);
      }
      if (!this.rowHadRef && this.cols.length === 0) {
        const r = refRow(src.slice(at, attributeEnd(src, at)));
        if (r >= 1 && r <= this.ctx.limits.maxRows) this.rowNum = r;
      }
    } else {
      col = this.prevCol + 1;
    }
    checkColumn(col, this.rowNum, this.ctx.limits.maxColumns);
    this.prevCol = col;
    this.col = col;
    this.type = cellType(src, attributeAt(src, a, b, "t"));
    const sAt = attributeAt(src, a, b, "s");
    let style = 0;
    if (sAt >= 0) {
      for (let k = sAt; ; k++) {
        const d = src.charCodeAt(k) - 48;
        if (d < 0 || d > 9) break;
        style = style * 10 + d;
      }
    }
    this.style = style;
    this.hasFormula = false;
    this.hasValue = false;
    this.value = "";
    this.inline = null;
    this.inCell = true;
  }

  private endCell(): void {
    this.inCell = false;
    this.collect = 0;
    const v = this.cellValue();
    if (v === null) return;
    if (++this.ctx.cellCount.n > this.ctx.limits.maxCells)
      throw new SheetDataError(
        "too-many-cells",
        `the workbook has more than ${fmt(this.ctx.limits.maxCells)} non-empty cells`,
      );
    this.cols.push(this.col);
    this.vals.push(v);
  }

  private noteCurrency(code: string): void {
    let seen = this.currencies.get(this.col);
    if (seen === undefined) this.currencies.set(this.col, (seen = []));
    if (!seen.some((c) => c.code === code)) seen.push({ code, row: this.rowNum });
  }

  private cellValue(): SheetCell {
    const t = this.type;
    if (t === "inlineStr" && this.inline !== null) return own(cellText(this.inline));
    if (!this.hasValue) return this.hasFormula ? UNCALCULATED : null;
    const raw = this.value;
    switch (t) {
      case "s": {
        const index = Number(raw);
        const s = this.ctx.sharedStrings[index];
        if (s === undefined)
          throw new SheetDataError(
            "bad-shared-string",
            `cell ${columnName(this.col)}${this.rowNum} points at shared string ${raw.trim()}, which does not exist`,
          );
        return s;
      }
      case "str":
      case "inlineStr":
        return own(cellText(raw));
      case "e":
        return cellText(raw).trim();
      case "b": {
        const b = raw.trim();
        return b === "1" || b === "true";
      }
      case "d": {
        const ms = Date.parse(raw.trim());
        return Number.isNaN(ms) ? own(cellText(raw)) : new Date(ms);
      }
      default: {
        if (raw.trim() === "") return null;
        const n = parseFloat(raw);
        if (Number.isNaN(n)) return null;
        if (this.ctx.dateStyles[this.style] === true)
          return excelSerialToDate(n, this.ctx.date1904);
        const code = this.ctx.currencyStyles?.[this.style];
        if (code != null) this.noteCurrency(code);
        return n;
      }
    }
  }
}

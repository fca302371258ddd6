/**
 * Per-column-type cell readers shared by the input readers (read-*.ts). A column type turns a cell
 * into a typed value, BLANK or INVALID; a RowReader walks one table's rows and, for a mapped
 * column, reads the cell with its type, reports a problem through the IssueCollector (sheet, row
 * and the column's header) and marks the row bad when the value was required. Each reader then
 * only declares its columns, their wording and the row logic that is its own.
 */
import type { CellValue, DistinctCells, RawTable, TableCells } from "./raw-table";
import { cellText } from "./cell-text";
import { BOOL_BLANK, coerceBoolean } from "./coerce-boolean";
import { coerceDate } from "./coerce-date";
import { coerceId, isBlankRow } from "./coerce-id";
import { distinctCellsAt, rowCount } from "./table-cells";
import {
  coerceMoney,
  coerceNumber,
  coerceRate,
  newNumberParse,
  type NumberParse,
  NumStatus,
} from "./coerce-number";
import type { ColumnMap } from "./header-map";
import type { IssueCollector } from "./issue-collector";
import type { IssueSeverity } from "../issue";

/** A blank cell (null or only whitespace). */
export const BLANK: unique symbol = Symbol("blank");
/** A cell that is not a value of the column's type. */
export const INVALID: unique symbol = Symbol("invalid");
/** A required value was blank or invalid: the issue is reported and the row marked bad. */
export const BAD: unique symbol = Symbol("bad");

/** A column type: cell -> typed value, BLANK or INVALID (`num` is scratch space for numbers). */
export type CellType<T> = (cell: CellValue, num: NumberParse) => T | typeof BLANK | typeof INVALID;

const ofStatus = (st: NumStatus, value: number): number | typeof BLANK | typeof INVALID =>
  st === NumStatus.Ok ? value : st === NumStatus.Blank ? BLANK : INVALID;

/** Canonical id text (coerce-id.ts). */
export const ID: CellType<string> = (cell) => {
  const id = coerceId(cell);
  return id === null ? BLANK : id === undefined ? INVALID : id;
};
/** An amount of money in integer cents (`num.subCent` tells whether it was rounded). */
export const MONEY_CENTS: CellType<number> = (cell, num) =>
  ofStatus(coerceMoney(cell, num), num.cents);
/** An amount of money >= 0, in dollars (rounded to cents). */
export const MONEY_NON_NEGATIVE: CellType<number> = (cell, num) => {
  const st = coerceMoney(cell, num);
  return st === NumStatus.Ok && num.value < 0 ? INVALID : ofStatus(st, num.cents / 100);
};
/** A number (percent text divided by 100). */
export const NUMBER: CellType<number> = (cell, num) => ofStatus(coerceNumber(cell, num), num.value);
/**
 * The lower bound of a band of numbers written as text: "45-54" (also with an en dash or "to")
 * -> 45, "65+" -> 65, "5+" -> 5; null for anything else, or when the upper end is below the lower.
 */
export function bandLowerBound(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:\+|(?:-|\u2013|\u2014|to)\s*(\d+(?:\.\d+)?))\s*$/i.exec(text);
  if (m === null) return null;
  const lo = Number(m[1]);
  return m[2] !== undefined && Number(m[2]) < lo ? null : lo;
}

/**
 * A number, or a band taken as an ordered category (age "45-54", household size "5+"): the value
 * is the band's lower bound, which is what numeric rules compare and what orders the bands; the
 * band's label is kept by the reader (read-customers.ts).
 */
export const NUMBER_OR_BAND: CellType<number> = (cell, num) => {
  const st = coerceNumber(cell, num);
  if (st !== NumStatus.Invalid) return ofStatus(st, num.value);
  const lo = typeof cell === "string" ? bandLowerBound(cell) : null;
  return lo === null ? INVALID : lo;
};

/** The label of a band ("45-54", trimmed) when the cell is one; BLANK for anything else. */
export const BAND_LABEL: CellType<string> = (cell) =>
  typeof cell === "string" && bandLowerBound(cell) !== null ? cell.trim() : BLANK;

/** A number >= 0. */
export const NUMBER_NON_NEGATIVE: CellType<number> = (cell, num) => {
  const st = coerceNumber(cell, num);
  return st === NumStatus.Ok && num.value < 0 ? INVALID : ofStatus(st, num.value);
};
/** A rate 0..1 (coerce-number.ts coerceRate). */
export const RATE: CellType<number> = (cell, num) => ofStatus(coerceRate(cell, num), num.value);
/** A boolean as 1 / 0. */
export const BOOLEAN: CellType<number> = (cell) => {
  const b = coerceBoolean(cell);
  return b >= 0 ? b : b === BOOL_BLANK ? BLANK : INVALID;
};
/** A calendar date as days since 1970-01-01 (coerce-date.ts). */
export const DATE: CellType<number> = (cell) => {
  const day = coerceDate(cell);
  return day === null ? BLANK : day === undefined ? INVALID : day;
};
/** Free text, trimmed (any cell written as text). */
export const TEXT: CellType<string> = (cell) => {
  const s = cell === null ? "" : String(cell).trim();
  return s === "" ? BLANK : s;
};
/** A category value: text trimmed, numbers as written, dates as YYYY-MM-DD. */
export const CATEGORY: CellType<string> = (cell) => {
  const s =
    cell === null
      ? ""
      : cell instanceof Date
        ? cell.toISOString().slice(0, 10)
        : String(cell).trim();
  return s === "" ? BLANK : s;
};
/** A label: text trimmed or a number as written; other cells (true/false, dates) are blank. */
export const LABEL: CellType<string> = (cell) => {
  const s = typeof cell === "string" ? cell.trim() : typeof cell === "number" ? String(cell) : "";
  return s === "" ? BLANK : s;
};

/** The wording of a problem: from the column's header and the cell as short text (cell-text.ts). */
export type Wording = (header: string, text: string) => string;

/** "<header> is <cell>; expected <what>. <then>" */
export const expected =
  (what: string, then: string): Wording =>
  (header, text) =>
    `${header} is ${text}; expected ${what}. ${then}`;

/** What a required column reports: codes for a blank and an invalid cell, and the wording. */
export interface Required {
  /** Code for a blank cell; "missing-value" unless given. */
  blank?: string;
  invalid: string;
  say: Wording;
}

/** A required value that reports one code whether blank or invalid, worded from the cell text. */
export const missing = (code: string, say: (text: string) => string): Required => ({
  blank: code,
  invalid: code,
  say: (_, text) => say(text),
});

/** What an optional column reports for an invalid cell (a blank one is silently unknown). */
export interface Optional {
  code: string;
  say: Wording;
  severity?: IssueSeverity;
}

/**
 * The column types whose value depends on the cell alone (the number types only use `num` as
 * scratch, read by no caller of a distinct-cell reader): read once per distinct cell.
 */
const PER_CELL: ReadonlySet<CellType<unknown>> = new Set<CellType<unknown>>([
  ID,
  NUMBER,
  NUMBER_OR_BAND,
  BAND_LABEL,
  NUMBER_NON_NEGATIVE,
  RATE,
  BOOLEAN,
  DATE,
  TEXT,
  CATEGORY,
  LABEL,
]);

/** A column's distinct cells and the values of the column types already read from them. */
interface DistinctColumn {
  cells: DistinctCells;
  typed: Map<CellType<unknown>, unknown[]>;
  /** The type last read from the column and its values (null: not a PER_CELL type). */
  lastType: CellType<unknown> | null;
  lastValues: unknown[] | null;
}

/**
 * Walks the rows of one table mapped by `cols`, reading cells by column key. The `distinct` keys
 * (columns that repeat a few values, such as a customer's region or a stock row's week) of a
 * column-wise table are read through their distinct cells: each distinct cell's text is made once
 * and read with a column type once (PER_CELL types); every row gets what its own cell would give.
 * Not for an id column that is unique per row, nor the sales table (it reads its own distinct
 * columns).
 */
export class RowReader {
  /** Scratch space of the number types (read `num.subCent` after a money cell). */
  readonly num = newNumberParse();
  row: readonly CellValue[] = [];
  /** 0-based data row index and 1-based sheet row of the current row. */
  index = -1;
  sheetRow = 0;
  /** Whether a required value of the current row was blank or invalid. */
  bad = false;
  /** Number of data rows. */
  readonly rowCount: number;
  /** The table's column-wise cells (RawTable.cells), read in place of `row` when present. */
  private readonly cells: TableCells | undefined;
  private readonly centsColumns = new Map<number, Float64Array>();
  /** Per column, its distinct cells (the `distinct` keys of column-wise tables only). */
  private readonly distinctColumns: (DistinctColumn | undefined)[] | undefined;
  /** Whether column j is read through its distinct cells. */
  private readonly isDistinct: boolean[] = [];

  constructor(
    readonly table: RawTable,
    readonly cols: ColumnMap,
    readonly issues: IssueCollector,
    distinct: readonly string[] = [],
  ) {
    this.cells = table.cells;
    this.rowCount = rowCount(table);
    const kept = distinct.length > 0 && this.cells?.distinctCells !== undefined;
    this.distinctColumns = kept ? [] : undefined;
    if (kept) for (const key of distinct) if (cols[key] >= 0) this.isDistinct[cols[key]] = true;
  }

  /** Column j's distinct cells, made at its first read (`distinct` keys only). */
  private distinctColumn(j: number): DistinctColumn | undefined {
    const columns = this.distinctColumns;
    if (columns === undefined || this.isDistinct[j] !== true) return undefined;
    let column = columns[j];
    if (column === undefined) {
      const cells = distinctCellsAt(this.table, j);
      if (cells === undefined) return undefined;
      column = { cells, typed: new Map(), lastType: null, lastValues: null };
      columns[j] = column;
    }
    return column;
  }

  /** The current row's `key` cell read with `type`: once per distinct cell where it can be. */
  private typed<T>(key: string, type: CellType<T>): T | typeof BLANK | typeof INVALID {
    const j = this.cols[key];
    const column =
      j >= 0 && this.distinctColumns !== undefined ? this.distinctColumn(j) : undefined;
    if (column === undefined) return type(this.cell(key), this.num);
    // A column is mostly read with one type: its values are kept at hand (no set or map lookup).
    let values: unknown[] | null;
    if (column.lastType === type) values = column.lastValues;
    else {
      values = null;
      if (PER_CELL.has(type as CellType<unknown>)) {
        values = column.typed.get(type as CellType<unknown>) ?? null;
        if (values === null) {
          values = new Array<unknown>(column.cells.values.length);
          column.typed.set(type as CellType<unknown>, values);
        }
      }
      column.lastType = type as CellType<unknown>;
      column.lastValues = values;
    }
    if (values === null) return type(this.cell(key), this.num);
    const c = column.cells.code[this.index];
    let v = values[c] as T | typeof BLANK | typeof INVALID | undefined;
    if (v === undefined) {
      v = type(column.cells.values[c], this.num);
      values[c] = v;
    }
    return v;
  }

  /** The plain cents of column j (TableCells.plainCentsColumn), kept for the rows that follow. */
  private centsColumn(j: number): Float64Array | undefined {
    let column = this.centsColumns.get(j);
    if (column === undefined && j >= 0 && this.cells?.plainCentsColumn !== undefined) {
      column = this.cells.plainCentsColumn(j);
      this.centsColumns.set(j, column);
    }
    return column;
  }

  /** Moves to data row `i`; false when the row is entirely blank. */
  at(i: number): boolean {
    this.index = i;
    this.sheetRow = this.table.headerRow + 1 + i;
    this.bad = false;
    if (this.cells !== undefined) return !this.cells.isBlankRow(i);
    this.row = this.table.rows[i];
    return !isBlankRow(this.row);
  }

  has(key: string): boolean {
    return this.cols[key] >= 0;
  }

  header(key: string): string {
    return this.table.header[this.cols[key]] ?? key;
  }

  cell(key: string): CellValue {
    const j = this.cols[key];
    if (!(j >= 0)) return null;
    if (this.distinctColumns !== undefined) {
      const column = this.distinctColumn(j);
      if (column !== undefined) return column.cells.values[column.cells.code[this.index]];
    }
    return this.cells !== undefined ? this.cells.cell(this.index, j) : (this.row[j] ?? null);
  }

  /** An issue at the current row, in the column `key` (none when null). */
  report(severity: IssueSeverity, code: string, key: string | null, message: string): void {
    this.issues.add(
      severity,
      code,
      this.table.name,
      this.sheetRow,
      key === null ? null : this.header(key),
      message,
    );
  }

  /** An error that skips the current row. */
  fail(code: string, key: string, message: string): void {
    this.bad = true;
    this.report("error", code, key, message);
  }

  /** A value the row cannot go without: blank or invalid -> error issue, row marked bad, BAD. */
  required<T>(key: string, type: CellType<T>, problem: Required): T | typeof BAD {
    if ((type as CellType<unknown>) === MONEY_CENTS && this.cells !== undefined) {
      // Plain money text read from the characters (exactly coerceMoney's cents); else below.
      const j = this.cols[key];
      const column = this.cells.plainCentsColumn !== undefined ? this.centsColumn(j) : undefined;
      const cents =
        column !== undefined ? column[this.index] : this.cells.plainCents(this.index, j);
      if (!Number.isNaN(cents)) {
        const num = this.num;
        num.status = NumStatus.Ok;
        num.cents = cents;
        num.value = cents / 100;
        num.subCent = false;
        num.percent = false;
        return cents as T;
      }
    }
    const v = this.typed(key, type);
    if (v !== BLANK && v !== INVALID) return v;
    const cell = this.cell(key);
    const code = v === BLANK ? (problem.blank ?? "missing-value") : problem.invalid;
    this.fail(code, key, problem.say(this.header(key), cellText(cell)));
    return BAD;
  }

  /** A value that may be unknown: absent column or blank -> null; invalid -> issue (a warning unless given), null. */
  optional<T>(key: string, type: CellType<T>, problem: Optional): T | null {
    if (!this.has(key)) return null;
    const v = this.typed(key, type);
    if (v === BLANK) return null;
    if (v !== INVALID) return v;
    this.report(
      problem.severity ?? "warning",
      problem.code,
      key,
      problem.say(this.header(key), cellText(this.cell(key))),
    );
    return null;
  }

  /** A value read without any issue: null when the column is absent, blank or invalid. */
  quiet<T>(key: string, type: CellType<T>): T | null {
    if (!this.has(key)) return null;
    const v = this.typed(key, type);
    return v === BLANK || v === INVALID ? null : v;
  }
}

/**
 * The currencies a range's number formats name, per column (RawTable.columnCurrencies), for
 * readers that get each cell's value and number format as two grids (Office.js `Range.values` and
 * `Range.numberFormat`). The rule is the .xlsx reader's (xlsx/sheet-reader.ts): only number cells
 * count, date formats name no currency, and each currency is kept once per column with the first
 * sheet row that shows it. Pure: no Office.js.
 */
import { currencyOfNumberFormat } from "../engine/currency";
import type { SeenCurrency } from "../engine/input/raw-table";
import { isDateFormat } from "./xlsx/read-xlsx";

/** Collects the currencies of a table's data rows, block by block, in sheet order. */
export class ColumnCurrencies {
  private readonly seen: SeenCurrency[][];
  /** Format code -> the currency it names (null: none), so each distinct code is parsed once. */
  private readonly codes = new Map<string, string | null>();

  constructor(columns: number) {
    this.seen = Array.from({ length: Math.max(0, columns) }, () => []);
  }

  private currencyOf(format: string): string | null {
    let code = this.codes.get(format);
    if (code === undefined) {
      code = isDateFormat(format) ? null : currencyOfNumberFormat(format);
      this.codes.set(format, code);
    }
    return code;
  }

  /**
   * Notes rows of values and their number formats (the same range, row by row); the first row is
   * sheet row `firstRow` (1-based). Call in sheet order.
   */
  note(
    values: readonly (readonly unknown[])[],
    formats: readonly (readonly unknown[])[],
    firstRow: number,
  ): void {
    for (let r = 0; r < values.length; r++) {
      const row = values[r];
      const fmt = formats[r];
      if (fmt === undefined) continue;
      const n = Math.min(row.length, this.seen.length);
      for (let c = 0; c < n; c++) {
        const f = fmt[c];
        if (typeof row[c] !== "number" || typeof f !== "string" || f === "" || f === "General")
          continue;
        const code = this.currencyOf(f);
        if (code === null) continue;
        const col = this.seen[c];
        if (!col.some((x) => x.code === code)) col.push({ code, row: firstRow + r });
      }
    }
  }

  /** Per column the currencies seen, or undefined when no column names one. */
  result(): SeenCurrency[][] | undefined {
    return this.seen.some((c) => c.length > 0) ? this.seen.map((c) => c.slice()) : undefined;
  }
}

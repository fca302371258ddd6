/**
 * Writes input-style tables (sample data, fixtures, benchmarks) to an .xlsx file, one sheet per
 * table, streaming row by row: a million rows take seconds and little memory. Dates become real
 * Excel dates (`yyyy-mm-dd`), numbers numbers, text text (formula-looking text stays text, with the
 * `@` format). With `asExcelTables` each sheet's range is also an Excel table.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type ExcelJS from "exceljs";
import type { RawTable } from "../engine/input/raw-table";
import {
  DATE_FORMAT,
  TEXT_FORMAT,
  tableColumnNames,
  toXlsxValue,
  uniqueSheetName,
  uniqueTableName,
} from "./xlsx-cell";
import { createStreamingBook } from "./xlsx-stream-book";

/** Options for writeTablesXlsx. */
export interface WriteTablesXlsxOptions {
  /** Make each sheet's range a real Excel table (named after the table). Default false. */
  asExcelTables?: boolean;
}

type ColumnKind = "date" | "text" | "number" | "mixed";

/** What a column holds, judged on its first non-empty cells. */
function columnKind(table: RawTable, col: number): ColumnKind {
  let kind: ColumnKind | null = null;
  let seen = 0;
  for (let r = 0; r < table.rows.length && seen < 500; r++) {
    const v = table.rows[r][col];
    if (v === null || v === undefined || v === "") continue;
    seen++;
    const k: ColumnKind = v instanceof Date ? "date" : typeof v === "string" ? "text" : "number";
    if (kind === null) kind = k;
    else if (kind !== k) return "mixed";
  }
  return kind ?? "mixed";
}

const FORMAT_OF_KIND: Record<ColumnKind, string | undefined> = {
  date: DATE_FORMAT,
  text: TEXT_FORMAT,
  number: undefined,
  mixed: undefined,
};

/** Sheet name for a table: its name without a .csv/.txt extension. */
function sheetNameFor(table: RawTable): string {
  return table.name.replace(/\.(csv|txt|tsv)$/i, "");
}

/** Write `tables` to `file` (.xlsx), one sheet per table, header in row 1 (bold, frozen). */
export async function writeTablesXlsx(
  tables: RawTable[],
  file: string,
  options?: WriteTablesXlsxOptions,
): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const wb = createStreamingBook(file);
  const sheetNames = new Set<string>();
  const tableNames = new Set<string>();
  for (const table of tables) {
    const name = uniqueSheetName(sheetNameFor(table), sheetNames);
    const ws = wb.addWorksheet(name, {
      views: [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2", activeCell: "A2" }],
    });
    const width = table.rows.reduce((w, row) => Math.max(w, row.length), table.header.length);
    const kinds: ColumnKind[] = [];
    for (let c = 0; c < width; c++) kinds.push(columnKind(table, c));
    ws.columns = kinds.map((kind, c) => {
      const numFmt = FORMAT_OF_KIND[kind];
      const w = Math.min(
        40,
        Math.max(kind === "date" ? 12 : 10, (table.header[c] ?? "").length + 3),
      );
      return numFmt ? { width: w, style: { numFmt } } : { width: w };
    });

    const headers = tableColumnNames(
      Array.from({ length: width }, (_, c) => table.header[c] ?? ""),
    );
    const header = ws.addRow(
      options?.asExcelTables
        ? headers
        : headers.map((_, c) => toXlsxValue(table.header[c] ?? "").value),
    );
    header.eachCell((cell) => {
      cell.numFmt = TEXT_FORMAT;
      cell.font = { bold: true };
    });
    header.commit();

    for (const source of table.rows) {
      const values: ExcelJS.CellValue[] = new Array<ExcelJS.CellValue>(source.length);
      let overrides: [number, string][] | null = null;
      for (let c = 0; c < source.length; c++) {
        const { value, forceText } = toXlsxValue(source[c]);
        values[c] = value;
        const kind = kinds[c];
        if (forceText && kind !== "text") (overrides ??= []).push([c + 1, TEXT_FORMAT]);
        else if (value instanceof Date && kind !== "date")
          (overrides ??= []).push([c + 1, DATE_FORMAT]);
      }
      const row = ws.addRow(values);
      if (overrides) for (const [col, fmt] of overrides) row.getCell(col).numFmt = fmt;
      row.commit();
    }

    if (options?.asExcelTables && width > 0) {
      wb.addTable(ws, {
        name: uniqueTableName(sheetNameFor(table), tableNames),
        columns: headers,
        headerRow: 1,
        firstColumn: 1,
        dataRows: table.rows.length,
      });
    }
    ws.commit();
  }
  await wb.commit();
}

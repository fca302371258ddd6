/**
 * Writes a ResultBook to an .xlsx file (the CLI's `--out`): each sheet is laid out
 * (sheet-layout.ts) and written by RGO's own streaming SpreadsheetML writer (xlsx-writer/), with
 * its tables, styles, charts and document properties. The file is always a whole new results
 * workbook: `--out` onto an existing one reads its history and actions first (the weekly loop,
 * previous-results-file.ts) and then replaces it atomically (src/cli/output-safety). The browser
 * preview's download goes through the same layout with exceljs in memory
 * (exceljs-result-writer.ts + xlsx-charts/add-charts.ts).
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { ResultBook } from "../engine/report/result-book";
import { layoutBook } from "./sheet-layout";
import { writeLayoutsXlsx } from "./xlsx-writer/write-result-xlsx";

/** Write `book` to `file` (.xlsx), creating the folder if needed. */
export async function writeResultBook(book: ResultBook, file: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeLayoutsXlsx(layoutBook(book.sheets), book.properties, file);
}

/**
 * Writes a ResultBook to an .xlsx file (the CLI's `--out`), streaming: each sheet is laid out
 * (sheet-layout.ts) and written row by row by the exceljs writer (exceljs-result-writer.ts) into
 * exceljs's WorkbookWriter extended with table parts and custom properties (xlsx-stream-book.ts),
 * then the charts exceljs cannot write are added to the file (xlsx-charts/). The browser
 * preview's download goes through the same layout, writer and charts, in memory.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { ResultBook } from "../engine/report/result-book";
import { xlsxText } from "./xlsx-cell";
import { createStreamingBook, type StreamingBook } from "./xlsx-stream-book";
import { layoutBook } from "./sheet-layout";
import { writeLayoutSheet, type ExceljsTarget } from "./exceljs-result-writer";
import { addChartsToFile } from "./xlsx-charts/add-charts-to-file";

const CORE_PROPERTIES = [
  "title",
  "subject",
  "keywords",
  "description",
  "category",
  "company",
  "manager",
] as const;
const SECRET_KEY = /pass(word)?|secret|token|api[-_ ]?key|credential|private[-_ ]?key|auth/i;

/** Write `book` to `file` (.xlsx), creating the folder if needed. */
export async function writeResultBook(book: ResultBook, file: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const wb = createStreamingBook(file);
  applyProperties(wb, book.properties);
  const target: ExceljsTarget = {
    streaming: true,
    addWorksheet: (name, options) => wb.addWorksheet(name, options),
    addTable: (ws, t) =>
      wb.addTable(ws, {
        name: t.name,
        columns: t.header,
        headerRow: t.range.top + 1,
        firstColumn: t.range.left + 1,
        dataRows: t.dataRows,
      }),
  };
  const layouts = layoutBook(book.sheets);
  for (const layout of layouts) writeLayoutSheet(target, layout);
  await wb.commit();
  await addChartsToFile(file, layouts);
}

/** Core properties (title, subject, keywords, …) and the rest as custom properties; secret-looking keys are dropped. */
function applyProperties(wb: StreamingBook, properties: Record<string, string>): void {
  const custom: Record<string, string> = {};
  for (const [key, raw] of Object.entries(properties)) {
    if (SECRET_KEY.test(key)) continue;
    const value = xlsxText(String(raw));
    const core = CORE_PROPERTIES.find((p) => p === key.toLowerCase());
    if (core) wb[core] = value;
    else if (key.toLowerCase() === "author" || key.toLowerCase() === "creator") wb.creator = value;
    else custom[key] = value;
  }
  wb.setCustomProperties(custom);
}

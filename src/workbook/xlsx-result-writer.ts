/**
 * Writes a ResultBook to an .xlsx file with exceljs's streaming writer: table sheets become real
 * Excel tables (frozen header, number formats, a colour scale on score columns), report sheets
 * render their blocks top to bottom. Strings are always written as string cells; text that looks
 * like a formula keeps its literal value and gets the text number format `@` (see safe-text.ts),
 * so openpyxl, LibreOffice and Excel all read it as text.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type ExcelJS from "exceljs";
import type {
  ColumnFormat,
  ResultBook,
  ResultTable,
  SummaryBlock,
} from "../engine/report/result-book";
import {
  DATE_FORMAT,
  NUMBER_FORMATS,
  TEXT_FORMAT,
  columnLetter,
  tableColumnNames,
  toXlsxValue,
  uniqueSheetName,
  uniqueTableName,
  xlsxText,
} from "./xlsx-cell";
import { createStreamingBook, type StreamingBook } from "./xlsx-stream-book";
import { REPORT_TEXT_SPAN, reportWidths, tableColumnWidths } from "./sheet-layout";

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

const HEADER_FILL: ExcelJS.Fill = {
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: "FFD9E1F2" },
};
const THIN: ExcelJS.Border = { style: "thin", color: { argb: "FF8EA9DB" } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Columns a paragraph or bullet is merged across on a report sheet. */
const MAX_ROW_HEIGHT = 409;

/** Write `book` to `file` (.xlsx), creating the folder if needed. */
export async function writeResultBook(book: ResultBook, file: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const wb = createStreamingBook(file);
  applyProperties(wb, book.properties);
  const sheetNames = new Set<string>();
  const tableNames = new Set<string>();
  for (const sheet of book.sheets) {
    const name = uniqueSheetName(sheet.name, sheetNames);
    if (sheet.content.kind === "table") {
      writeTableSheet(wb, name, sheet.content.table, sheet.freezeHeader ?? true, tableNames);
    } else {
      writeReportSheet(wb, name, sheet.content.blocks);
    }
  }
  await wb.commit();
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

/** Number format for one written value in a column of `format`. */
function cellFormat(value: unknown, forceText: boolean, format: ColumnFormat): string | undefined {
  if (forceText) return format === "text" ? undefined : TEXT_FORMAT;
  if (value instanceof Date) return format === "date" ? undefined : DATE_FORMAT;
  return undefined;
}

function writeTableSheet(
  wb: StreamingBook,
  name: string,
  table: ResultTable,
  freeze: boolean,
  tableNames: Set<string>,
): void {
  const ws = wb.addWorksheet(name, {
    views: freeze
      ? [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2", activeCell: "A2" }]
      : [],
  });
  const widths = tableColumnWidths(table, 60);
  ws.columns = table.columns.map((c, i) => ({
    width: widths[i],
    style: { numFmt: NUMBER_FORMATS[c.format] },
  }));
  const headers = tableColumnNames(table.columns.map((c) => c.header));
  const header = ws.addRow(headers);
  header.eachCell((cell) => {
    cell.numFmt = TEXT_FORMAT;
    cell.font = { bold: true };
  });
  header.commit();

  const formats = table.columns.map((c) => c.format);
  const n = formats.length;
  for (const source of table.rows) {
    const values: ExcelJS.CellValue[] = new Array<ExcelJS.CellValue>(n);
    let overrides: [number, string][] | null = null;
    for (let i = 0; i < n; i++) {
      const { value, forceText } = toXlsxValue(source[i]);
      values[i] = value;
      const fmt = cellFormat(value, forceText, formats[i]);
      if (fmt !== undefined) (overrides ??= []).push([i + 1, fmt]);
    }
    const row = ws.addRow(values);
    if (overrides) for (const [col, fmt] of overrides) row.getCell(col).numFmt = fmt;
    row.commit();
  }

  const lastRow = 1 + table.rows.length;
  let priority = 1;
  formats.forEach((format, i) => {
    if (format !== "score" || table.rows.length === 0) return;
    const letter = columnLetter(i + 1);
    ws.addConditionalFormatting({
      ref: `${letter}2:${letter}${lastRow}`,
      rules: [
        {
          type: "colorScale",
          priority: priority++,
          cfvo: [
            { type: "num", value: 0 },
            { type: "num", value: 5 },
            { type: "num", value: 10 },
          ],
          color: [{ argb: "FF63BE7B" }, { argb: "FFFFEB84" }, { argb: "FFF8696B" }],
        },
      ],
    });
  });

  wb.addTable(ws, {
    name: uniqueTableName(table.name, tableNames),
    columns: headers,
    headerRow: 1,
    firstColumn: 1,
    dataRows: table.rows.length,
  });
  ws.commit();
}

function writeText(row: ExcelJS.Row, col: number, text: string): ExcelJS.Cell {
  const cell = row.getCell(col);
  const { value, forceText } = toXlsxValue(text);
  cell.value = value;
  if (forceText) cell.numFmt = TEXT_FORMAT;
  return cell;
}

function writeReportSheet(wb: StreamingBook, name: string, blocks: SummaryBlock[]): void {
  const ws = wb.addWorksheet(name, {
    pageSetup: { orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ showGridLines: false }],
  });
  const widths = reportWidths(blocks);
  ws.columns = widths.map((width) => ({ width }));
  const spanWidth = widths.slice(0, REPORT_TEXT_SPAN).reduce((a, b) => a + b, 0);
  let r = 0;
  const nextRow = (): ExcelJS.Row => ws.getRow(++r);

  const wrapped = (text: string): void => {
    const row = nextRow();
    const cell = writeText(row, 1, text);
    cell.alignment = { wrapText: true, vertical: "top" };
    ws.mergeCells(r, 1, r, REPORT_TEXT_SPAN);
    const lines = text
      .split("\n")
      .reduce((sum, line) => sum + Math.max(1, Math.ceil((line.length * 1.1) / spanWidth)), 0);
    row.height = Math.min(MAX_ROW_HEIGHT, Math.max(15, lines * 15));
    row.commit();
  };

  blocks.forEach((block, index) => {
    const next = blocks[index + 1];
    switch (block.kind) {
      case "heading": {
        const row = nextRow();
        writeText(row, 1, block.text).font = { bold: true, size: block.level === 1 ? 16 : 13 };
        row.height = block.level === 1 ? 24 : 19;
        row.commit();
        break;
      }
      case "figures":
        for (const item of block.items) {
          const row = nextRow();
          writeText(row, 1, item.label);
          const cell = row.getCell(2);
          const { value, forceText } = toXlsxValue(item.value);
          cell.value = value;
          cell.numFmt =
            forceText || typeof item.value === "string" ? TEXT_FORMAT : NUMBER_FORMATS[item.format];
          cell.alignment = { horizontal: "right" };
          row.commit();
        }
        break;
      case "paragraph":
        wrapped(block.text);
        break;
      case "bullets":
        for (const item of block.items) wrapped(`\u2022 ${item}`);
        break;
      case "table": {
        const t = block.table;
        if (t.title) {
          const row = nextRow();
          writeText(row, 1, t.title).font = { bold: true, size: 12 };
          row.commit();
        }
        const header = nextRow();
        t.columns.forEach((c, i) => {
          const cell = writeText(header, i + 1, c.header);
          cell.font = { bold: true };
          cell.fill = HEADER_FILL;
          cell.border = BOX;
        });
        header.commit();
        for (const source of t.rows) {
          const row = nextRow();
          t.columns.forEach((c, i) => {
            const cell = row.getCell(i + 1);
            const { value, forceText } = toXlsxValue(source[i]);
            cell.value = value;
            cell.numFmt = cellFormat(value, forceText, c.format) ?? NUMBER_FORMATS[c.format];
            cell.border = BOX;
          });
          row.commit();
        }
        break;
      }
      case "spacer":
        nextRow().commit();
        break;
    }
    if ((block.kind === "table" || block.kind === "figures") && next && next.kind !== "spacer") {
      nextRow().commit();
    }
  });
  ws.commit();
}

/**
 * .xlsx -> RawWorkbook with exceljs's streaming WorkbookReader (rows are read sheet by sheet, not
 * through the in-memory model). Each sheet becomes one table: its header is the first non-empty
 * row, from its first to its last non-empty cell. When a sheet holds Excel tables (ListObjects),
 * each table becomes a RawTable named by the table, using its range (header row, data rows, no
 * totals row) and the sheet itself is not listed. Dates come out as Date (from the cell format),
 * formulas as their cached result, rich text as plain text, error cells as their text ("#N/A").
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { promises as fs } from "fs";
import * as path from "path";
import { RgoError } from "../engine/errors";
import type { CellValue, RawTable, RawWorkbook } from "../engine/input/raw-table";
import { exceljsCellValue } from "./exceljs-cell";

/** An Excel table (ListObject) found in the package. */
export interface XlsxTableDef {
  name: string;
  sheet: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
  headerRows: number;
  totalsRows: number;
}

function attr(xml: string, name: string): string | null {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(xml);
  return m ? decodeXml(m[1]) : null;
}

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** "B3" -> { row: 3, col: 2 }. */
export function parseCellRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(ref.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

function resolveTarget(baseDir: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  return path.posix.normalize(path.posix.join(baseDir, target));
}

/** Read the Excel table definitions (name, sheet, range) from the package. */
export async function readTableDefs(zip: JSZip): Promise<XlsxTableDef[]> {
  const workbookXml = await zip.file("xl/workbook.xml")?.async("string");
  const relsXml = await zip.file("xl/_rels/workbook.xml.rels")?.async("string");
  if (workbookXml === undefined || relsXml === undefined) return [];
  const relTarget = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], "Id");
    const target = attr(m[0], "Target");
    if (id && target) relTarget.set(id, resolveTarget("xl", target));
  }
  const defs: XlsxTableDef[] = [];
  for (const m of workbookXml.matchAll(/<sheet\b[^>]*>/g)) {
    const sheetName = attr(m[0], "name");
    const rid = attr(m[0], "r:id");
    const sheetPath = rid ? relTarget.get(rid) : undefined;
    if (!sheetName || !sheetPath) continue;
    const dir = path.posix.dirname(sheetPath);
    const sheetRels = await zip
      .file(`${dir}/_rels/${path.posix.basename(sheetPath)}.rels`)
      ?.async("string");
    if (sheetRels === undefined) continue;
    for (const r of sheetRels.matchAll(/<Relationship\b[^>]*>/g)) {
      const type = attr(r[0], "Type") ?? "";
      const target = attr(r[0], "Target");
      if (!type.endsWith("/table") || !target) continue;
      const tableXml = await zip.file(resolveTarget(dir, target))?.async("string");
      if (tableXml === undefined) continue;
      const head = /<table\b[^>]*>/.exec(tableXml)?.[0] ?? "";
      const ref = attr(head, "ref");
      const [a, b] = (ref ?? "").split(":");
      const tl = parseCellRef(a ?? "");
      const br = parseCellRef(b ?? a ?? "");
      if (!tl || !br) continue;
      defs.push({
        name: attr(head, "displayName") ?? attr(head, "name") ?? "Table",
        sheet: sheetName,
        top: tl.row,
        left: tl.col,
        bottom: br.row,
        right: br.col,
        headerRows: Number(attr(head, "headerRowCount") ?? "1"),
        totalsRows: Number(attr(head, "totalsRowCount") ?? "0"),
      });
    }
  }
  return defs;
}

function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === "string" && v.trim() === "");
}

function headerText(v: CellValue): string {
  if (v === null) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/** Sheet rows by 1-based row number, each a 1-based sparse array of cells. */
type SheetRows = Map<number, CellValue[]>;

function slice(
  rows: SheetRows,
  name: string,
  origin: string,
  top: number,
  left: number,
  right: number,
  bottom: number,
): RawTable {
  const headerCells = rows.get(top) ?? [];
  const header: string[] = [];
  for (let c = left; c <= right; c++) header.push(headerText(headerCells[c] ?? null));
  const out: CellValue[][] = [];
  for (let r = top + 1; r <= bottom; r++) {
    const cells = rows.get(r);
    if (cells === undefined) {
      out.push([]);
      continue;
    }
    const row: CellValue[] = new Array<CellValue>(right - left + 1);
    for (let c = left; c <= right; c++) row[c - left] = cells[c] ?? null;
    out.push(row);
  }
  return { name, origin, header, rows: out, headerRow: top, firstColumn: left };
}

/** Table of a whole sheet: header = first non-empty row, its first..last non-empty cell. */
function sheetTable(name: string, rows: SheetRows, lastRow: number): RawTable | null {
  let top = -1;
  for (let r = 1; r <= lastRow; r++) {
    const cells = rows.get(r);
    if (cells && cells.some((v) => !isBlank(v ?? null))) {
      top = r;
      break;
    }
  }
  if (top < 0) return null;
  const cells = rows.get(top) ?? [];
  let left = -1;
  let right = -1;
  for (let c = 1; c < cells.length; c++) {
    if (!isBlank(cells[c] ?? null)) {
      if (left < 0) left = c;
      right = c;
    }
  }
  let bottom = top;
  for (let r = lastRow; r > top; r--) {
    const rc = rows.get(r);
    if (rc && rc.slice(left, right + 1).some((v) => !isBlank(v ?? null))) {
      bottom = r;
      break;
    }
  }
  return slice(rows, name, "xlsx sheet", top, left, right, bottom);
}

/**
 * Read every sheet of an .xlsx file (and its Excel tables). Throws RgoError("input",
 * "unreadable" | "corrupt-file") when the file cannot be read or is not an .xlsx package.
 */
export async function readXlsx(file: string): Promise<RawWorkbook> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    throw new RgoError("input", "unreadable", `Cannot read ${file}: ${(e as Error).message}`, file);
  }
  const base = path.basename(file);
  const corrupt = (detail: string) =>
    new RgoError(
      "input",
      "corrupt-file",
      `${base} is not a readable .xlsx workbook (${detail}). Save it from Excel as "Excel Workbook (*.xlsx)" and try again.`,
      base,
    );
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    throw corrupt((e as Error).message);
  }
  if (zip.file("xl/workbook.xml") === null) throw corrupt("no xl/workbook.xml inside");
  let defs: XlsxTableDef[];
  try {
    defs = await readTableDefs(zip);
  } catch (e) {
    throw corrupt((e as Error).message);
  }
  const tables: RawTable[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      worksheets: "emit",
      sharedStrings: "cache",
      hyperlinks: "ignore",
      styles: "cache",
      entries: "ignore",
    });
    let sheetNo = 0;
    for await (const ws of reader) {
      sheetNo++;
      const name = (ws as unknown as { name?: string }).name ?? `Sheet${sheetNo}`;
      const rows: SheetRows = new Map();
      let lastRow = 0;
      for await (const row of ws) {
        const values = row.values as unknown[];
        const cells: CellValue[] = new Array<CellValue>(values.length);
        for (let c = 1; c < values.length; c++) cells[c] = exceljsCellValue(values[c]);
        rows.set(row.number, cells);
        if (row.number > lastRow) lastRow = row.number;
      }
      const sheetDefs = defs.filter((d) => d.sheet === name);
      if (sheetDefs.length > 0) {
        for (const d of sheetDefs) {
          if (d.headerRows === 0) continue;
          tables.push(
            slice(rows, d.name, "xlsx table", d.top, d.left, d.right, d.bottom - d.totalsRows),
          );
        }
      } else {
        const t = sheetTable(name, rows, lastRow);
        if (t !== null) tables.push(t);
      }
    }
  } catch (e) {
    throw corrupt((e as Error).message);
  }
  return { source: file, tables };
}

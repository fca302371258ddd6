import { promises as fs } from "fs";
import * as path from "path";
import { RgoError } from "../engine/errors";
import { parseCsv } from "./csv-parser";
import type { CellValue, RawTable, RawWorkbook } from "../engine/input/raw-table";

const TABLE_FILE = /\.(csv|txt)$/i;

/** Decode file bytes: UTF-8 (with or without BOM) or UTF-16 LE/BE with a BOM. */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return bytes.subarray(2).toString("utf16le");
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString("utf16le");
  }
  return bytes.toString("utf8");
}

/** Turn CSV text into a RawTable named `name` (empty cells become null). */
export function csvTextToTable(name: string, text: string): RawTable {
  const parsed = parseCsv(text);
  const rows: CellValue[][] = parsed.rows;
  for (const row of rows) {
    for (let j = 0; j < row.length; j++) if (row[j] === "") row[j] = null;
  }
  return { name, origin: "csv", header: parsed.header, rows, headerRow: 1, firstColumn: 1 };
}

/** Read a single CSV / text file as a one-table workbook. */
export async function readCsvFile(file: string): Promise<RawWorkbook> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    throw new RgoError("input", "unreadable", `Cannot read ${file}: ${(e as Error).message}`, file);
  }
  return { source: file, tables: [csvTextToTable(path.basename(file), decodeText(bytes))] };
}

/**
 * Read every `*.csv` / `*.txt` file directly in `dir` (not recursive), in name order, as one table
 * each, named by its file name.
 */
export async function readCsvFolder(dir: string): Promise<RawWorkbook> {
  let names: string[];
  try {
    names = (await fs.readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile() && TABLE_FILE.test(e.name))
      .map((e) => e.name)
      .sort();
  } catch (e) {
    throw new RgoError(
      "input",
      "unreadable",
      `Cannot read folder ${dir}: ${(e as Error).message}`,
      dir,
    );
  }
  const tables: RawTable[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch (e) {
      throw new RgoError(
        "input",
        "unreadable",
        `Cannot read ${file}: ${(e as Error).message}`,
        name,
      );
    }
    tables.push(csvTextToTable(name, decodeText(bytes)));
  }
  return { source: dir, tables };
}

import { isAscii as nativeIsAscii } from "buffer";
import { promises as fs } from "fs";
import * as path from "path";
import { RgoError } from "../engine/errors";
import { decodeCsvBytes, utf8Body, type CsvEncoding } from "./csv-encoding";
import { scanCsv, scanCsvBytes, type ScannedCsv } from "./csv-columns";
import { columnarTable } from "./columnar-table";
import { addInputNotice } from "./input-notices";
import type { RawTable, RawWorkbook } from "../engine/input/raw-table";

const TABLE_FILE = /\.(csv|txt)$/i;

/** Decode file bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, otherwise Windows-1252. */
export function decodeText(bytes: Buffer): string {
  return decodeCsvBytes(bytes).text;
}

/** Hidden files a Mac, Windows or Office leaves in a folder (._x.csv, .DS_Store, ~$x lock files). */
export function isHiddenFile(name: string): boolean {
  return name.startsWith(".") || name.startsWith("~$");
}

function encodingNotice(workbook: RawWorkbook, name: string, encoding: CsvEncoding): void {
  if (encoding === "UTF-8" || encoding === "UTF-8 with BOM") return;
  addInputNotice(
    workbook,
    encoding === "Windows-1252"
      ? `${name}: not valid UTF-8, read as Windows-1252 (Latin-1). Save it as "CSV UTF-8" if accented letters look wrong.`
      : `${name}: read as ${encoding}.`,
  );
}

/**
 * Turn CSV text into a RawTable named `name` (empty cells become null). The cells are kept
 * column-wise (csv-columns.ts, `RawTable.cells`); `rows` is built from them on first use, for the
 * readers that want row arrays.
 */
export function csvTextToTable(name: string, text: string): RawTable {
  return scannedToTable(name, scanCsv(text));
}

/**
 * A CSV file's bytes as a RawTable and the encoding they were read in: UTF-8 is scanned as bytes
 * (`scanCsvBytes`), anything else decoded to text first (`decodeCsvBytes`, `scanCsv`); both give
 * the same table, cells and errors as the text of the file would.
 */
export function csvBytesToTable(
  name: string,
  bytes: Uint8Array,
): { table: RawTable; encoding: CsvEncoding } {
  // Node's native all-ASCII test (same answer as csv-encoding.ts isAscii; csv-bytes.test.ts).
  const body = utf8Body(bytes, nativeIsAscii);
  if (body !== undefined)
    return {
      table: scannedToTable(name, scanCsvBytes(body.bytes, body.ascii)),
      encoding: body.encoding,
    };
  const { text, encoding } = decodeCsvBytes(bytes);
  return { table: csvTextToTable(name, text), encoding };
}

function scannedToTable(name: string, scanned: ScannedCsv): RawTable {
  const open = scanned.unclosedQuote;
  if (open !== undefined && open.linesSwallowed > 0) {
    const n = open.linesSwallowed;
    throw new RgoError(
      "input",
      "unbalanced-quote",
      `${name}, line ${open.line}: a quoted field opens here and is never closed, so it would swallow ` +
        `the ${n.toLocaleString("en-US")} line${n === 1 ? "" : "s"} after it (lines ${open.line + 1} to ${open.line + n}) as one cell. ` +
        'Close the quote, or write a quote inside a quoted field as two ("").',
      `${name}!${open.line}`,
    );
  }
  const cells = scanned.columns;
  return columnarTable(
    { name, origin: "csv", header: cells.header, headerRow: 1, firstColumn: 1 },
    cells,
  );
}

/** Read a single CSV / text file as a one-table workbook. */
export async function readCsvFile(file: string): Promise<RawWorkbook> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    throw new RgoError("input", "unreadable", `Cannot read ${file}: ${(e as Error).message}`, file);
  }
  const name = path.basename(file);
  const { table, encoding } = csvBytesToTable(name, bytes);
  const workbook: RawWorkbook = { source: file, tables: [table] };
  encodingNotice(workbook, name, encoding);
  return workbook;
}

/** A file's bytes or why they could not be read (a read that fails later never goes unhandled). */
function readOutcome(
  file: string,
): Promise<{ ok: true; bytes: Buffer } | { ok: false; error: unknown }> {
  return fs.readFile(file).then(
    (bytes) => ({ ok: true as const, bytes }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/**
 * Read every `*.csv` / `*.txt` file directly in `dir` (not recursive), in name order, as one table
 * each, named by its file name.
 */
export async function readCsvFolder(dir: string): Promise<RawWorkbook> {
  let names: string[];
  let hidden: string[];
  try {
    const files = (await fs.readdir(dir, { withFileTypes: true })).filter((e) => e.isFile());
    hidden = files
      .map((e) => e.name)
      .filter(isHiddenFile)
      .sort();
    names = files
      .filter((e) => TABLE_FILE.test(e.name) && !isHiddenFile(e.name))
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
  const workbook: RawWorkbook = { source: dir, tables };
  if (hidden.length > 0)
    addInputNotice(
      workbook,
      `ignored hidden file${hidden.length === 1 ? "" : "s"} ${hidden.join(", ")} (left by macOS, Windows or Office; not data).`,
    );
  // Every file's read starts now, so the disk and the thread pool read the next files while this
  // thread scans the first ones (on the benchmark folder the 29 MB sales file, read alone, left
  // this thread idle ~20-30 ms; issue 14). Each file is still taken, and any failure reported,
  // in name order.
  const reads = names.map((name) => readOutcome(path.join(dir, name)));
  for (const [k, name] of names.entries()) {
    const file = path.join(dir, name);
    const read = await reads[k];
    if (!read.ok)
      throw new RgoError(
        "input",
        "unreadable",
        `Cannot read ${file}: ${(read.error as Error).message}`,
        name,
      );
    const { table, encoding } = csvBytesToTable(name, read.bytes);
    tables.push(table);
    encodingNotice(workbook, name, encoding);
  }
  return workbook;
}

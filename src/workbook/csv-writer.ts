/**
 * CSV output: RFC 4180 quoting, LF line ends, UTF-8 without BOM. Text that a spreadsheet would
 * read as a formula is prefixed with `'` (safeText); numbers are written as numbers (non-finite
 * ones as empty cells), dates as `yyyy-mm-dd` (or full ISO-8601 when they carry a time of day),
 * booleans as TRUE / FALSE. Text is never truncated in CSV.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { CellValue, RawTable } from "../engine/input/raw-table";
import { safeText } from "./safe-text";

const NEEDS_QUOTES = /[",\r\n;\t]/;

/** One field as CSV text: made formula-safe, then quoted when it holds a quote, separator or line break. */
function textField(s: string): string {
  const safe = safeText(s);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A Date as `yyyy-mm-dd` at UTC midnight, else full ISO-8601 (UTC); invalid dates are empty. */
function dateField(d: Date): string {
  const t = d.getTime();
  if (Number.isNaN(t)) return "";
  const iso = d.toISOString();
  return t % 86_400_000 === 0 ? iso.slice(0, 10) : iso;
}

/** One cell as CSV text. */
export function csvField(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return textField(v);
  if (typeof v === "number") return Number.isFinite(v) ? String(Object.is(v, -0) ? 0 : v) : "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return dateField(v);
  return textField(String(v));
}

/** One record (no line end): at least as many fields as `width`. */
function csvLine(cells: readonly (CellValue | undefined)[], width: number): string {
  const n = Math.max(width, cells.length);
  let line = "";
  for (let i = 0; i < n; i++) {
    if (i > 0) line += ",";
    line += csvField(cells[i]);
  }
  return line;
}

/** The whole table as CSV text: header then rows, each line ending with LF. */
export function toCsv(table: RawTable): string {
  const width = table.header.length;
  const lines: string[] = [csvLine(table.header, width)];
  for (const row of table.rows) lines.push(csvLine(row, width));
  return lines.join("\n") + "\n";
}

/** File name for a table: its name (a .csv extension added unless present), unsafe characters replaced. */
export function csvFileName(tableName: string): string {
  // eslint-disable-next-line no-control-regex
  let base = tableName.replace(/[/\\:*?"<>|\u0000-\u001F]/g, "_").trim();
  if (base === "" || base === "." || base === "..") base = "table";
  return /\.csv$/i.test(base) ? base : `${base}.csv`;
}

const CHUNK_ROWS = 5000;

/** Write each table to `<dir>/<table.name>.csv` (creating `dir`), streamed in chunks of rows. */
export async function writeCsvFolder(tables: RawTable[], dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const used = new Set<string>();
  for (const table of tables) {
    let name = csvFileName(table.name);
    for (let n = 2; used.has(name.toLowerCase()); n++)
      name = csvFileName(`${table.name.replace(/\.csv$/i, "")}_${n}`);
    used.add(name.toLowerCase());
    const out = createWriteStream(path.join(dir, name), { encoding: "utf8" });
    const failed = once(out, "error").then(([err]) => Promise.reject(err as Error));
    failed.catch(() => undefined);
    const write = async (text: string): Promise<void> => {
      if (!out.write(text)) await Promise.race([once(out, "drain"), failed]);
    };
    const width = table.header.length;
    await write(csvLine(table.header, width) + "\n");
    for (let start = 0; start < table.rows.length; start += CHUNK_ROWS) {
      const end = Math.min(start + CHUNK_ROWS, table.rows.length);
      let chunk = "";
      for (let r = start; r < end; r++) chunk += csvLine(table.rows[r], width) + "\n";
      await write(chunk);
    }
    out.end();
    await Promise.race([once(out, "finish"), failed]);
  }
}

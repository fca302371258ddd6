/**
 * The seed CSVs (../shared/data/seed) as one .xlsx made with exceljs in Node, one sheet per file
 * named after it: numbers as numbers, True/False as booleans, ISO dates as real dates, empty cells
 * empty. Written to a temp folder; never committed.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";

export const SEED_DIR = resolve(__dirname, "../../../../shared/data/seed");

/** One CSV field as an Excel cell value. */
export function seedCell(text: string): string | number | boolean | Date | null {
  if (text === "") return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === "True" || text === "False") return text === "True";
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return new Date(`${text}T00:00:00Z`);
  return text;
}

/** Splits simple CSV (quoted fields with "" escapes, no embedded newlines in the seed data). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      out.push(field);
      field = "";
    } else field += c;
  }
  out.push(field);
  return out;
}

export interface SeedXlsxOptions {
  /** File name without extension (default "seed"). */
  name?: string;
  /** Sheet -> header -> new header text (e.g. weekly_spend called "Takings"). */
  rename?: Record<string, Record<string, string>>;
}

/** Writes the seed workbook to `<dir>/<name>.xlsx` (default seed.xlsx) and returns its path. */
export async function writeSeedXlsx(dir: string, options: SeedXlsxOptions = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const name of readdirSync(SEED_DIR)
    .filter((f) => f.endsWith(".csv"))
    .sort()) {
    const lines = readFileSync(join(SEED_DIR, name), "utf8")
      .split(/\r?\n/)
      .filter((l) => l !== "");
    const sheet = name.replace(/\.csv$/, "");
    const ws = wb.addWorksheet(sheet);
    const renames = options.rename?.[sheet] ?? {};
    const header = splitCsvLine(lines[0]).map((h) => renames[h] ?? h);
    ws.addRow(header);
    const rows = lines.slice(1).map((line) => splitCsvLine(line).map(seedCell));
    for (const row of rows) ws.addRow(row);
    // Date columns (those whose cells are dates) show as dates, like a user's workbook.
    header.forEach((_h, i) => {
      if (rows.length > 0 && rows[0][i] instanceof Date) ws.getColumn(i + 1).numFmt = "yyyy-mm-dd";
    });
  }
  const file = join(dir, `${options.name ?? "seed"}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

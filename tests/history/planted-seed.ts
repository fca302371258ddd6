/**
 * The seed data with four planted customers (901-904, by the test) whose weekly spend makes them,
 * between the run as of week 11 (2025-11-21) and the run as of week 12 (2025-11-28), under seed-v2
 * (gap = mean of the 6 weeks before the current 4 - mean of the current 4 weeks):
 *
 *   901 new:       100 a week through week 11, 0 in week 12 (no gap at week 11; 25 at week 12)
 *   902 closed:    100 through week 10, 0 in week 11, 300 in week 12 (gap 25, then none)
 *   903 worsening: 100 through week 10, 50 in week 11, 0 in week 12 (gap 12.50, then 37.50)
 *   904 improving: 100 through week 9, 0, 0, then 180 in week 12 (gap 50, then 30)
 *
 * and a status computation of the test's own (statusesBetween) to compare every customer with.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import type { CellValue, RawTable, RawWorkbook } from "../../src/engine/input/raw-table";

export const SEED = resolve(__dirname, "../../../shared/data/seed");
export const AS_OF = ["2025-11-14", "2025-11-21", "2025-11-28"] as const;

const WEEKS = [
  "2025-09-06",
  "2025-09-13",
  "2025-09-20",
  "2025-09-27",
  "2025-10-04",
  "2025-10-11",
  "2025-10-18",
  "2025-10-25",
  "2025-11-01",
  "2025-11-08",
  "2025-11-15",
  "2025-11-22",
];

export const PLANTED: Record<
  string,
  { spend: number[]; status: string; gapBefore: number; gapNow: number }
> = {
  "901": { spend: [...Array(11).fill(100), 0], status: "new", gapBefore: 0, gapNow: 25 },
  "902": { spend: [...Array(10).fill(100), 0, 300], status: "closed", gapBefore: 25, gapNow: 0 },
  "903": {
    spend: [...Array(10).fill(100), 50, 0],
    status: "worsening",
    gapBefore: 12.5,
    gapNow: 37.5,
  },
  "904": {
    spend: [...Array(9).fill(100), 0, 0, 180],
    status: "improving",
    gapBefore: 50,
    gapNow: 30,
  },
};

function parseCsv(text: string): string[][] {
  return text
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(","));
}

/** The planted tables (CSV text per file name). */
export function plantedCsv(): Record<string, string> {
  const sales = parseCsv(readFileSync(join(SEED, "retail_weekly_sales.csv"), "utf8"));
  const h = sales[0];
  const template = sales[1];
  for (const [id, p] of Object.entries(PLANTED))
    p.spend.forEach((s, i) => {
      const r = [...template];
      r[h.indexOf("customer_id")] = id;
      r[h.indexOf("week_start_date")] = WEEKS[i];
      r[h.indexOf("weekly_spend")] = s.toFixed(2);
      r[h.indexOf("store_id")] = Number(id) % 2 === 1 ? "101" : "102";
      r[h.indexOf("week_number")] = String(i + 1);
      sales.push(r);
    });
  const customers = readFileSync(join(SEED, "retail_customers.csv"), "utf8").trim();
  return {
    "retail_weekly_sales.csv": sales.map((r) => r.join(",")).join("\n") + "\n",
    "retail_customers.csv":
      customers +
      "\n" +
      Object.keys(PLANTED)
        .map((id) => `${id},40,2,True`)
        .join("\n") +
      "\n",
    "stock_availability.csv": readFileSync(join(SEED, "stock_availability.csv"), "utf8"),
  };
}

/** A temp folder holding the planted CSV files. */
export function plantedFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "rgo-history-"));
  for (const [name, text] of Object.entries(plantedCsv())) writeFileSync(join(dir, name), text);
  return dir;
}

/** Cells as a reader would give them: numbers where the text is a number. */
const cell = (t: string): CellValue =>
  t !== "" && !Number.isNaN(Number(t)) && !/^\d{4}-/.test(t) ? Number(t) : t;

/** The planted tables as RawTables (sheet name = file name without .csv). */
export function plantedTables(): RawTable[] {
  return Object.entries(plantedCsv()).map(([file, text]) => {
    const rows = parseCsv(text);
    return {
      name: file.replace(/\.csv$/, ""),
      origin: "test",
      header: rows[0],
      rows: rows.slice(1).map((r) => r.map(cell)),
      headerRow: 1,
      firstColumn: 1,
    };
  });
}

export function plantedWorkbook(): RawWorkbook {
  return { source: "planted seed", tables: plantedTables() };
}

/** The planted tables as an .xlsx (one sheet per table), for the preview. */
export async function plantedXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const t of plantedTables()) {
    const ws = wb.addWorksheet(t.name);
    ws.addRow(t.header);
    for (const r of t.rows) ws.addRow(r);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export interface CustomerFigures {
  customerId: string;
  gapCount: number;
  revenueAtRisk: number;
}

/**
 * The test's own statement of the statuses (not the engine's code): flagged = gap count > 0;
 * flagged both times: |change| / before < stablePct% -> persisting, up -> worsening, down ->
 * improving; flagged only now -> new; flagged only before -> closed.
 */
export function statusesBetween(
  before: readonly CustomerFigures[],
  now: readonly CustomerFigures[],
  stablePct = 5,
): Map<string, string> {
  const prev = new Map(before.map((c) => [c.customerId, c]));
  const out = new Map<string, string>();
  const cents = (x: number): number => Math.round(x * 100);
  for (const c of now) {
    const p = prev.get(c.customerId);
    const was = p !== undefined && p.gapCount > 0;
    const is = c.gapCount > 0;
    if (is && !was) out.set(c.customerId, "new");
    else if (!is && was) out.set(c.customerId, "closed");
    else if (is && was) {
      const a = cents(p.revenueAtRisk);
      const b = cents(c.revenueAtRisk);
      const pct = a === 0 ? (b === 0 ? 0 : Infinity) : (Math.abs(b - a) / a) * 100;
      out.set(c.customerId, pct < stablePct ? "persisting" : b > a ? "worsening" : "improving");
    }
  }
  for (const p of before)
    if (p.gapCount > 0 && !now.some((c) => c.customerId === p.customerId))
      out.set(p.customerId, "closed");
  return out;
}

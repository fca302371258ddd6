/**
 * Input sanity through `rgo` (issue 10, items 6 and 7): each class of silently wrong answer with
 * inputs written here, asserting the exit code, the message and that every input file is
 * byte-identical after the run.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { SEED_DIR, runCli, tempDir } from "./run-cli";

interface JsonIssue {
  severity: string;
  sheet: string;
  row: number | null;
  column: string | null;
  message: string;
}
interface Summary {
  input: { customers: number; salesRows: number; weeks: number; stockRows: number };
  summary: Record<string, unknown>;
  topGaps: { customerId: string }[];
  issues: JsonIssue[];
}

/** sha256 of every file in a folder (or of one file). */
function hashes(path: string): Record<string, string> {
  const files = path.endsWith(".xlsx") ? [path] : readdirSync(path).map((f) => join(path, f));
  const out: Record<string, string> = {};
  for (const f of files) out[f] = createHash("sha256").update(readFileSync(f)).digest("hex");
  return out;
}

/** Runs analyze on `input` with a JSON summary, checking that the input is unchanged. */
async function analyze(
  input: string,
): Promise<{ code: number; err: string; json: Summary | null }> {
  const before = hashes(input);
  const json = join(tempDir("json"), "summary.json");
  const r = await runCli(["analyze", input, "--json", json, "--quiet"]);
  expect(hashes(input)).toEqual(before);
  return {
    code: r.code,
    err: r.err,
    json: existsSync(json) ? (JSON.parse(readFileSync(json, "utf8")) as Summary) : null,
  };
}

const iso = (w: number, shift = 0) =>
  new Date(Date.UTC(2025, 8, 6 + 7 * w + shift)).toISOString().slice(0, 10);

/** Customers 1..n x weeks Saturday rows (spend 50 + c + w), optionally shifted per customer. */
function salesLines(n: number, weeks: number, shift: (c: number) => number = () => 0): string[] {
  const lines = ["customer_id,week_start_date,weekly_spend"];
  for (let c = 1; c <= n; c++)
    for (let w = 0; w < weeks; w++) lines.push(`${c},${iso(w, shift(c))},${50 + c + w}`);
  return lines;
}

function folder(files: Record<string, string[]>): string {
  const dir = tempDir("sanity");
  for (const [name, lines] of Object.entries(files))
    writeFileSync(join(dir, name), lines.join("\n") + "\n");
  return dir;
}

test("a Total row under customers and sales is skipped with a notice; 'Total Foods Ltd' is a customer", async () => {
  const sales = salesLines(3, 8);
  sales.push("Total Foods Ltd,2025-09-06,40", "Grand total:,,1000.00");
  const dir = folder({
    "customers.csv": [
      "customer_id,age",
      "1,40",
      "2,50",
      "3,60",
      "Total Foods Ltd,",
      "Total,150",
      ",",
    ],
    "weekly_sales.csv": sales,
  });
  const r = await analyze(dir);
  expect(r.code).toBe(0);
  expect(r.err).toBe("");
  const json = r.json as Summary;
  expect(json.summary.customersAnalyzed).toBe(4);
  const totals = json.issues.filter((i) => i.message.includes("total line"));
  expect(totals).toEqual([
    {
      severity: "info",
      sheet: "customers.csv",
      row: 6,
      column: "customer_id",
      message:
        'This row reads "Total" and is a total line under the table, not a customer; it was skipped.',
    },
    {
      severity: "info",
      sheet: "weekly_sales.csv",
      row: 27,
      column: "customer_id",
      message:
        'This row reads "Grand total:" and is a total line under the table, not a sale; it was skipped.',
    },
  ]);
});

test("one serial-0 date cell (Excel's 1900-01-00) is a bad cell; the run goes on over the true 8 weeks", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("weekly_sales");
  ws.addRow(["customer_id", "week_start_date", "weekly_spend"]);
  for (let c = 1; c <= 3; c++)
    for (let w = 0; w < 8; w++) ws.addRow([String(c), new Date(`${iso(w)}T00:00:00Z`), 50 + w]);
  ws.addRow(["2", 0, 75]);
  ws.getColumn(2).numFmt = "yyyy-mm-dd";
  const file = join(tempDir("serial0"), "input.xlsx");
  await wb.xlsx.writeFile(file);
  const r = await analyze(file);
  expect(r.code).toBe(0);
  expect(r.err).toContain(
    // Serial 0 is the day before serial 1 = 1900-01-01 in Excel's 1900 system (the reader counts
    // Excel's phantom 1900-02-29, so serials before 61 are one day later than the 1899-12-30 epoch).
    "error: weekly_sales, row 26, week_start_date: week_start_date is 1899-12-31, not a date between 1900-03-01 and 9999-12-31 (a zero or empty cell formatted as a date: Excel shows it as 1900-01-00)",
  );
  const json = r.json as Summary;
  expect(json.input.weeks).toBe(8);
  expect(json.input.salesRows).toBe(25);
});

test("the seed with half its customers dated the Monday after gives the same figures as the seed", async () => {
  const dir = tempDir("seed-monday");
  const seedFiles = readdirSync(SEED_DIR).filter((f) => f.endsWith(".csv"));
  let moved = 0;
  for (const f of seedFiles) {
    const text = readFileSync(join(SEED_DIR, f), "utf8");
    if (f !== "retail_weekly_sales.csv") {
      writeFileSync(join(dir, f), text);
      continue;
    }
    const lines = text.split(/\r?\n/);
    const out = lines.map((line, i) => {
      if (i === 0 || line === "") return line;
      const cells = line.split(",");
      if (Number(cells[0]) % 2 !== 0) return line;
      moved++;
      const [y, m, d] = cells[1].split("-").map(Number);
      cells[1] = new Date(Date.UTC(y, m - 1, d + 2)).toISOString().slice(0, 10);
      return cells.join(",");
    });
    writeFileSync(join(dir, f), out.join("\n"));
  }
  expect(moved).toBeGreaterThan(1000);
  const seed = await analyze(SEED_DIR);
  const monday = await analyze(dir);
  expect([seed.code, monday.code]).toEqual([0, 0]);
  const a = seed.json as Summary;
  const b = monday.json as Summary;
  expect(b.input).toEqual(a.input);
  expect(b.summary).toEqual(a.summary);
  expect(b.topGaps).toEqual(a.topGaps);
  const kept = a.input.salesRows - moved;
  const why =
    moved < kept
      ? "as most rows do"
      : moved === kept
        ? `which gives the fewest weeks (${a.input.weeks})`
        : `which gives the fewest weeks (${a.input.weeks}; most rows are dated Monday)`;
  const notice = b.issues.filter((i) => i.message.includes("moved to the week starting"));
  expect(notice.map((i) => [i.severity, i.sheet, i.message])).toEqual([
    [
      "info",
      "retail_weekly_sales.csv",
      `${moved.toLocaleString("en-US")} rows dated Monday were moved to the week starting the Saturday before: weeks start on Saturday, ${why}. The dates in the cells are unchanged.`,
    ],
  ]);
});

test("weekly dates on two weekdays that fit two week starts equally are refused (exit 2)", async () => {
  const dir = folder({
    "weekly_sales.csv": [
      "customer_id,week_start_date,weekly_spend",
      "1,2025-09-08,10",
      "1,2025-09-15,10",
      "1,2025-09-22,10",
      "2,2025-09-11,10",
      "2,2025-09-18,10",
      "3,2025-09-11,10",
    ],
  });
  const r = await analyze(dir);
  expect(r.code).toBe(2);
  expect(r.err).toContain(
    "weekly_sales.csv is weekly data dated on several weekdays (3 on a Monday, 3 on a Thursday), and weeks starting on Monday or on Thursday fit it equally well",
  );
  expect(r.json).toBeNull();
});

test("rgo sample refuses an .xlsx sheet over Excel's 1,048,576 rows; the CSV folder has them all and analyze says so", async () => {
  const dir = tempDir("big-sample");
  const xlsx = join(dir, "big.xlsx");
  const args = ["sample", "--customers", "40400", "--weeks", "26", "--dense"];
  const refused = await runCli([...args, "--out", xlsx]);
  expect(refused.code).toBe(2);
  expect(refused.err).toContain(
    `sample cannot write ${xlsx}: "weekly_sales" would have 1,050,401 rows with its header; an Excel sheet holds at most 1,048,576 rows.`,
  );
  expect(existsSync(xlsx)).toBe(false);

  const csv = join(dir, "csv");
  const written = await runCli([...args, "--out", csv]);
  expect(written.code).toBe(0);
  const lines = readFileSync(join(csv, "weekly_sales.csv"), "utf8").split("\n");
  expect(lines.filter((l) => l !== "").length).toBe(1_050_401);
  const r = await analyze(csv);
  expect(r.code).toBe(0);
  const big = (r.json as Summary).issues.filter((i) => i.message.includes("more than Excel"));
  expect(big).toEqual([
    {
      severity: "info",
      sheet: "weekly_sales.csv",
      row: null,
      column: null,
      message:
        "weekly_sales.csv reaches 1,050,401 rows (an Excel sheet holds 1,048,576), more than Excel can hold. It was read in full, but opening this file in Excel would cut it short.",
    },
  ]);
}, 300_000);

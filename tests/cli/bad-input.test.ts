/**
 * Malformed inputs through the CLI: each gives the documented exit code (2 = bad input or rule
 * pack, 0 = run completed with issues reported) and a message naming the place; none crashes
 * (exit code 1 would be an internal error).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { SEED_DIR, runCli, tempDir } from "./run-cli";

const SALES_HEADER = "customer_id,week_start_date,weekly_spend";

/** A folder with weekly_sales.csv (and customers.csv when given). */
function folder(sales: string[], customers?: string[]): string {
  const dir = tempDir("bad");
  writeFileSync(join(dir, "weekly_sales.csv"), sales.join("\n") + "\n");
  if (customers) writeFileSync(join(dir, "customers.csv"), customers.join("\n") + "\n");
  return dir;
}

/** Two customers x 6 weeks of good rows, to which a case adds its bad rows. */
function goodRows(): string[] {
  const rows: string[] = [];
  for (const c of ["1", "2"]) {
    for (let w = 0; w < 6; w++)
      rows.push(
        `${c},${new Date(Date.UTC(2025, 8, 6 + 7 * w)).toISOString().slice(0, 10)},${50 + w}`,
      );
  }
  return rows;
}

function packFile(text: string): string {
  const file = join(tempDir("pack"), "pack.json");
  writeFileSync(file, text);
  return file;
}

async function seedPackWith(edit: (pack: Record<string, unknown>) => void): Promise<string> {
  const shown = await runCli(["rules", "show", "seed-tier2"]);
  const pack = JSON.parse(shown.out) as Record<string, unknown>;
  edit(pack);
  return packFile(JSON.stringify(pack, null, 2));
}

function firstCondition(pack: Record<string, unknown>): Record<string, unknown> {
  const rules = pack.rules as { conditions: Record<string, Record<string, unknown>[]> }[];
  const top = rules[0].conditions;
  const list = top.all ?? top.any;
  return list[0];
}

interface Case {
  name: string;
  args: () => Promise<string[]> | string[];
  code: 0 | 2;
  /** Every pattern must appear in stderr. */
  says: RegExp[];
}

const cases: Case[] = [
  {
    name: "input path does not exist",
    args: () => ["analyze", "/nonexistent/book.xlsx"],
    code: 2,
    says: [/\/nonexistent\/book\.xlsx/],
  },
  {
    name: "unsupported file type",
    args: () => {
      const f = join(tempDir("t"), "report.pdf");
      writeFileSync(f, "%PDF-1.4");
      return ["analyze", f];
    },
    code: 2,
    says: [/report\.pdf/, /xlsx|csv/i],
  },
  {
    name: "corrupt .xlsx (random bytes)",
    args: () => {
      const f = join(tempDir("t"), "broken.xlsx");
      writeFileSync(f, Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256)));
      return ["analyze", f];
    },
    code: 2,
    says: [/broken\.xlsx/],
  },
  {
    name: "a text file named .xlsx",
    args: () => {
      const f = join(tempDir("t"), "notes.xlsx");
      writeFileSync(f, "customer_id,week,revenue\n1,2025-09-06,5\n");
      return ["analyze", f];
    },
    code: 2,
    says: [/notes\.xlsx/],
  },
  {
    name: "empty folder (no sales table)",
    args: () => ["analyze", tempDir("empty")],
    code: 2,
    says: [/sales/i],
  },
  {
    name: "empty workbook",
    args: async () => {
      const f = join(tempDir("t"), "empty.xlsx");
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet("Sheet1");
      await wb.xlsx.writeFile(f);
      return ["analyze", f];
    },
    code: 2,
    says: [/sales/i],
  },
  {
    name: "missing sheet: only a customers table",
    args: () => {
      const dir = tempDir("t");
      writeFileSync(join(dir, "customers.csv"), "customer_id,age\n1,40\n");
      return ["analyze", dir];
    },
    code: 2,
    says: [/sales/i, /customers/i],
  },
  {
    name: "missing revenue column",
    args: () => ["analyze", folder(["customer_id,week_start_date,amount_x", "1,2025-09-06,5"])],
    code: 2,
    says: [/weekly_sales\.csv/, /revenue/i, /amount_x/],
  },
  {
    name: "header-only sales table",
    args: () => ["analyze", folder([SALES_HEADER])],
    code: 2,
    says: [/weekly_sales\.csv/],
  },
  {
    name: "text in a numeric cell",
    args: () => ["analyze", folder([SALES_HEADER, ...goodRows(), "1,2025-10-18,abc"])],
    code: 0,
    says: [/weekly_sales\.csv, row 14, weekly_spend/, /"abc"/],
  },
  {
    name: "blank rows are skipped",
    args: () => [
      "analyze",
      folder([SALES_HEADER, ...goodRows().slice(0, 6), "", ",,", ...goodRows().slice(6)]),
    ],
    code: 0,
    says: [],
  },
  {
    name: "duplicate row",
    args: () => ["analyze", folder([SALES_HEADER, ...goodRows(), goodRows()[3]])],
    code: 0,
    says: [/weekly_sales\.csv, row 14/, /repeats row 5 exactly/],
  },
  {
    name: "negative revenue",
    args: () => [
      "analyze",
      folder([SALES_HEADER, ...goodRows().slice(0, 11), "2,2025-10-11,-25.00"]),
    ],
    code: 0,
    says: [/weekly_sales\.csv, row 13, weekly_spend/, /negative/i],
  },
  {
    name: "mixed week formats (dates and week numbers)",
    args: () => ["analyze", folder([SALES_HEADER, ...goodRows(), "1,7,20"])],
    code: 0,
    says: [/weekly_sales\.csv, row 14, week_start_date/],
  },
  {
    name: "impossible date",
    args: () => ["analyze", folder([SALES_HEADER, ...goodRows(), "1,2025-02-30,20"])],
    code: 0,
    says: [/weekly_sales\.csv, row 14, week_start_date/, /2025-02-30/],
  },
  {
    name: "sales for a customer missing from the customers table",
    args: () => ["analyze", folder([SALES_HEADER, ...goodRows()], ["customer_id", "1"])],
    code: 0,
    says: [/weekly_sales\.csv, row \d+, customer_id/, /Customer 2/],
  },
  {
    name: "a 32,767-character cell",
    args: () => [
      "analyze",
      folder([SALES_HEADER, ...goodRows(), `1,2025-10-18,${"9".repeat(32767)}`]),
    ],
    code: 0,
    says: [/weekly_sales\.csv, row 14, weekly_spend/],
  },
  {
    name: "rule pack that is not JSON",
    args: () => ["rules", "validate", packFile('{"format": "rgo-rule-pack/1",\n  "name": }')],
    code: 2,
    says: [/pack\.json:2:\d+/, /JSON/],
  },
  {
    name: "unknown fact",
    args: async () => [
      "rules",
      "validate",
      await seedPackWith((p) => {
        firstCondition(p).fact = "revenueTrendz";
      }),
    ],
    code: 2,
    says: [/\/rules\/0\/conditions\/(all|any)\/0\/fact/, /revenueTrendz/],
  },
  {
    name: "unknown operator",
    args: async () => [
      "rules",
      "validate",
      await seedPackWith((p) => {
        firstCondition(p).operator = "regexMatch";
      }),
    ],
    code: 2,
    says: [/\/rules\/0\/conditions\/(all|any)\/0\/operator/, /regexMatch/],
  },
  {
    name: "a JSONPath `path` on a condition",
    args: async () => [
      "rules",
      "validate",
      await seedPackWith((p) => {
        firstCondition(p).path = "$..[?(@.constructor.constructor('return process')())]";
      }),
    ],
    code: 2,
    says: [/\/rules\/0\/conditions\/(all|any)\/0/, /path/],
  },
  {
    name: "a __proto__ key",
    args: () => [
      "analyze",
      SEED_DIR,
      "--rules",
      packFile('{"format":"rgo-rule-pack/1","__proto__":{"polluted":true},"name":"x"}'),
    ],
    code: 2,
    says: [/__proto__/],
  },
  {
    name: "unknown built-in pack",
    args: () => ["analyze", SEED_DIR, "--rules", "tier3"],
    code: 2,
    says: [/tier3/, /seed-tier2/],
  },
  {
    name: "rule pack file missing",
    args: () => ["analyze", SEED_DIR, "--rules", "/nonexistent/pack.json"],
    code: 2,
    says: [/\/nonexistent\/pack\.json/],
  },
  {
    name: "unknown customer",
    args: () => ["analyze", SEED_DIR, "--customer", "99999"],
    code: 2,
    says: [/99999/],
  },
  {
    name: "bad --top",
    args: () => ["analyze", SEED_DIR, "--top", "ten"],
    code: 2,
    says: [/--top/],
  },
  {
    name: "unknown option",
    args: () => ["analyze", SEED_DIR, "--frobnicate"],
    code: 2,
    says: [/frobnicate/],
  },
  { name: "unknown command", args: () => ["analyse-all"], code: 2, says: [/analyse-all/] },
  {
    name: "--out pointing at the input",
    args: () => {
      const f = join(tempDir("t"), "book.xlsx");
      return ["analyze", f, "--out", f];
    },
    code: 2,
    says: [/inputs are never modified/],
  },
];

describe("malformed inputs give the documented exit code and name the place", () => {
  test.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const run = await runCli(await c.args());
    expect(run.err).not.toMatch(/internal error/);
    expect({ code: run.code, err: run.err }).toEqual({ code: c.code, err: expect.any(String) });
    for (const pattern of c.says) expect(run.err).toMatch(pattern);
  });

  test("Object.prototype is never polluted by a pack", () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("there are at least 20 distinct malformed-input cases", () => {
    expect(new Set(cases.map((c) => c.name)).size).toBeGreaterThanOrEqual(20);
  });
});

test("a folder is created for --json and --out", async () => {
  const dir = join(tempDir("nested"), "a", "b");
  mkdirSync(join(dir, ".."), { recursive: true });
  const run = await runCli([
    "analyze",
    SEED_DIR,
    "--rules",
    "seed-v2",
    "--json",
    join(dir, "s.json"),
    "--quiet",
  ]);
  expect(run.code).toBe(0);
});

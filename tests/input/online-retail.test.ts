/**
 * Issue 11 acceptance on the real UCI Online Retail sample (40,000 invoice lines, no revenue
 * column): `rgo analyze "Online Retail.xlsx"` runs with no hand preparation. Every expected value
 * is computed here from the file by another path: Debian's python3 + openpyxl reads the workbook,
 * multiplies Quantity x UnitPrice in exact decimals (rounded half up to the cent per line), buckets
 * InvoiceDate into Monday weeks and splits the lines with and without a CustomerID.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildDataset, type BuildDatasetResult } from "../../src/engine/input/build-dataset";
import { issueTotals } from "../../src/engine/issue";
import { readInput } from "../../src/workbook/read-input";
import { runCli, tempDir } from "../cli/run-cli";

const FILE = resolve(
  __dirname,
  "../../../shared/data/real/online-retail-uci-sample40k/Online Retail.xlsx",
);

/** What python computes from the file. */
interface Truth {
  lines: number;
  customers: number;
  /** Sum of line cents over lines with a CustomerID. */
  revenueCents: number;
  guestLines: number;
  guestCents: number;
  /** Lines with a CustomerID and a negative amount (cancellations, "C…" invoices). */
  returnLines: number;
  returnCents: number;
  /** customer id -> Monday week start (YYYY-MM-DD) -> cents. */
  cells: Record<string, Record<string, number>>;
}

const PY = `
import json, sys, datetime
from decimal import Decimal, ROUND_HALF_UP
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
rows = wb.worksheets[0].iter_rows(values_only=True)
h = list(next(rows))
ix = {k: h.index(k) for k in ("Quantity", "UnitPrice", "CustomerID", "InvoiceDate")}
t = dict(lines=0, customers=0, revenueCents=0, guestLines=0, guestCents=0, returnLines=0, returnCents=0, cells={})
for r in rows:
    if all(v is None for v in r):
        continue
    t["lines"] += 1
    cents = int((Decimal(str(r[ix["Quantity"]])) * Decimal(str(r[ix["UnitPrice"]])) * 100).quantize(Decimal(1), ROUND_HALF_UP))
    cid = r[ix["CustomerID"]]
    if cid is None:
        t["guestLines"] += 1
        t["guestCents"] += cents
        continue
    cid = str(int(cid)) if isinstance(cid, float) else str(cid)
    t["revenueCents"] += cents
    if cents < 0:
        t["returnLines"] += 1
        t["returnCents"] += cents
    d = r[ix["InvoiceDate"]].date()
    monday = (d - datetime.timedelta(days=d.weekday())).isoformat()
    wk = t["cells"].setdefault(cid, {})
    wk[monday] = wk.get(monday, 0) + cents
t["customers"] = len(t["cells"])
print(json.dumps(t))
`;

let truth: Truth;
let built: BuildDatasetResult;

beforeAll(async () => {
  expect(existsSync("/usr/bin/python3")).toBe(true);
  truth = JSON.parse(
    execFileSync("/usr/bin/python3", ["-c", PY, FILE], {
      encoding: "utf8",
      maxBuffer: 64 << 20,
    }),
  ) as Truth;
  built = buildDataset(await readInput(FILE));
}, 120_000);

describe("UCI Online Retail invoice lines", () => {
  test("the file is what SOURCE.md says: 40,000 lines, 3,621 customers", () => {
    expect(truth.lines).toBe(40000);
    expect(truth.customers).toBe(3621);
  });

  test("found as the sales table with revenue = Quantity x UnitPrice, said once", () => {
    expect(built.roles.sales?.name).toBe("Sheet1");
    const derived = built.issues.filter((i) => i.code === "derived-revenue");
    expect(derived).toHaveLength(1);
    expect(derived[0].message).toMatch(/revenue = Quantity x UnitPrice/);
  });

  test("customers: one per CustomerID with lines, guests left out", () => {
    const d = built.dataset;
    expect(d.customers.count).toBe(truth.customers);
    expect(new Set(d.customers.ids)).toEqual(new Set(Object.keys(truth.cells)));
  });

  // The file ends on Friday 2011-12-09: its last Monday week holds 5 of 7 days and is left out of
  // the analysis with a notice (issue 9's partial periods). Every other week is kept whole.
  const lastMonday = (): string =>
    Object.values(truth.cells)
      .flatMap((weeks) => Object.keys(weeks))
      .sort()
      .at(-1) ?? "";
  const centsInWeek = (monday: string): number =>
    Object.values(truth.cells).reduce((sum, weeks) => sum + (weeks[monday] ?? 0), 0);

  test("the partial last week (data ends Friday 2011-12-09) is left out, with a notice", () => {
    expect(lastMonday()).toBe("2011-12-05");
    expect(built.dataset.calendar.labels.at(-1)).toBe("2011-11-28");
    const notice = built.issues.filter(
      (i) => i.code === "partial-week" && /last week/.test(i.message),
    );
    expect(notice).toHaveLength(1);
    expect(notice[0].message).toContain("The last week (2011-12-05) holds only 5 of 7 days");
    expect(notice[0].message).toContain("the data ends on 2011-12-09");
  });

  test("revenue: the kept weeks plus the left-out week are the sum of Quantity x UnitPrice over lines with a customer id", () => {
    const s = built.dataset.sales;
    let total = 0;
    for (const v of s.spendCents) total += v;
    expect(centsInWeek("2011-12-05")).toBeGreaterThan(0);
    expect(total + centsInWeek("2011-12-05")).toBe(truth.revenueCents);
    expect(s.rowCount).toBe(truth.lines - truth.guestLines);
  });

  test("daily timestamps are grouped into Monday weeks, every customer-week as computed", () => {
    const d = built.dataset;
    const W = d.sales.weeks;
    const weekOf = new Map(d.calendar.labels.map((l, w) => [l, w]));
    let cells = 0;
    const wrong: unknown[] = [];
    for (const [id, weeks] of Object.entries(truth.cells)) {
      const c = d.customers.indexById.get(id);
      for (const [monday, cents] of Object.entries(weeks)) {
        if (monday === "2011-12-05") {
          // the left-out partial week is in no calendar week
          if (weekOf.has(monday)) wrong.push([id, monday, "left-out week in the calendar"]);
          continue;
        }
        const w = weekOf.get(monday);
        const got = c === undefined || w === undefined ? null : d.sales.spendCents[c * W + w];
        if (got !== cents) wrong.push([id, monday, cents, got]);
        cells++;
      }
    }
    expect(wrong).toEqual([]);
    let present = 0;
    for (const p of d.sales.present) present += p;
    expect(present).toBe(cells);
  });

  test("one notice for the guest lines, naming their count and money", () => {
    const guest = built.issues.filter((i) => i.code === "guest-lines");
    expect(guest).toHaveLength(1);
    expect(truth.guestLines).toBe(10057);
    const dollars = (truth.guestCents / 100).toLocaleString("en-US", {
      minimumFractionDigits: 2,
    });
    expect(guest[0]).toMatchObject({ severity: "info", column: "CustomerID" });
    expect(guest[0].message).toBe(
      `10,057 lines have no customer id: guest purchases, left out, $${dollars} of revenue.`,
    );
  });

  test("cancellations are netted as returns with one notice; no error, no per-row warning", () => {
    const ret = built.issues.filter((i) => i.code === "returns-netted");
    expect(ret).toHaveLength(1);
    expect(ret[0].message).toMatch(
      new RegExp(`^${truth.returnLines.toLocaleString("en-US")} return lines`),
    );
    expect(built.issues.filter((i) => i.code === "negative-revenue")).toEqual([]);
    expect(issueTotals(built.issues).error).toBe(0);
  });
});

describe("rgo analyze on the workbook, no hand preparation", () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir("online-retail");
  });

  test("exits 0, writes the workbook and JSON, and --rules r.xlsx reproduces the run", async () => {
    const out = join(dir, "r.xlsx");
    const json = join(dir, "r.json");
    const run = await runCli(["analyze", FILE, "--out", out, "--json", json, "--quiet"]);
    expect(run.code).toBe(0);
    const summary = JSON.parse(readFileSync(json, "utf8")) as {
      input: { customers: number; salesRows: number };
      issues: { message: string }[];
    };
    expect(summary.input.customers).toBe(truth.customers);
    expect(summary.input.salesRows).toBe(40000);
    expect(summary.issues.filter((i) => /guest purchases/.test(i.message))).toHaveLength(1);

    const json2 = join(dir, "r2.json");
    const again = await runCli(["analyze", FILE, "--rules", out, "--json", json2, "--quiet"]);
    expect(again.code).toBe(0);
    expect(readFileSync(json2, "utf8")).toBe(readFileSync(json, "utf8"));
  }, 120_000);
});

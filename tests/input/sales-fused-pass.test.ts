/**
 * The sales reader's one-pass shortcut (sales-fused-pass.ts): rows straight into the matrix while
 * each is one the row path takes without a report, the calendar known before the row pass from
 * the used week cells; at the first other row, the rows before it get the typed run's per-row
 * arrays and the row path reads on.
 *
 * Differential check against the row path (the same files as plain rows, which never take the
 * shortcut nor the typed run): sales tables made of clean weekly (or monthly, or daily) runs with
 * faults put at random rows, each breaking one of the shortcut's assumptions: unknown ids (warned
 * with a customers table, added silently without one), ids written two ways, blank ids, repeated
 * customer-weeks (exact repeats and different amounts), blank lines, total lines, weeks off the
 * calendar, weeks of the other family, months among days, blank and bad weeks, bad, sub-cent,
 * quoted and negative amounts, blank stores, no store column, monthly data, daily data, and the
 * period, week-start and week-end choices. Same Dataset, issues in the same order and counts, or
 * the same error. A spy on the pass shows both ends were reached: files it took whole, and files
 * it handed over part way.
 */
import fc from "fast-check";
import { buildDataset, type BuildDatasetOptions } from "../../src/engine/input/build-dataset";
import * as fusedPass from "../../src/engine/input/sales-fused-pass";
import { csvTextToTable } from "../../src/workbook/csv-folder-reader";
import { outcome, type Outcome } from "../support/reads-as-rows";

/** Runs of clean periods: weekly Mondays (one week left out), month starts, daily dates. */
const CADENCE = {
  weekly: ["2025-01-06", "2025-01-13", "2025-01-20", "2025-02-03"],
  monthly: ["2025-01-01", "2025-02-01", "2025-03-01", "2025-05-01"],
  daily: ["2025-01-06", "2025-01-07", "2025-01-09", "2025-01-13"],
  numbers: ["1", "2", "3", "5"],
} as const;

/** One fault, put at a row of the clean table. */
const FAULT = fc.constantFrom(
  "unknown-id",
  "id-two-ways",
  "blank-id",
  "exact-repeat",
  "repeat-other-amount",
  "blank-line",
  "week-off-calendar",
  "week-number",
  "iso-week",
  "month",
  "month-on-monday",
  "blank-week",
  "bad-week",
  "bad-amount",
  "sub-cent",
  "quoted-amount",
  "negative",
  "negative-zero",
  "zero",
  "blank-store",
  "new-store",
);

const fileCase = fc.record({
  cadence: fc.constantFrom("weekly", "weekly", "weekly", "monthly", "daily", "numbers"),
  customers: fc.integer({ min: 1, max: 5 }),
  weeks: fc.integer({ min: 1, max: 4 }),
  withCustomersTable: fc.boolean(),
  // Customers of the sales table missing from the customers table (unknown ids).
  listed: fc.integer({ min: 0, max: 5 }),
  withStore: fc.boolean(),
  faults: fc.array(fc.record({ at: fc.nat(40), kind: FAULT }), { maxLength: 3 }),
  totalLine: fc.boolean(),
  amounts: fc.array(fc.constantFrom("12.50", "7", "0.05", "100.1", "3"), { minLength: 1 }),
  options: fc.constantFrom<BuildDatasetOptions>(
    {},
    {},
    { period: "month" },
    { period: "week" },
    { weekStart: 6 },
    { weekEndsOn: 20099 },
  ),
});

type FileCase = typeof fileCase extends fc.Arbitrary<infer T> ? T : never;

/** The CSV files of a case: the sales table (and the customers table when asked). */
function filesOf(k: FileCase): Record<string, string> {
  const days = CADENCE[k.cadence as keyof typeof CADENCE];
  const header = k.withStore
    ? "customer_id,week_start_date,weekly_spend,store_id"
    : "customer_id,week_start_date,weekly_spend";
  const rows: string[][] = [];
  let a = 0;
  for (let c = 1; c <= k.customers; c++)
    for (let w = 0; w < k.weeks; w++) {
      const row = [`C${c}`, days[w], k.amounts[a++ % k.amounts.length]];
      if (k.withStore) row.push(`S${1 + (c % 2)}`);
      rows.push(row);
    }
  for (const f of k.faults) {
    const at = f.at % rows.length;
    const row = rows[at].slice();
    switch (f.kind) {
      case "unknown-id":
        row[0] = "C99";
        break;
      case "id-two-ways":
        row[0] = ` ${row[0]}`;
        break;
      case "blank-id":
        row[0] = "";
        break;
      case "exact-repeat":
        rows.splice(at + 1, 0, row);
        continue;
      case "repeat-other-amount":
        row[2] = "1.00";
        rows.splice(at + 1, 0, row);
        continue;
      case "blank-line":
        rows.splice(
          at,
          0,
          row.map(() => ""),
        );
        continue;
      case "week-off-calendar":
        row[1] = "2025-01-08";
        break;
      case "week-number":
        row[1] = "7";
        break;
      case "iso-week":
        row[1] = "2025-W04";
        break;
      case "month":
        row[1] = "2025-01";
        break;
      case "month-on-monday":
        // September 2025 starts on a Monday: on the weekly calendar's weekday, yet a month.
        row[1] = "2025-09";
        break;
      case "blank-week":
        row[1] = "";
        break;
      case "bad-week":
        row[1] = "someday";
        break;
      case "bad-amount":
        row[2] = "x";
        break;
      case "sub-cent":
        row[2] = "1.234";
        break;
      case "quoted-amount":
        row[2] = '"1,50"';
        break;
      case "negative":
        row[2] = "-3";
        break;
      case "negative-zero":
        row[2] = "-0";
        break;
      case "zero":
        row[2] = "0.00";
        break;
      case "blank-store":
        if (k.withStore) row[3] = "";
        break;
      case "new-store":
        if (k.withStore) row[3] = "S7";
        break;
    }
    rows[at] = row;
  }
  const lines = [header, ...rows.map((r) => r.join(","))];
  if (k.totalLine) lines.push(k.withStore ? "Total,,123.45," : "Total,,123.45");
  const files: Record<string, string> = { "weekly_sales.csv": `${lines.join("\n")}\n` };
  if (k.withCustomersTable) {
    const listed = Array.from(
      { length: Math.min(k.listed, k.customers) },
      (_, c) => `C${c + 1},4${c}`,
    );
    files["customers.csv"] = ["customer_id,age", ...listed].join("\n") + "\n";
  }
  return files;
}

/** buildDataset on the files read column-wise (`a`) and as plain rows (`b`, the row path). */
function bothWays(
  files: Record<string, string>,
  options: BuildDatasetOptions,
): { a: Outcome; b: Outcome } {
  const columnar = Object.entries(files).map(([name, text]) => csvTextToTable(name, text));
  const rows = columnar.map((t) => ({
    ...t,
    cells: undefined,
    rows: t.rows.map((r) => r.slice()),
  }));
  const a = outcome(() => buildDataset({ source: "x", tables: columnar }, options));
  const b = outcome(() => buildDataset({ source: "x", tables: rows }, options));
  for (let k = 0; k < columnar.length; k++)
    Object.defineProperty(columnar[k], "rows", { value: rows[k].rows });
  for (const t of columnar) delete (t as { cells?: unknown }).cells;
  return { a, b };
}

describe("sales reader: the one-pass shortcut", () => {
  afterEach(() => jest.restoreAllMocks());

  it("same Dataset, issues and counts (or error) as the row path, on files that break each assumption", () => {
    const spy = jest.spyOn(fusedPass, "fusedSalesPass");
    let whole = 0;
    let handedOver = 0;
    fc.assert(
      fc.property(fileCase, (k) => {
        spy.mockClear();
        const { a, b } = bothWays(filesOf(k), k.options);
        expect(a).toEqual(b);
        spy.mock.results.forEach((r, call) => {
          const n = spy.mock.calls[call][3];
          if (r.type === "return" && r.value === n) whole++;
          else if (r.type === "return" && r.value > 0) handedOver++;
        });
      }),
      { numRuns: 600 },
    );
    // Both ends of the shortcut were exercised.
    expect(whole).toBeGreaterThan(20);
    expect(handedOver).toBeGreaterThan(20);
  });

  it("hand-worked: a clean weekly file is taken whole; a repeat late in the file hands over there", () => {
    const spy = jest.spyOn(fusedPass, "fusedSalesPass");
    const sales = [
      "customer_id,week_start_date,weekly_spend,store_id",
      "C1,2025-01-06,1.00,S1",
      "C1,2025-01-13,2.00,S1",
      "C2,2025-01-06,4.00,S2",
      "C2,2025-01-13,8.00,",
    ];
    const clean = bothWays({ "weekly_sales.csv": `${sales.join("\n")}\n` }, {});
    expect(clean.a).toEqual(clean.b);
    expect(spy.mock.results.map((r) => r.value)).toEqual([4]);
    if (!clean.a.ok) throw new Error(clean.a.error);
    const { dataset } = clean.a.value as ReturnType<typeof buildDataset>;
    // Customers x weeks, in cents, and the stores (the blank store cell leaves -1).
    expect(Array.from(dataset.sales.spendCents)).toEqual([100, 200, 400, 800]);
    expect(Array.from(dataset.sales.store)).toEqual([0, 0, 1, -1]);
    expect(dataset.sales.rowCount).toBe(4);

    spy.mockClear();
    const repeated = [...sales, "C1,2025-01-13,16.00,S1"];
    const r = bothWays({ "weekly_sales.csv": `${repeated.join("\n")}\n` }, {});
    expect(r.a).toEqual(r.b);
    // Rows 0-3 taken, row 4 (C1's second week again) handed to the row path.
    expect(spy.mock.results.map((x) => x.value)).toEqual([4]);
    if (!r.a.ok) throw new Error(r.a.error);
    const res = r.a.value as ReturnType<typeof buildDataset>;
    expect(Array.from(res.dataset.sales.spendCents)).toEqual([100, 1800, 400, 800]);
    const warned = res.issues.filter((i) => i.code !== "customers-derived");
    expect(warned.map((i) => [i.code, i.row])).toEqual([["repeated-customer-week", 6]]);
    expect(res.rowStats.sales).toEqual({ read: 5, accepted: 5, blank: 0, skipped: 0 });
  });
});

/**
 * The weekly loop reads the previous results file by header names (issue 13, labels in words):
 * a results file written before the labels changed (RGO Customers with its camelCase fact
 * columns, the duplicate "lifecycle 2", engine names such as "revenue_gap" in the cells; RGO
 * Actions with engine names in Gap type and Root cause) and one written after must both be read,
 * and give the same comparison.
 *
 * Run 1 is seed-tier2 on the seed data up to week 10. Its "after" file is what the run writes.
 * Its "before" file is written here by hand with the headers and cells the builder wrote before
 * the change (listed literally below), the figures taken from run 1's own result objects. Run 2
 * (up to week 11) reads each file as its previous results. Checked: no issue says a previous
 * sheet could not be read; the "Since last run" status of every customer is the same from both
 * files and equals the status worked out here from the two runs' own customers (flagged = has a
 * gap; both flagged: equal revenue at risk, in cents, is "persisting" and the pack's 5% band
 * decides the rest); RGO Actions carries the same rows from both files.
 */
import type { RawTable } from "../../src/engine/input/raw-table";
import type { RunOutput } from "../../src/engine/pipeline/run-analysis";
import type { ResultBook, ResultCell, ResultSheet } from "../../src/engine/report/result-book";
import { METRIC_FACTS, SCORES, SEGMENTS } from "../../src/engine/registry/customer-facts";
import { previousFromXlsxBook } from "../../src/workbook/previous-results-reader";
import type { XlsxBook } from "../../src/workbook/xlsx/read-xlsx";
import { actionsTable, colOf, run, seedUpTo, writeAndRead } from "./actions-helpers";

const WEEK_10 = "2025-11-08";
const WEEK_11 = "2025-11-15";

/** RGO Customers' headers before issue 13's labels, as the builder wrote them (no model). */
const OLD_CUSTOMER_HEADERS = [
  "Customer",
  "Primary gap type",
  "Priority band",
  "Priority score",
  "Revenue at risk",
  "Exposure",
  "Recovery potential",
  "Root cause",
  "Stockout share of gap",
  "Value tier",
  "Lifecycle",
  "Gaps",
  "Churn listed",
  "Churn score",
  // then every fact by its engine name; exceljs renamed the second "lifecycle" to "lifecycle 2"
  ...[...METRIC_FACTS.map((f) => f.name), ...Object.keys(SCORES), ...Object.keys(SEGMENTS)].map(
    (n) => (n === "lifecycle" ? "lifecycle 2" : n),
  ),
];

/** The old RGO Customers sheet of run 1: old headers, engine names in the cells. */
function oldCustomersSheet(r: RunOutput): ResultSheet {
  const factNames = OLD_CUSTOMER_HEADERS.slice(14).map((h) =>
    h === "lifecycle 2" ? "lifecycle" : h,
  );
  const fact = (c: RunOutput["result"]["customers"][number], n: string): ResultCell => {
    const v = c.facts[n];
    return v === undefined ? null : v;
  };
  return {
    name: "RGO Customers",
    content: {
      kind: "table",
      table: {
        name: "RGO_Customers",
        columns: OLD_CUSTOMER_HEADERS.map((header) => ({ header, format: "text" as const })),
        rows: r.result.customers.map((c) => [
          c.customerId,
          c.primaryGapType,
          c.priorityBand,
          c.gapCount > 0 ? c.priorityScore : null,
          Math.round(c.revenueAtRisk * 100) / 100,
          Math.round(c.exposure * 100) / 100,
          Math.round(c.recoveryPotential * 100) / 100,
          c.rootCause,
          fact(c, "stockoutExplainedShare"),
          fact(c, "valueTier"),
          fact(c, "lifecycle"),
          c.gapCount,
          c.churnListed ? "yes" : "no",
          c.churnScore,
          ...factNames.map((n) => fact(c, n)),
        ]),
      },
    },
  };
}

/** The old RGO Actions sheet: run 1's, with the engine names the old builder wrote. */
function oldActionsSheet(r: RunOutput): ResultSheet {
  const sheet = r.book.sheets.find((s) => s.name === "RGO Actions");
  if (sheet === undefined || sheet.content.kind !== "table") throw new Error("no RGO Actions");
  const t = sheet.content.table;
  const gap = t.columns.findIndex((c) => c.header === "Gap type");
  const cause = t.columns.findIndex((c) => c.header === "Root cause");
  const byId = new Map(r.result.customers.map((c) => [c.customerId, c]));
  return {
    ...sheet,
    content: {
      kind: "table",
      table: {
        ...t,
        rows: t.rows.map((row) => {
          const c = byId.get(String(row[0]));
          const out = [...row];
          out[gap] = c?.primaryGapType ?? null;
          out[cause] = c?.rootCause ?? null;
          return out;
        }),
      },
    },
  };
}

function oldBook(r: RunOutput): ResultBook {
  return {
    ...r.book,
    sheets: r.book.sheets.map((s) =>
      s.name === "RGO Customers"
        ? oldCustomersSheet(r)
        : s.name === "RGO Actions"
          ? oldActionsSheet(r)
          : s,
    ),
  };
}

const sheetTable = (r: RunOutput, name: string) => {
  const s = r.book.sheets.find((x) => x.name === name);
  if (s === undefined || s.content.kind !== "table") throw new Error(`no ${name}`);
  return s.content.table;
};

/** Customer -> "Since last run" on run 2's RGO Customers. */
function statuses(r: RunOutput): Map<string, ResultCell> {
  const t = sheetTable(r, "RGO Customers");
  const id = t.columns.findIndex((c) => c.header === "Customer");
  const st = t.columns.findIndex((c) => c.header === "Since last run");
  expect(st).toBeGreaterThan(-1);
  return new Map(t.rows.map((row) => [String(row[id]), row[st]]));
}

const cellText = (t: RawTable, header: string): string[] =>
  t.rows.map((r) => String(r[colOf(t, header)] ?? ""));

test("a results file with the old headers and one with the new are both read, with the same result", async () => {
  const run1 = await run(await seedUpTo(WEEK_10));
  const files: Record<"before" | "after", XlsxBook> = {
    before: await writeAndRead(oldBook(run1)),
    after: await writeAndRead(run1.book),
  };
  // The hand-made file really has the old headers (and the new one the new words).
  const header = (b: XlsxBook): string[] =>
    (b.sheets.find((s) => s.name === "RGO Customers")?.tables[0]?.header ?? []).map(String);
  expect(header(files.before)).toEqual(expect.arrayContaining(["trendPct", "lifecycle 2"]));
  expect(header(files.after)).not.toContain("trendPct");
  expect(header(files.after)).toContain("Change vs baseline (%)");
  expect(cellText(actionsTable(files.before), "Gap type")).toContain("below_baseline");
  expect(cellText(actionsTable(files.after), "Gap type")).toContain("Below baseline");

  const week11 = await seedUpTo(WEEK_11);
  const run2: Record<string, RunOutput> = {};
  for (const k of ["before", "after"] as const) {
    const previous = previousFromXlsxBook(files[k], `${k}.xlsx`);
    expect(previous?.customers).toBeDefined();
    expect(previous?.actions).toBeDefined();
    run2[k] = await run(week11, previous);
    const unread = run2[k].issues.filter((i) =>
      /^(previous-customers|actions-(no-header|column))/.test(i.code ?? ""),
    );
    expect(unread).toEqual([]);
  }

  // The status of each customer, worked out from the two runs' own customers.
  const before = new Map(run1.result.customers.map((c) => [c.customerId, c]));
  const cents = (x: number) => Math.round(x * 100);
  const expected = new Map<string, string>();
  for (const c of run2.after.result.customers) {
    const p = before.get(c.customerId);
    const was = p !== undefined && p.gapCount > 0;
    const is = c.gapCount > 0;
    if (!was && !is) continue;
    if (!was) expected.set(c.customerId, "new");
    else if (!is) expected.set(c.customerId, "closed");
    else {
      const a = cents(p.revenueAtRisk);
      const b = cents(c.revenueAtRisk);
      const pct = a > 0 ? (Math.abs(b - a) / a) * 100 : Infinity;
      expected.set(
        c.customerId,
        a === b || pct < 5 ? "persisting" : b > a ? "worsening" : "improving",
      );
    }
  }
  expect(expected.size).toBeGreaterThan(10);
  const got = statuses(run2.after);
  expect(statuses(run2.before)).toEqual(got);
  for (const [id, status] of expected) expect([id, got.get(id)]).toEqual([id, status]);
  // Both kinds of status occur, so the comparison is not vacuous.
  expect(new Set(expected.values()).size).toBeGreaterThan(1);

  // RGO Actions: the same rows, the same carried columns, from either file.
  const actions = (r: RunOutput) => sheetTable(r, "RGO Actions").rows;
  expect(actions(run2.before)).toEqual(actions(run2.after));
  expect(actions(run2.after).length).toBeGreaterThan(0);
}, 120_000);

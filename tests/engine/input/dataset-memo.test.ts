/**
 * The Data step's dataset reused by Run (input/dataset-memo.ts): whatever the sequence of builds,
 * every result equals buildDataset on the same inputs from scratch (dataset, issues, roles, row
 * counts, currency), a result is reused exactly when the tables and options are the same as the
 * last build's, and a run through the memo equals a run from scratch, issues and counts included.
 */
import fc from "fast-check";
import { buildDataset, type BuildDatasetOptions } from "../../../src/engine/input/build-dataset";
import { createDatasetMemo } from "../../../src/engine/input/dataset-memo";
import type { ColumnChoices } from "../../../src/engine/input/header-map";
import type { RawWorkbook } from "../../../src/engine/input/raw-table";
import { runAnalysis } from "../../../src/engine/pipeline/run-analysis";
import { validateRgoPack } from "../../../src/engine/registry/validate-rgo-pack";
import { generateSample } from "../../../src/engine/sample/generate-sample";
import { BUILTIN_PACKS } from "../../../src/rules/packs/builtin-packs";

function sampleBook(customers: number, weeks: number, seed: number): RawWorkbook {
  return { source: "sample.xlsx", tables: generateSample({ customers, weeks, seed }).tables };
}

/** Options a Data step can send; store_id as the customer id gives issues, week_start_date as revenue an error. */
const optionsArb: fc.Arbitrary<BuildDatasetOptions> = fc.record(
  {
    currency: fc.constantFrom("EUR", "GBP", "USD"),
    period: fc.constantFrom("week" as const, "month" as const),
    weekStart: fc.constantFrom(0, 5, 6),
    columns: fc.constantFrom<ColumnChoices>(
      {},
      { sales: { revenue: "weekly_spend" } },
      { sales: { revenue: "store_id" } },
      { sales: { revenue: "week_start_date" } },
      { sales: { customerId: "store_id" } },
    ),
    tableForRole: fc.constantFrom({ sales: "weekly_sales" }, { sales: "weekly_sales", stock: "" }),
  },
  { requiredKeys: [] },
);

/** The same options with their keys in another order (the pane builds them in two places). */
function reordered(options: BuildDatasetOptions): BuildDatasetOptions {
  return Object.fromEntries(Object.entries(options).reverse()) as BuildDatasetOptions;
}

function fresh(workbook: RawWorkbook, options: BuildDatasetOptions): unknown {
  try {
    return buildDataset(workbook, options);
  } catch (e) {
    return { threw: e instanceof Error ? e.message : String(e) };
  }
}

test("every build through the memo equals buildDataset from scratch; reused only on the same inputs", () => {
  const books = [sampleBook(6, 10, 1), sampleBook(9, 14, 2)];
  fc.assert(
    fc.property(
      fc.array(
        fc.record({ book: fc.constantFrom(0, 1), options: optionsArb, reorder: fc.boolean() }),
        { minLength: 1, maxLength: 6 },
      ),
      (steps) => {
        const memo = createDatasetMemo();
        let prev: { book: number; options: BuildDatasetOptions; ok: boolean } | null = null;
        for (const step of steps) {
          const workbook = books[step.book];
          const given = step.reorder ? reordered(step.options) : step.options;
          let got: unknown;
          try {
            got = memo.build(workbook, given);
          } catch (e) {
            got = { threw: e instanceof Error ? e.message : String(e) };
          }
          expect(got).toEqual(fresh(workbook, step.options));
          // Independent of the memo's canonical JSON: compare the option values one by one.
          const equalOptions =
            prev !== null &&
            ["currency", "period", "weekStart", "columns", "tableForRole"].every(
              (k) =>
                JSON.stringify(prev?.options[k as keyof BuildDatasetOptions]) ===
                JSON.stringify(step.options[k as keyof BuildDatasetOptions]),
            );
          expect(memo.reused).toBe(
            prev !== null && prev.ok && prev.book === step.book && equalOptions,
          );
          prev = { book: step.book, options: step.options, ok: !("threw" in (got as object)) };
        }
      },
    ),
    { numRuns: 40 },
  );
});

test("what a caller appends to a build's issues is not in the next build's", () => {
  const memo = createDatasetMemo();
  const workbook = sampleBook(5, 8, 3);
  const options = { columns: { sales: { customerId: "store_id" } } };
  const first = memo.build(workbook, options);
  const count = first.issues.length;
  expect(count).toBeGreaterThan(0);
  first.issues.push({ ...first.issues[0], code: "appended" });
  const second = memo.build(workbook, options);
  expect(memo.reused).toBe(true);
  expect(second.issues).toHaveLength(count);
  expect(second.issues.some((i) => i.code === "appended")).toBe(false);
});

test("the same tables re-read as new objects, or after clear, are built again", () => {
  const memo = createDatasetMemo();
  const workbook = sampleBook(5, 8, 4);
  memo.build(workbook, {});
  memo.build({ source: workbook.source, tables: [...workbook.tables] }, {});
  expect(memo.reused).toBe(true); // same RawTable objects in a new list: the same input
  memo.build({ source: workbook.source, tables: workbook.tables.map((t) => ({ ...t })) }, {});
  expect(memo.reused).toBe(false);
  memo.clear();
  memo.build(workbook, {});
  expect(memo.reused).toBe(false);
  memo.build({ source: "other.xlsx", tables: workbook.tables }, {});
  expect(memo.reused).toBe(false);
});

describe("a run on the Data step's dataset equals a run from scratch", () => {
  const checked = validateRgoPack(BUILTIN_PACKS["seed-tier2"]);
  if (!checked.ok) throw new Error("seed-tier2 does not validate");
  const workbook = sampleBook(40, 30, 7);
  const runAt = new Date("2025-11-25T09:00:00.000Z");

  test.each([
    ["no choices", {}],
    [
      "column choices that give input issues, and a currency",
      { columns: { sales: { customerId: "store_id", revenue: "weekly_spend" } }, currency: "EUR" },
    ],
    ["monthly, weeks from Sunday", { period: "month", weekStart: "sunday" }],
  ])(
    "%s",
    async (
      _,
      choice: { columns?: object; currency?: string; period?: string; weekStart?: string },
    ) => {
      const memo = createDatasetMemo();
      // The Data step's check, built as the worker builds it (chosen period, the run's currency).
      memo.build(workbook, {
        ...(choice.columns !== undefined ? { columns: choice.columns } : {}),
        ...(choice.currency !== undefined ? { currency: choice.currency } : {}),
        ...(choice.period !== undefined ? { period: choice.period as "month" } : {}),
        ...(choice.weekStart !== undefined ? { weekStart: 6 } : {}),
      });
      const options = { runAt, ...choice };
      const scratch = await runAnalysis(workbook, checked, options);
      const reusedRun = await runAnalysis(workbook, checked, {
        ...options,
        buildDataset: memo.build,
      });
      expect(memo.reused).toBe(true);
      // Twice from the same kept dataset: a run that changed it would show here.
      const again = await runAnalysis(workbook, checked, { ...options, buildDataset: memo.build });
      expect(memo.reused).toBe(true);
      for (const run of [reusedRun, again]) {
        expect(run.summary).toEqual(scratch.summary);
        expect(run.issues).toEqual(scratch.issues);
        expect(run.dataset.inputCounts).toEqual(scratch.dataset.inputCounts);
        expect(run.book).toEqual(scratch.book);
      }
    },
  );

  test("a run with another column choice than the check's builds its own dataset", async () => {
    const memo = createDatasetMemo();
    memo.build(workbook, {});
    const options = { runAt, columns: { sales: { revenue: "store_id" } } };
    const run = await runAnalysis(workbook, checked, { ...options, buildDataset: memo.build });
    expect(memo.reused).toBe(false);
    const scratch = await runAnalysis(workbook, checked, options);
    expect(run.summary).toEqual(scratch.summary);
    expect(run.issues).toEqual(scratch.issues);
    // The choice matters: the run without it differs.
    const unchosen = await runAnalysis(workbook, checked, { runAt });
    expect(unchosen.summary).not.toEqual(scratch.summary);
  });
});

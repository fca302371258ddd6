/**
 * RGO Actions built with the results workbook (issue 14): a run with no previous RGO Actions sheet
 * builds the sheet only when its book is read, because then the actions give nothing else. Held
 * here: without a previous sheet a merge reports no issue and no summary block, whatever the
 * flagged customers (so the summary loses nothing); and the book's RGO Actions sheet is the one
 * buildActions gives eagerly, the path it replaced.
 */
import fc from "fast-check";
import {
  actionsReachSummary,
  asOfDayOf,
  buildActions,
} from "../../src/engine/history/build-actions";
import { mergeActions } from "../../src/engine/history/merge-actions";
import { readCsvFolder } from "../../src/workbook/csv-folder-reader";
import { SEED_DIR } from "../engine/seed-helpers";
import { run } from "./actions-helpers";

test("without a previous sheet a merge has no issue, whatever the flagged customers", () => {
  const id = fc.string({ minLength: 1, maxLength: 4 });
  fc.assert(
    fc.property(
      // A run flags each customer once.
      fc.uniqueArray(
        fc.record({
          customerId: id,
          gapType: fc.constantFrom("decline", "below_baseline", "zero_spend"),
          rootCause: fc.option(fc.constantFrom("stockout", "behavioural"), { nil: null }),
          revenueAtRisk: fc.double({ min: 0, max: 1e6, noNaN: true }),
          weeklySpend: fc.double({ min: 0, max: 1e6, noNaN: true }),
        }),
        { maxLength: 12, selector: (f) => f.customerId },
      ),
      fc.option(fc.array(id, { maxLength: 6 }), { nil: undefined }),
      (flagged, lastRun) => {
        const merged = mergeActions({
          previous: null,
          flagged,
          weeklySpendNow: () => 1,
          asOfDay: 20000,
          ...(lastRun !== undefined ? { flaggedLastRun: new Set(lastRun) } : {}),
        });
        expect(merged.issues).toEqual([]);
        // Every flagged customer is a new row, none carried or kept deleted.
        expect(merged.counts.added).toBe(flagged.length);
        expect(merged.counts.keptDeleted).toBe(0);
      },
    ),
  );
});

test("a run without a previous sheet: the book's RGO Actions is buildActions' sheet, and the summary loses nothing", async () => {
  const out = await run(await readCsvFolder(SEED_DIR));
  expect(actionsReachSummary(out.result, undefined)).toBe(false);
  const eager = buildActions(out.result, asOfDayOf(out.dataset), undefined);
  expect(eager).not.toBeNull();
  expect(eager?.issues).toEqual([]);
  expect(eager?.summaryBlocks).toEqual([]);
  const sheet = out.book.sheets.find((s) => s.name === "RGO Actions");
  expect(sheet).toEqual(eager?.sheet);
  // One row per customer with a gap (counted from the gap rows, not from the sheet's builder).
  const flagged = new Set(out.result.gaps.map((g) => g.customerId));
  const content = sheet?.content;
  expect(content?.kind === "table" ? content.table.rows.length : -1).toBe(flagged.size);
  expect(out.issues.filter((i) => i.sheet === "RGO Actions")).toEqual([]);
});

test("a run on one customer or with a previous sheet builds the actions with the run", async () => {
  const out = await run(await readCsvFolder(SEED_DIR));
  expect(actionsReachSummary(out.result, { source: "x" })).toBe(false);
  expect(
    actionsReachSummary(out.result, {
      source: "x",
      actions: { name: "t", origin: "csv", header: [], rows: [], headerRow: 1, firstColumn: 1 },
    }),
  ).toBe(true);
  expect(
    actionsReachSummary({ ...out.result, scope: { mode: "single", customerId: "C1" } }, undefined),
  ).toBe(true);
});

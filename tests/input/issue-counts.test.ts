/**
 * Every issue kind reports its true count even when only the first ones are listed: the
 * collector's summary entry carries the number left out, and the totals (CLI headline, --json
 * entries, RGO Summary's "Input issues", the pane's data check) add it up.
 */
import fc from "fast-check";
import { formatHeadline } from "../../src/cli/headline";
import { IssueCollector } from "../../src/engine/input/issue-collector";
import { issueTotals } from "../../src/engine/issue";
import { runAnalysis } from "../../src/engine/pipeline/run-analysis";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import type { CellValue } from "../../src/engine/input/raw-table";
import { table } from "./helpers";

test("collector: 10 errors of one kind with a cap of 3 -> 3 listed + a summary counting 7", () => {
  const c = new IssueCollector(3);
  for (let i = 0; i < 10; i++) c.add("error", "bad", "S", i + 2, "A", `row ${i + 2}`);
  c.add("warning", "other", "S", null, null, "one");
  const out = c.finish();
  expect(out).toHaveLength(5);
  expect(out[4]).toMatchObject({ code: "bad", row: null, count: 7 });
  expect(out[4].message).toBe("7 more issues of this kind (bad) were not listed; 10 in total.");
  expect(issueTotals(out)).toEqual({ error: 10, warning: 1, info: 0, total: 11 });
});

test("property: totals are the true counts per severity, whatever the cap", () => {
  const sev = fc.constantFrom("error" as const, "warning" as const, "info" as const);
  fc.assert(
    fc.property(
      fc.array(fc.tuple(sev, fc.constantFrom("a", "b", "c")), { maxLength: 300 }),
      fc.integer({ min: 1, max: 50 }),
      (adds, cap) => {
        const c = new IssueCollector(cap);
        const want = { error: 0, warning: 0, info: 0, total: 0 };
        // one severity per code, as readers use them
        const sevOf = new Map<string, "error" | "warning" | "info">();
        for (const [s, code] of adds) {
          const s0 = sevOf.get(code) ?? s;
          sevOf.set(code, s0);
          c.add(s0, code, "S", 1, null, "m");
          want[s0]++;
          want.total++;
        }
        const out = c.finish();
        expect(issueTotals(out)).toEqual(want);
        expect(out.length).toBeLessThanOrEqual(3 * (cap + 1));
      },
    ),
  );
});

test("a run with 450 bad rows: headline, --json entries and RGO Summary say 450", async () => {
  const rows: CellValue[][] = [];
  for (let w = 0; w < 4; w++) rows.push(["1", `2025-09-${String(6 + 7 * w).padStart(2, "0")}`, 10]);
  for (let i = 0; i < 450; i++) rows.push(["1", "2025-09-06", "n/a"]);
  const v = validatePack(BUILTIN_PACKS.default, RGO_REGISTRY);
  if (!v.ok) throw new Error("default pack invalid");
  const out = await runAnalysis(
    [table("weekly_sales", ["customer_id", "week_start_date", "weekly_spend"], rows)],
    { pack: v.pack, hash: v.hash },
    { runAt: new Date("2025-10-01T00:00:00Z") },
  );
  const bad = out.issues.filter((i) => i.code === "not-a-number");
  expect(bad).toHaveLength(201);
  expect(issueTotals(out.issues).error).toBe(450);
  expect(out.summary.issues.reduce((a, i) => a + (i.count ?? 1), 0)).toBe(
    issueTotals(out.issues).total,
  );
  expect(formatHeadline(out.summary)).toMatch(/Input issues {5}450 errors, /);
  const summarySheet = out.book.sheets.find((s) => s.name === "RGO Summary");
  const figures =
    summarySheet?.content.kind === "report"
      ? summarySheet.content.blocks.flatMap((b) => (b.kind === "figures" ? b.items : []))
      : [];
  expect(figures.find((f) => f.label === "Input issues")?.value).toBe(
    issueTotals(out.issues).total,
  );
});

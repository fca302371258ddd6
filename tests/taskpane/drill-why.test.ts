/**
 * The why once per customer: the clauses every row's why shares are shown once; each gap row
 * keeps the clauses only it has and its own rules; nothing is lost and nothing repeated
 * (hand-worked, fast-check on whys composed as explain-gaps.ts composeWhy composes them, and
 * customer 154 of the seed data with seed-tier2).
 */
import { resolve } from "node:path";
import fc from "fast-check";
import { buildDataset } from "../../src/engine/input/build-dataset";
import { analyze } from "../../src/engine/pipeline/analyze";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { composeWhy } from "../../src/engine/stages/explain-gaps";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import { clausesOf, customerWhy, splitWhy } from "../../src/taskpane/state/drill-why";
import { customerDetail } from "../../src/taskpane/worker/customer-detail";
import type { CustomerDetail } from "../../src/taskpane/worker/protocol";
import { readCsvFolder } from "../../src/workbook/csv-folder-reader";

const SEED = resolve(__dirname, "../../../shared/data/seed");

type Gap = CustomerDetail["gaps"][number];
const gap = (rank: number, gapType: string, why: string, gapAmount = 186.26): Gap => ({
  rank,
  gapType,
  severity: "high",
  gapAmount,
  priorityScore: 8.35,
  rootCause: null,
  why,
});

test("hand-worked: shared clauses once, each row's own clause and rules under it", () => {
  const shared =
    "the shortfall is 28.3x normal week-to-week noise; no purchase in the last 5 weeks";
  const why = customerWhy(
    [
      gap(
        13,
        "zero_spend",
        composeWhy(
          ["no spend in 4 of the last 4 weeks", ...shared.split("; ")],
          ["zero-spend: 4 is at least 4"],
        ),
      ),
      gap(
        1,
        "below_baseline",
        composeWhy(
          ["recent 4-week average $0.00 is 100% below", ...shared.split("; ")],
          ["below-baseline: -100% is at most -20%"],
        ),
      ),
    ],
    "GBP",
  );
  expect(why).toEqual({
    why: "The shortfall is 28.3x normal week-to-week noise; no purchase in the last 5 weeks.",
    gaps: [
      {
        rank: 1,
        text: "#1 Below baseline (high): £186.26 a week, score 8.35",
        own: "recent 4-week average $0.00 is 100% below",
        rules: "below-baseline: -100% is at most -20%.",
      },
      {
        rank: 13,
        text: "#13 No spend (high): £186.26 a week, score 8.35",
        own: "no spend in 4 of the last 4 weeks",
        rules: "zero-spend: 4 is at least 4.",
      },
    ],
  });
  // One row: its whole sentence is the why.
  const one = customerWhy(
    [gap(2, "zero_spend", "Spend fell; stock was out. Rules: x: y.")],
    "USD",
    "month",
  );
  expect(one.why).toBe("Spend fell; stock was out.");
  expect(one.gaps).toEqual([
    { rank: 2, text: "#2 No spend (high): $186.26 a month, score 8.35", own: "", rules: "x: y." },
  ]);
  expect(customerWhy([], "USD")).toEqual({ why: "", gaps: [] });
});

test("splitWhy: a why of rules only, of a sentence only", () => {
  expect(splitWhy("Rules: a: b.")).toEqual({ plain: "", rules: "a: b." });
  expect(splitWhy("Spend fell.")).toEqual({ plain: "Spend fell.", rules: "" });
  expect(clausesOf("A; b; c.")).toEqual(["A", "b", "c"]);
});

const clause = fc.stringMatching(/^[a-z0-9][a-z0-9 .,%$-]{0,20}[a-z0-9%]$/);

test("whys composed as the engine composes them: every clause of every row is shown, shared ones once", () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(clause, { minLength: 1, maxLength: 6 }),
      fc.array(
        fc.record({
          own: fc.uniqueArray(clause, { maxLength: 2 }),
          take: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
          rules: fc.array(clause, { maxLength: 2 }),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      (pool, rows) => {
        const clausesPerRow = rows.map((r) => [
          ...new Set([...pool.filter((_c, i) => r.take[i]), ...r.own]),
        ]);
        const gaps = rows.map((r, i) =>
          gap(i + 1, "revenue_gap", composeWhy(clausesPerRow[i], r.rules)),
        );
        const why = customerWhy(gaps, "USD");
        expect(why.gaps.map((g) => g.rank)).toEqual(gaps.map((g) => g.rank));
        const shown = clausesOf(why.why).map((c) => c.charAt(0).toLowerCase() + c.slice(1));
        // Shown once: no clause twice in the why, none of the why's again in a row.
        expect(new Set(shown).size).toBe(shown.length);
        why.gaps.forEach((line, i) => {
          const own = line.own === "" ? [] : line.own.split("; ");
          for (const c of own) expect(shown).not.toContain(c);
          // Every clause of the row is in the why or the row's own list.
          expect(new Set([...shown, ...own])).toEqual(new Set([...shown, ...clausesPerRow[i]]));
          for (const c of clausesPerRow[i]) expect([...shown, ...own]).toContain(c);
          expect(line.rules).toBe(rows[i].rules.length > 0 ? `${rows[i].rules.join("; ")}.` : "");
        });
      },
    ),
  );
});

test("customer 154 (seed data, seed-tier2): one why, each row's clauses and rules under it", async () => {
  const checked = validatePack(BUILTIN_PACKS["seed-tier2"], RGO_REGISTRY);
  if (!checked.ok) throw new Error("pack");
  const { dataset } = buildDataset(await readCsvFolder(SEED));
  const result = await analyze(dataset, checked.pack, { runAt: new Date("2026-01-01T00:00:00Z") });
  const d = customerDetail(dataset, result, "154");
  if (d === null) throw new Error("154");
  const rows = result.gaps.filter((g) => g.customerId === "154");
  const why = customerWhy(d.gaps, "USD");
  expect(why.gaps.map((g) => g.rank)).toEqual(rows.map((g) => g.rank).sort((a, b) => a - b));
  expect(rows.length).toBeGreaterThan(1);
  // The shown text is much shorter than the rows' whys repeated, and holds each row's rules.
  const shownLength =
    why.why.length +
    why.gaps.reduce((n, g) => n + g.text.length + g.own.length + g.rules.length, 0);
  const repeatedLength = rows.reduce((n, g) => n + g.why.length, 0);
  expect(shownLength).toBeLessThan(repeatedLength * 0.75);
  for (const g of rows) {
    const line = why.gaps.find((l) => l.rank === g.rank);
    expect(g.why.endsWith(`Rules: ${line?.rules}`)).toBe(true);
  }
});

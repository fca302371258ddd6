/** Properties of analyze on random small datasets, plus abort and determinism. */
import fc from "fast-check";
import { analyze } from "../../src/engine/pipeline/analyze";
import { makeDataset } from "./make-dataset";
import { rawPack, RUN_AT, seedDataset } from "./seed-helpers";

const spendArb = fc.array(
  fc.array(
    fc.integer({ min: 0, max: 20000 }).map((c) => c / 100),
    { minLength: 12, maxLength: 12 },
  ),
  { minLength: 1, maxLength: 25 },
);

test("ranking is a permutation sorted by the key; totals equal the sums of their rows", async () => {
  await fc.assert(
    fc.asyncProperty(
      spendArb,
      fc.constantFrom("seed-tier2", "seed-v2", "default"),
      async (rows, name) => {
        const ds = makeDataset(
          rows.map((spend, i) => ({ id: String(i + 1), spend, store: 0, highValue: i % 3 === 0 })),
          [[2, 5, 9]],
        );
        const pack = rawPack(name);
        const r = await analyze(ds, pack, { runAt: RUN_AT, topN: 5 });
        expect(r.gaps.map((g) => g.rank)).toEqual(r.gaps.map((_, i) => i + 1));
        const key = (g: (typeof r.gaps)[number]) =>
          r.parameters.ranking.by === "exposure" ? g.exposure : g.priorityScore;
        for (let i = 1; i < r.gaps.length; i++)
          expect(key(r.gaps[i - 1])).toBeGreaterThanOrEqual(key(r.gaps[i]));
        const c = (xs: number[]) => xs.reduce((a, x) => a + Math.round(x * 100), 0) / 100;
        expect(r.portfolio.totalGap).toBe(c(r.gaps.map((g) => g.gapAmount)));
        expect(r.portfolio.totalExposure).toBe(
          r.parameters.exposure.enabled ? c(r.gaps.map((g) => g.exposure)) : 0,
        );
        expect(r.portfolio.potentialRecovery).toBe(c(r.topGaps.map((g) => g.recoveryPotential)));
        expect(r.portfolio.gapCount).toBe(
          Object.values(r.portfolio.gapsByType).reduce((a, b) => a + b, 0),
        );
        const sev = r.portfolio.severityCounts;
        expect(sev.high + sev.medium + sev.low).toBe(r.gaps.length);
        expect(c(Object.values(r.portfolio.exposureByCause))).toBe(r.portfolio.totalExposure);
        expect(c(Object.values(r.portfolio.exposureByTier))).toBe(r.portfolio.totalExposure);
        expect(r.topGaps.length).toBe(Math.min(5, r.gaps.length));
        for (const g of r.gaps) {
          expect(g.gapAmount).toBeGreaterThanOrEqual(0);
          for (const s of Object.values(g.subScores)) expect(s >= 0 && s <= 10).toBe(true);
        }
      },
    ),
    { numRuns: 40 },
  );
});

test("same input -> same output (apart from timings)", async () => {
  const ds = await seedDataset();
  const strip = (r: Awaited<ReturnType<typeof analyze>>) => JSON.stringify({ ...r, timings: [] });
  const a = await analyze(ds, rawPack("seed-v2"), { runAt: RUN_AT });
  const b = await analyze(ds, rawPack("seed-v2"), { runAt: RUN_AT });
  expect(strip(a)).toBe(strip(b));
});

test("abort stops the run with a cancelled error; progress is reported", async () => {
  const ds = await seedDataset();
  const controller = new AbortController();
  const stages: string[] = [];
  const run = analyze(
    ds,
    rawPack("seed-tier2"),
    { runAt: RUN_AT },
    {
      signal: controller.signal,
      onProgress: (p) => {
        stages.push(p.stage);
        if (p.stage === "classify") controller.abort();
      },
    },
  );
  await expect(run).rejects.toMatchObject({ kind: "cancelled" });
  expect(stages).toContain("metrics");
  expect(stages).not.toContain("rank");
});

test("20,000 customers x 52 weeks: every customer analysed (speed is measured by npm run bench)", async () => {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const customers = Array.from({ length: 20000 }, (_, i) => ({
    id: String(i + 1),
    spend: Array.from({ length: 52 }, (_, w) =>
      rand() < 0.1 ? 0 : Math.round(rand() * 20000 * (1 - w / 104)) / 100,
    ),
    store: i % 2,
  }));
  const ds = makeDataset(customers, [
    [3, 9, 20],
    [4, 30],
  ]);
  const r = await analyze(ds, rawPack("seed-v2"), { runAt: RUN_AT });
  expect(r.customers).toHaveLength(20000);
});

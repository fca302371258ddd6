/**
 * A run's customers as columns, their objects made when `result.customers` is first read (issue
 * 14, engine-fast round), against the customers stage it replaced (reference/customers-before.ts:
 * a CustomerResult per customer with its record from the replaced classify stage, the money set
 * on the objects): the same objects, keys in the same order, the same JSON; and the churn list,
 * portfolio and rollups, now read from the columns, equal those the replaced code makes from the
 * reference objects (reference/portfolio-before.ts; the churn chain as churn-list.test.ts keeps it).
 * On the seed data with each built-in pack, and on a single customer's run.
 */
import type { AnalysisResult, CustomerResult } from "../../src/engine/analysis-result";
import { computeMetrics } from "../../src/engine/metrics/compute-metrics";
import { analyze } from "../../src/engine/pipeline/analyze";
import { makeRounder } from "../../src/engine/rounding/round-rule";
import { churnProbability, churnScore } from "../../src/engine/stages/churn-scores";
import { columnsOfCustomers } from "../../src/engine/stages/customer-columns";
import { priorityBands } from "../../src/engine/stages/priority-band";
import { resolveParameters } from "../../src/engine/stages/resolve-parameters";
import { segmentRollups } from "../../src/engine/stages/segment-rollups";
import { churnListBefore } from "./reference/churn-list-before";
import { classifyCustomersBefore } from "./reference/classify-before";
import { customersStageBefore } from "./reference/customers-before";
import { portfolioRollupBefore } from "./reference/portfolio-before";
import { RUN_AT, rawPack, seedDataset } from "./seed-helpers";

/** The customers the replaced stages made for `result`'s run of `pack` on the seed data. */
async function referenceCustomers(pack: string, result: AnalysisResult): Promise<CustomerResult[]> {
  const ds = await seedDataset();
  const params = resolveParameters(rawPack(pack));
  const r = makeRounder(params.rounding);
  const selection =
    result.scope.customerId === null
      ? Int32Array.from({ length: ds.customers.count }, (_, i) => i)
      : Int32Array.of(ds.customers.indexById.get(result.scope.customerId) ?? -1);
  const metrics = computeMetrics(ds, selection, params.windows, r, undefined, params.attribution);
  const cls = classifyCustomersBefore(metrics, rawPack(pack).rules, params);
  const ids = Array.from(selection, (i) => ds.customers.ids[i]);
  const churnScores = Float64Array.from(ids, (_, k) =>
    churnScore(cls.churnListed[k] === 1, metrics.numeric.trailingZeroWeeks[k], params.churn),
  );
  return customersStageBefore({
    ids,
    cls,
    churnScores,
    churnProbabilityOf: (score) => churnProbability(score, params.churn, r),
    ranked: result.gaps,
    bands: priorityBands(params.scoring),
  });
}

describe.each(["seed-tier2", "seed-v2", "default"])("customers as columns (%s)", (pack) => {
  it("the run's customers, churn list, portfolio and rollups are the replaced stages'", async () => {
    const result = await analyze(await seedDataset(), rawPack(pack), { runAt: RUN_AT });
    expect(result.model?.summary ?? null).toBeNull(); // a fitted model adds facts: none here
    const reference = await referenceCustomers(pack, result);
    // Read before the customers: the churn list and portfolio were made from the columns.
    expect(result.churn).toEqual(churnListBefore(reference));
    const usedSegments = [
      ...new Set(
        rawPack(pack)
          .rules.filter((x) => x.event.type === "segment")
          .map((x) => String(x.event.params.segment)),
      ),
    ];
    expect(result.portfolio).toEqual(
      portfolioRollupBefore(
        result.gaps,
        result.parameters.ranking.topN,
        reference,
        result.parameters,
        usedSegments,
      ),
    );
    const customers = result.customers;
    expect(result.customers).toBe(customers);
    expect(customers.map((c) => Object.keys(c))).toEqual(reference.map((c) => Object.keys(c)));
    expect(customers.map((c) => Object.keys(c.facts))).toEqual(
      reference.map((c) => Object.keys(c.facts)),
    );
    expect(customers).toEqual(reference);
    expect(JSON.stringify(customers)).toBe(JSON.stringify(reference));
    // The whole result's JSON has them where it had them: after topGaps, before churn.
    const keys = Object.keys(result);
    expect(keys.indexOf("customers")).toBe(keys.indexOf("topGaps") + 1);
    expect(keys.indexOf("churn")).toBe(keys.indexOf("customers") + 1);
    expect(JSON.parse(JSON.stringify(result)).customers).toEqual(
      JSON.parse(JSON.stringify(reference)),
    );
    // Rollups (the default pack asks for them): as rollupBy makes them from the objects.
    for (const rollup of result.rollups ?? []) {
      const again = segmentRollups(
        await seedDataset(),
        Int32Array.from({ length: customers.length }, (_, i) => i),
        columnsOfCustomers(reference),
        [rollup.attribute],
        result.parameters.exposure.enabled,
      );
      expect(again).toEqual([rollup]);
      expect(rollup.rows.reduce((s, row) => s + row.customers, 0)).toBe(customers.length);
    }
    if (pack === "default") expect(result.rollups?.length ?? 0).toBeGreaterThan(0);
    // Money is set on the customers with gaps, and only on them (hand-checkable invariant).
    expect(customers.filter((c) => c.gapCount > 0).length).toBe(result.portfolio.customersWithGaps);
  });

  it("a single customer's run gives that customer as before", async () => {
    const ds = await seedDataset();
    const id = ds.customers.ids[5];
    const result = await analyze(ds, rawPack(pack), { runAt: RUN_AT, customerId: id });
    const reference = await referenceCustomers(pack, result);
    expect(result.customers).toEqual(reference);
    expect(JSON.stringify(result.customers)).toBe(JSON.stringify(reference));
    expect(result.customers[0].customerId).toBe(id);
  });

  it("customers can be replaced as before (the property stays writable)", async () => {
    const result = await analyze(await seedDataset(), rawPack(pack), { runAt: RUN_AT });
    const one = result.customers.slice(0, 1);
    result.customers = one;
    expect(result.customers).toBe(one);
  });
});

/**
 * Segment rollups (issue 11): revenue at risk, customers with gaps and exposure by a customer
 * attribute. Hand-worked groups and order, a property that every rollup foots to the totals of
 * the same customers (each customer once, in cents), the pack switch (report.rollups), and the
 * no-stock wording of the explanations and methodology.
 */
import fc from "fast-check";
import type { CustomerResult } from "../../src/engine/analysis-result";
import { analyze } from "../../src/engine/pipeline/analyze";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { buildResultBook } from "../../src/engine/report/build-result-book";
import type { SummaryBlock } from "../../src/engine/report/result-book";
import { bandOrderKey, rollupBy } from "../../src/engine/stages/segment-rollups";
import { specsForStock, withoutInStock } from "../../src/engine/stages/stock-wording";
import { FACT_SPECS_BY_NAME } from "../../src/engine/registry/rgo-registry";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import type { RulePack } from "../../src/rules/rule-pack";
import { validatePack } from "../../src/rules/validate-pack";
import { customerResult } from "./customer-result";
import { makeDataset } from "./make-dataset";
import { RUN_AT } from "./seed-helpers";

/** A customer result with only what a rollup reads set. */
function cust(id: string, revenueAtRisk: number, exposure: number): CustomerResult {
  return customerResult(id, { gapCount: revenueAtRisk > 0 ? 1 : 0, revenueAtRisk, exposure });
}

describe("bandOrderKey", () => {
  test("hand cases", () => {
    expect(bandOrderKey("45-54")).toBe(45);
    expect(bandOrderKey("65+")).toBe(65);
    expect(bandOrderKey("Under 15K")).toBe(14.5);
    expect(bandOrderKey("15-24K")).toBe(15);
    expect(bandOrderKey("250K+")).toBe(250);
    expect(bandOrderKey("$35,000-$49,999")).toBe(35000);
    expect(bandOrderKey("5+")).toBe(5);
    expect(bandOrderKey("3")).toBe(3);
    expect(bandOrderKey("North")).toBeNull();
    expect(bandOrderKey("2 Adults No Kids")).toBeNull();
  });

  test("property: 'Under a' sorts before 'a-b' and 'a-b' before 'c+' when a < c", () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(500), fc.integer({ min: 1, max: 500 }), (a, w, d) => {
        const under = bandOrderKey(`Under ${a}K`) ?? NaN;
        const range = bandOrderKey(`${a}-${a + w}K`) ?? NaN;
        const plus = bandOrderKey(`${a + d}K+`) ?? NaN;
        expect(under).toBeLessThan(range);
        expect(range).toBeLessThan(plus);
      }),
    );
  });
});

describe("rollupBy", () => {
  test("hand case: income bands in band order, unknown last, money each customer once", () => {
    // A 50-74K $10.10 risk / $15.15 exposure; B Under 15K no gap; C 50-74K $0.20 / $0.30;
    // D unknown $5.00 / $7.50; E 250K+ $1.01 / $1.52.
    const customers = [
      cust("A", 10.1, 15.15),
      cust("B", 0, 0),
      cust("C", 0.2, 0.3),
      cust("D", 5, 7.5),
      cust("E", 1.01, 1.52),
    ];
    const values = ["50-74K", "Under 15K", "50-74K", null, "250K+"];
    expect(rollupBy("income", customers, values, true)).toEqual({
      attribute: "income",
      rows: [
        { value: "Under 15K", customers: 1, customersWithGaps: 0, revenueAtRisk: 0, exposure: 0 },
        {
          value: "50-74K",
          customers: 2,
          customersWithGaps: 2,
          revenueAtRisk: 10.3,
          exposure: 15.45,
        },
        { value: "250K+", customers: 1, customersWithGaps: 1, revenueAtRisk: 1.01, exposure: 1.52 },
        { value: "unknown", customers: 1, customersWithGaps: 1, revenueAtRisk: 5, exposure: 7.5 },
      ],
    });
    // Exposure off: no exposure counted, as the portfolio total.
    expect(rollupBy("income", customers, values, false).rows.map((r) => r.exposure)).toEqual([
      0, 0, 0, 0,
    ]);
  });

  test("names (regions) by revenue at risk, largest first; loyalty members first", () => {
    const customers = [cust("A", 1, 0), cust("B", 3, 0), cust("C", 2, 0), cust("D", 2, 0)];
    expect(
      rollupBy("region", customers, ["West", "East", null, "West"], false).rows.map((r) => [
        r.value,
        r.revenueAtRisk,
      ]),
    ).toEqual([
      ["East", 3],
      ["West", 3],
      ["unknown", 2],
    ]);
    expect(
      rollupBy("loyalty", customers, ["not a member", "member", null, "member"], false).rows.map(
        (r) => r.value,
      ),
    ).toEqual(["member", "not a member", "unknown"]);
  });

  test("property: the groups foot to the totals, every customer in exactly one group", () => {
    const money = fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            risk: money,
            exposure: money,
            value: fc.option(fc.constantFrom("19-24", "65+", "Under 15K", "North", " "), {
              nil: null,
            }),
          }),
          { maxLength: 40 },
        ),
        (xs) => {
          const customers = xs.map((x, i) => cust(`C${i}`, x.risk, x.exposure));
          const r = rollupBy(
            "region",
            customers,
            xs.map((x) => x.value),
            true,
          );
          const cents = (v: number) => Math.round(v * 100);
          const sum = (f: (row: (typeof r.rows)[number]) => number) =>
            r.rows.reduce((a, row) => a + f(row), 0);
          expect(sum((row) => cents(row.revenueAtRisk))).toBe(
            xs.reduce((a, x) => a + (x.risk > 0 ? cents(x.risk) : 0), 0),
          );
          expect(sum((row) => cents(row.exposure))).toBe(
            xs.reduce((a, x) => a + (x.risk > 0 ? cents(x.exposure) : 0), 0),
          );
          expect(sum((row) => row.customers)).toBe(xs.length);
          expect(sum((row) => row.customersWithGaps)).toBe(xs.filter((x) => x.risk > 0).length);
          expect(new Set(r.rows.map((row) => row.value)).size).toBe(r.rows.length);
          if (r.rows.some((row) => row.value === "unknown"))
            expect(r.rows[r.rows.length - 1].value).toBe("unknown");
        },
      ),
    );
  });
});

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
function pack(name: string, rollups?: string[]): RulePack {
  const p = clone(BUILTIN_PACKS[name]) as { parameters: Record<string, unknown> };
  if (rollups !== undefined) p.parameters.report = { rollups };
  const checked = validatePack(p, RGO_REGISTRY);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.pack;
}

/**
 * 16 weeks: A spends $100 a week then nothing for the last 5 weeks (an unusual silence); B spends
 * $80 every week. Both at store 101 (index 0).
 */
function twoCustomers(withStock: boolean) {
  return makeDataset(
    [
      { id: "A", spend: [...Array<number>(11).fill(100), 0, 0, 0, 0, 0], store: 0 },
      { id: "B", spend: Array<number>(16).fill(80), store: 0 },
    ],
    withStock ? [[]] : [],
  );
}

const summaryBlocks = (blocks: SummaryBlock[], kind: SummaryBlock["kind"]) =>
  blocks.filter((b) => b.kind === kind);

describe("report.rollups in a pack", () => {
  test("the seed presets ask for none; [] asks for none; names give one table each", async () => {
    const ds = twoCustomers(true);
    ds.customers.segment = ["North", null];
    for (const p of [pack("seed-tier2"), pack("seed-v2"), pack("default", [])]) {
      const r = await analyze(ds, p, { runAt: RUN_AT });
      expect(r.rollups).toBeUndefined();
    }
    const r = await analyze(ds, pack("default", ["income", "region", "store"]), { runAt: RUN_AT });
    // No income in the input: left out. Region and store in the pack's order.
    expect(r.rollups?.map((x) => x.attribute)).toEqual(["region", "store"]);
    const risk = r.customers.reduce((a, c) => a + Math.round(c.revenueAtRisk * 100), 0);
    expect(risk).toBeGreaterThan(0);
    for (const x of r.rollups ?? [])
      expect(x.rows.reduce((a, row) => a + Math.round(row.revenueAtRisk * 100), 0)).toBe(risk);
    // Every analysed customer is in a group, with or without a gap.
    expect(r.rollups?.[0].rows.map((row) => [row.value, row.customers])).toEqual([
      ["North", 1],
      ["unknown", 1],
    ]);
  });

  test("an attribute name the schema does not know is refused", () => {
    const p = clone(BUILTIN_PACKS.default) as { parameters: Record<string, unknown> };
    p.parameters.report = { rollups: ["shoeSize"] };
    expect(validatePack(p, RGO_REGISTRY).ok).toBe(false);
  });
});

describe("no stock data: no explanation claims the store was in stock", () => {
  const inStock = /\bin[\s-]stock\b/i;

  test("fact descriptions lose their stock claims only without stock data", () => {
    expect(
      withoutInStock(
        "Weeks of the trailing zero-spend run in which the store was in stock (the customer stopped, not the shelf).",
      ),
    ).toBe("Weeks of the trailing zero-spend run (the customer stopped, not the shelf).");
    expect(
      withoutInStock("Mean spend of the current window's in-stock weeks below expectedAvg."),
    ).toBe("Mean spend of the current window's weeks below expectedAvg.");
    expect(specsForStock(FACT_SPECS_BY_NAME, true)).toBe(FACT_SPECS_BY_NAME);
    const without = specsForStock(FACT_SPECS_BY_NAME, false);
    for (const spec of without.values()) expect(spec.description ?? "").not.toMatch(inStock);
    // Descriptions without a stock claim are the same objects.
    expect(without.get("totalRevenue")).toBe(FACT_SPECS_BY_NAME.get("totalRevenue"));
  });

  test("without a stock table: every why says stockouts could not be assessed; so does the methodology", async () => {
    const r = await analyze(twoCustomers(false), pack("default"), { runAt: RUN_AT });
    expect(r.stockAssessed).toBe(false);
    expect(r.gaps.length).toBeGreaterThan(0);
    for (const g of r.gaps) {
      expect(g.why).not.toMatch(inStock);
      expect(g.why).toContain("stockouts could not be assessed (no stock data)");
    }
    const book = buildResultBook(r, {
      pack: pack("default"),
      packHash: "sha256:test",
      issues: [],
      source: "test",
      inputCounts: { customers: 2, salesRows: 32, stockRows: 0 },
      runAt: RUN_AT,
    });
    const s = book.sheets.find((x) => x.name === "RGO Summary");
    if (s?.content.kind !== "report") throw new Error("RGO Summary is a report");
    const bullets = summaryBlocks(s.content.blocks, "bullets").flatMap((b) =>
      b.kind === "bullets" ? b.items : [],
    );
    expect(
      bullets.some((t) => t.startsWith("Stockouts could not be assessed (no stock data)")),
    ).toBe(true);
    for (const t of bullets) expect(t).not.toMatch(inStock);
  });

  test("with a stock table (nothing out): today's wording", async () => {
    const r = await analyze(twoCustomers(true), pack("default"), { runAt: RUN_AT });
    expect(r.stockAssessed).toBeUndefined();
    const a = r.gaps.filter((g) => g.customerId === "A");
    expect(a.length).toBeGreaterThan(0);
    for (const g of a) {
      expect(g.why).toContain("no purchase in the last 5 weeks while the store was in stock");
      expect(g.why).not.toContain("could not be assessed");
    }
  });
});

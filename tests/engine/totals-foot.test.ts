/**
 * Issue 3 acceptance, "totals foot": on random small datasets, for every built-in pack and for
 * random valid variants of them (scoring model, bands, recovery scope and factors, exposure on/off,
 * ranking key, rounding rule, top N), every total shown on the result sheets equals the sum of the
 * displayed (rounded) rows it summarises, compared in cents; and no customer is counted twice.
 */
import fc from "fast-check";
import type { AnalysisResult } from "../../src/engine/analysis-result";
import { analyze } from "../../src/engine/pipeline/analyze";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { buildResultBook } from "../../src/engine/report/build-result-book";
import type {
  ResultBook,
  ResultCell,
  ResultTable,
  SummaryBlock,
} from "../../src/engine/report/result-book";
import { toSummaryJson } from "../../src/engine/report/summary-json";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import type { RulePack } from "../../src/rules/rule-pack";
import { validatePack } from "../../src/rules/validate-pack";
import { makeDataset } from "./make-dataset";
import { RUN_AT } from "./seed-helpers";
import { rollupTableName } from "../../src/engine/report/summary/breakdowns";
import { formatCurrency } from "../../src/engine/currency";

/** Dollars to cents; throws when a displayed money value is not a whole number of cents. */
function toCentsExact(v: ResultCell): number {
  if (typeof v !== "number") return 0;
  const c = Math.round(v * 100);
  expect(Math.abs(v * 100 - c)).toBeLessThan(1e-6);
  return c;
}
const sumCol = (
  t: ResultTable,
  header: string,
  keep: (r: ResultCell[]) => boolean = () => true,
) => {
  const i = t.columns.findIndex((c) => c.header === header);
  if (i < 0) throw new Error(`${t.name} has no column ${header}`);
  return t.rows.filter(keep).reduce((a, r) => a + toCentsExact(r[i]), 0);
};
const countCol = (t: ResultTable, header: string) => {
  const i = t.columns.findIndex((c) => c.header === header);
  if (i < 0) throw new Error(`${t.name} has no column ${header}`);
  return t.rows.reduce((a, r) => a + Number(r[i]), 0);
};

function dataTable(book: ResultBook, sheet: string): ResultTable {
  const s = book.sheets.find((x) => x.name === sheet);
  if (!s || s.content.kind !== "table") throw new Error(`${sheet} is not a table sheet`);
  return s.content.table;
}
function summaryBlocks(book: ResultBook): SummaryBlock[] {
  const s = book.sheets.find((x) => x.name === "RGO Summary");
  if (!s || s.content.kind !== "report") throw new Error("RGO Summary is a report");
  return s.content.blocks;
}
function figure(blocks: SummaryBlock[], label: string): ResultCell {
  for (const b of blocks)
    if (b.kind === "figures") for (const it of b.items) if (it.label === label) return it.value;
  throw new Error(`no figure ${label}`);
}
function findTable(blocks: SummaryBlock[], name: string): ResultTable | undefined {
  for (const b of blocks) if (b.kind === "table" && b.table.name === name) return b.table;
  return undefined;
}
function summaryTable(blocks: SummaryBlock[], name: string): ResultTable {
  const t = findTable(blocks, name);
  if (t === undefined) throw new Error(`no summary table ${name}`);
  return t;
}
/** The glossary bullet that starts with `term`. */
function glossary(blocks: SummaryBlock[], term: string): string {
  for (const b of blocks)
    if (b.kind === "bullets") for (const t of b.items) if (t.startsWith(term)) return t;
  throw new Error(`no glossary entry ${term}`);
}
const cents = (v: ResultCell) => toCentsExact(v);

/** The column a "Total …" line sums: "Total revenue at risk, top 5 customers" -> "Revenue at risk". */
function columnForTotal(label: string, table: ResultTable): number {
  const what = label
    .replace(/^Total /, "")
    .replace(/,.*$/, "")
    .toLowerCase();
  const candidates = what === "gaps" ? ["count"] : what === "gap" ? ["gap", "total gap"] : [what];
  const i = table.columns.findIndex((c) => candidates.includes(c.header.toLowerCase()));
  if (i < 0) throw new Error(`"${label}" sums no column of ${table.name}`);
  return i;
}

/** Every check of the acceptance on one run's book. */
function checkBook(result: AnalysisResult, book: ResultBook): void {
  const blocks = summaryBlocks(book);
  const gaps = dataTable(book, "RGO Gaps");
  const customers = dataTable(book, "RGO Customers");
  const risk = cents(figure(blocks, "Revenue at risk per week"));
  const exposureOn = result.parameters.exposure.enabled;
  const exposure = exposureOn ? cents(figure(blocks, "Exposure per week (risk-weighted)")) : 0;

  // Headline figures foot to the data sheets; the glossary states the total over gap rows.
  expect(glossary(blocks, "Total gap over gap rows")).toContain(
    formatCurrency(sumCol(gaps, "Gap amount") / 100, "USD"),
  );
  expect(risk).toBe(sumCol(customers, "Revenue at risk"));
  expect(exposure).toBe(sumCol(customers, "Exposure"));
  const counted = gaps.columns.findIndex((c) => c.header === "Counted in revenue at risk");
  expect(risk).toBe(sumCol(gaps, "Gap amount", (r) => r[counted] === "yes"));

  // No customer counted twice: one RGO Customers row each, one counted gap row per customer with gaps.
  const ids = customers.rows.map((r) => r[0]);
  expect(new Set(ids).size).toBe(ids.length);
  const countedIds = gaps.rows.filter((r) => r[counted] === "yes").map((r) => r[1]);
  expect(new Set(countedIds).size).toBe(countedIds.length);
  expect(new Set(gaps.rows.map((r) => r[1]))).toEqual(new Set(countedIds));
  expect(countedIds.length).toBe(result.portfolio.customersWithGaps);
  const gapsCol = customers.columns.findIndex((c) => c.header === "Gaps");
  expect(customers.rows.reduce((a, r) => a + Number(r[gapsCol]), 0)).toBe(gaps.rows.length);

  // Potential recovery sums the rows its scope names.
  const n = result.portfolio.topN;
  const recovery = cents(figure(blocks, `Potential recovery per week (${scopeLabel(result)})`));
  const scope = result.parameters.recovery.scope;
  // The top N gap rows are RGO Gaps' first N (ranked); the top N customers those of the best ranks.
  const topRows: ResultTable = { ...gaps, rows: gaps.rows.slice(0, n) };
  const bestRanked = result.customers
    .filter((c) => c.gapCount > 0)
    .sort((a, b) => a.bestRank - b.bestRank)
    .slice(0, n);
  if (countedIds.length > 0)
    expect(summaryTable(blocks, "RGO_Summary_TopCustomers").rows).toHaveLength(
      Math.min(n, countedIds.length),
    );
  const expectedRecovery =
    scope === "top-n"
      ? sumCol(topRows, "Recovery potential")
      : scope === "all"
        ? sumCol(gaps, "Recovery potential")
        : scope === "top-n-customers"
          ? bestRanked.reduce((a, c) => a + Math.round(c.recoveryPotential * 100), 0)
          : sumCol(customers, "Recovery potential");
  expect(recovery).toBe(expectedRecovery);

  // Every "Total …" line under a summary table sums that table's displayed rows.
  let totals = 0;
  blocks.forEach((b, i) => {
    const prev = blocks[i - 1];
    if (b.kind !== "figures" || prev?.kind !== "table") return;
    for (const it of b.items) {
      if (!it.label.startsWith("Total ")) continue;
      const col = columnForTotal(it.label, prev.table);
      const header = prev.table.columns[col].header;
      if (it.format === "currency") expect(cents(it.value)).toBe(sumCol(prev.table, header));
      else expect(it.value).toBe(countCol(prev.table, header));
      totals++;
    }
  });
  if (countedIds.length > 0) expect(totals).toBeGreaterThanOrEqual(1);

  // Breakdowns of revenue at risk and exposure add up to the headline figures: a table when the
  // customers with gaps have several values, else the value is said in a sentence (no table).
  const withGaps = result.customers.filter((c) => c.gapCount > 0);
  const dims: [string, (c: (typeof withGaps)[number]) => unknown][] = [
    ["RGO_Summary_RiskCause", (c) => c.rootCause],
    ["RGO_Summary_RiskType", (c) => c.primaryGapType],
    ["RGO_Summary_RiskBand", (c) => c.priorityBand],
    ...Object.keys(result.portfolio.revenueAtRiskBySegment).map(
      (seg): [string, (c: (typeof withGaps)[number]) => unknown] => [
        `RGO_Summary_Seg_${seg}`,
        (c) => c.facts[seg],
      ],
    ),
  ];
  for (const [name, key] of dims) {
    const values = new Set(withGaps.map(key)).size;
    const t = findTable(blocks, name);
    if (values < 2) {
      expect([name, t]).toEqual([name, undefined]);
      continue;
    }
    if (t === undefined) throw new Error(`no summary table ${name}`);
    expect(t.rows).toHaveLength(values);
    expect(sumCol(t, "Revenue at risk per week")).toBe(risk);
    expect(countCol(t, "Customers")).toBe(countedIds.length);
    if (exposureOn) expect(sumCol(t, "Exposure per week")).toBe(exposure);
    else expect(t.columns.map((c) => c.header)).not.toContain("Exposure per week");
    // One sort order on the page: by revenue at risk.
    const money = t.rows.map((r) => toCentsExact(r[2]));
    expect(money).toEqual([...money].sort((a, b) => b - a));
  }
  if (!exposureOn) expect(sumCol(customers, "Exposure")).toBe(0);

  // Every segment rollup (one table per customer attribute) foots to the headline figures.
  // (The random data always has stores, so a pack asking for rollups gets at least one.)
  if ((result.parameters.report?.rollups ?? []).includes("store"))
    expect(result.rollups?.map((r) => r.attribute)).toContain("store");
  for (const r of result.rollups ?? []) {
    const t = findTable(blocks, rollupTableName(r.attribute));
    // No table for one value, nor when no customer has a gap (nothing to break down).
    if (r.rows.length < 2 || countedIds.length === 0) {
      expect(t).toBeUndefined();
      continue;
    }
    if (t === undefined) throw new Error(`no rollup table ${r.attribute}`);
    expect(sumCol(t, "Revenue at risk per week")).toBe(risk);
    if (exposureOn) expect(sumCol(t, "Exposure per week")).toBe(exposure);
    expect(countCol(t, "Customers with gaps")).toBe(countedIds.length);
    expect(countCol(t, "Customers")).toBe(customers.rows.length);
  }

  // Charts point at tables of the summary sheet, at a text and a money column: the pie by cause
  // whenever the cause table is there.
  const summary = book.sheets.find((x) => x.name === "RGO Summary");
  expect(summary?.charts?.some((c) => c.table === "RGO_Summary_RiskCause")).toBe(
    findTable(blocks, "RGO_Summary_RiskCause") !== undefined,
  );
  for (const c of summary?.charts ?? []) {
    const t = summaryTable(blocks, c.table);
    expect(t.columns[c.categoryColumn].format).toBe("text");
    expect(t.columns[c.valueColumn].format).toBe("currency");
  }

  // The summary JSON says the same as the sheets.
  const json = toSummaryJson(result, META(result));
  expect(Math.round(json.summary.revenueAtRisk * 100)).toBe(risk);
  expect(Math.round(json.summary.totalExposure * 100)).toBe(exposure);
  expect(Math.round(json.summary.totalGap * 100)).toBe(sumCol(gaps, "Gap amount"));
  expect(Math.round(json.summary.potentialRecovery * 100)).toBe(recovery);
  const byCause = Object.values(json.summary.revenueAtRiskByCause);
  expect(byCause.reduce((a, v) => a + Math.round(v * 100), 0)).toBe(risk);
  const byType = Object.values(json.summary.revenueAtRiskByGapType);
  expect(byType.reduce((a, v) => a + Math.round(v * 100), 0)).toBe(risk);
  expect(Object.keys(json.rollups ?? {})).toEqual((result.rollups ?? []).map((r) => r.attribute));
  for (const rows of Object.values(json.rollups ?? {}))
    expect(rows.reduce((a, x) => a + Math.round(x.revenueAtRisk * 100), 0)).toBe(risk);
}

function scopeLabel(r: AnalysisResult): string {
  const n = r.portfolio.topN;
  return {
    "top-n": `top ${n} gap rows`,
    all: "all gap rows",
    "top-n-customers": `top ${n} customers`,
    "all-customers": "all customers",
  }[r.parameters.recovery.scope];
}

const META = (r: AnalysisResult) => ({
  pack: { format: "rgo-rule-pack/1", name: "t", version: "1", rules: [], parameters: {} } as never,
  packHash: "sha256:test",
  issues: [],
  source: "test",
  inputCounts: { customers: r.customers.length, salesRows: 0, stockRows: 0 },
  runAt: RUN_AT,
});

/** Random customers: 12 weeks of spend in cents (some zero runs), store 0/1, some high value. */
const datasetArb = fc
  .array(
    fc.record({
      spend: fc.array(
        fc.oneof(
          { weight: 1, arbitrary: fc.constant(0) },
          { weight: 5, arbitrary: fc.integer({ min: 1, max: 25000 }) },
        ),
        { minLength: 12, maxLength: 12 },
      ),
      store: fc.integer({ min: 0, max: 1 }),
      highValue: fc.boolean(),
      region: fc.option(fc.constantFrom("North", "South", "East"), { nil: null }),
      ageBand: fc.option(fc.constantFrom("19-24", "45-54", "65+"), { nil: null }),
      income: fc.option(fc.constantFrom("Under 15K", "50-74K", "250K+"), { nil: null }),
      dropFrom: fc.integer({ min: 4, max: 12 }),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((cs) => {
    const ds = makeDataset(
      cs.map((c, i) => ({
        id: `C${i + 1}`,
        // A drop from week `dropFrom` on makes gaps likely (all gap types get exercised).
        spend: c.spend.map((v, w) => (w >= c.dropFrom ? Math.floor(v / 3) : v) / 100),
        store: c.store,
        highValue: c.highValue,
      })),
      [
        [2, 5, 9, 10],
        [4, 11],
      ],
    );
    // Customer attributes for the segment rollups (age as bands: lower bound + label).
    ds.customers.segment = cs.map((c) => c.region);
    ds.customers.ageBand = cs.map((c) => c.ageBand);
    ds.customers.age = Float64Array.from(cs, (c) =>
      c.ageBand === null ? NaN : Number(/^\d+/.exec(c.ageBand)?.[0]),
    );
    ds.customers.income = cs.map((c) => c.income);
    return ds;
  });

type Json = Record<string, unknown>;
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** A random valid variant of a built-in pack's parameters. */
const variantArb = fc.record({
  base: fc.constantFrom("seed-tier2", "seed-v2", "default"),
  model: fc.constantFrom("weighted", "worst-of"),
  factors: fc.record({
    revenueImpact: fc.integer({ min: 0, max: 10 }).map((x) => x / 10),
    churnRisk: fc.integer({ min: 0, max: 10 }).map((x) => x / 10),
    customerValue: fc.integer({ min: 0, max: 10 }).map((x) => x / 10),
    recoveryProbability: fc.integer({ min: 0, max: 10 }).map((x) => x / 10),
  }),
  bands: fc.option(
    fc
      .uniqueArray(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 4 })
      .map((xs) => xs.sort((a, b) => b - a).map((min, i) => ({ min, label: `band${i}` }))),
    { nil: undefined },
  ),
  scope: fc.constantFrom("top-n", "all", "top-n-customers", "all-customers"),
  recoveryFactor: fc.integer({ min: 0, max: 400 }).map((x) => x / 100),
  exposure: fc.boolean(),
  rankBy: fc.constantFrom("priorityScore", "exposure", "gapAmount"),
  rounding: fc.constantFrom("numpy-2dp", "python-2dp", "cents"),
  topN: fc.integer({ min: 1, max: 8 }),
});

function makeVariant(v: Json): RulePack {
  const pack = clone(BUILTIN_PACKS[v.base as string]) as Json;
  const p = pack.parameters as Json;
  const scoring = p.scoring as Json;
  scoring.model = v.model;
  scoring.worstOfFactors = v.factors;
  if (v.bands !== undefined) scoring.bands = v.bands;
  const recovery = p.recovery as Json;
  recovery.scope = v.scope;
  recovery.factors = Object.fromEntries(
    Object.keys(p.gaps as Json).map((t) => [t, v.recoveryFactor]),
  );
  const exposure = p.exposure as Json;
  exposure.enabled = v.exposure;
  if (v.exposure && (exposure.factors as unknown[]).length === 0)
    exposure.factors = [
      { segment: "customerTier", multipliers: { standard: 1.05, high: 1.25 }, otherwise: 1 },
    ];
  (p.ranking as Json).by = v.rankBy;
  (p.ranking as Json).topN = v.topN;
  p.rounding = v.rounding;
  pack.name = `${String(v.base)}-variant`;
  const checked = validatePack(pack, RGO_REGISTRY);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.pack;
}

async function runBook(ds: ReturnType<typeof makeDataset>, pack: RulePack, topN?: number) {
  const result = await analyze(ds, pack, { runAt: RUN_AT, ...(topN ? { topN } : {}) });
  return { result, book: buildResultBook(result, { ...META(result), pack }) };
}

test.each(["seed-tier2", "seed-v2", "default"])(
  "totals foot and no customer counts twice: built-in pack %s on random data",
  async (name) => {
    const pack = clone(BUILTIN_PACKS[name]) as RulePack;
    await fc.assert(
      fc.asyncProperty(datasetArb, fc.integer({ min: 1, max: 6 }), async (ds, topN) => {
        const { result, book } = await runBook(ds, pack, topN);
        checkBook(result, book);
      }),
      { numRuns: 15 },
    );
  },
);

test("totals foot and no customer counts twice: random valid pack variants on random data", async () => {
  await fc.assert(
    fc.asyncProperty(datasetArb, variantArb, async (ds, v) => {
      const { result, book } = await runBook(ds, makeVariant(v as unknown as Json));
      checkBook(result, book);
    }),
    { numRuns: 40 },
  );
});

test("seed-tier2's row total double counts and says so; revenue at risk counts each customer once", async () => {
  // Customer C1: baseline (first 4 weeks) $100, current $40 -> declining and below-baseline rows of
  // $60 each. C2: baseline $100, then two zero weeks -> declining ($50), below ($50) and zero-spend
  // ($100) rows. Total gap over rows: 60 + 60 + 50 + 50 + 100 = $320; revenue at risk: 60 + 100 = $160.
  const ds = makeDataset([
    { id: "C1", spend: [100, 100, 100, 100, 100, 100, 100, 100, 40, 40, 40, 40] },
    { id: "C2", spend: [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 0, 0] },
  ]);
  const { result, book } = await runBook(ds, clone(BUILTIN_PACKS["seed-tier2"]) as RulePack);
  checkBook(result, book);
  const blocks = summaryBlocks(book);
  expect(glossary(blocks, "Total gap over gap rows")).toContain("$320.00 per week");
  expect(figure(blocks, "Revenue at risk per week")).toBe(160);
  expect(result.customers.map((c) => [c.revenueAtRisk, c.primaryGapType])).toEqual([
    // C1's two $60 rows tie: the better-ranked one (below_baseline scores higher: recovery 7 vs 5).
    [60, "below_baseline"],
    [100, "zero_spend"],
  ]);
  expect(result.portfolio.revenueAtRiskByGapType).toEqual({
    zero_spend: 100,
    below_baseline: 60,
  });
});

/**
 * RGO Summary as one page (issue 13), on the seed data with the three built-in packs, the built-in
 * sample and the real CDNOW log: no camelCase or snake_case name in any cell, heading, text or
 * chart title a reader sees; the top customers each once, sorted by revenue at risk, their money
 * equal to their counted gap rows' amounts summed here from the gap rows; the headline figures
 * equal to sums made here from the gap rows; every breakdown table with several rows and footing to
 * the headline; the recommendation naming distinct customers; the source path whole.
 */
import fs from "node:fs";
import path from "node:path";
import { runAnalysis, type RunOutput } from "../../src/engine/pipeline/run-analysis";
import { IDENTIFIER_PATTERN } from "../../src/engine/registry/labels";
import type { ResultSheet, ResultTable, SummaryBlock } from "../../src/engine/report/result-book";
import { generateSample } from "../../src/engine/sample/generate-sample";
import { readCsvFolder, csvTextToTable } from "../../src/workbook/csv-folder-reader";
import { builtinPack, RUN_AT, SEED_DIR } from "../engine/seed-helpers";

const CDNOW = path.resolve(__dirname, "../../../shared/data/real/cdnow/cdnow_master.csv");

interface Case {
  name: string;
  source: string;
  run: (source: string) => Promise<RunOutput>;
}

const LONG_SOURCE = "/a/long/folder/name/that/goes/on/and/on/for/a/while/sample-workbook.xlsx";

const CASES: Case[] = [
  ...["seed-tier2", "seed-v2", "default"].map((pack) => ({
    name: `seed, ${pack}`,
    source: SEED_DIR,
    run: async (source: string) =>
      runAnalysis(await readCsvFolder(SEED_DIR), builtinPack(pack), {
        runAt: RUN_AT,
        source,
      }),
  })),
  {
    name: "built-in sample, default",
    source: LONG_SOURCE,
    run: async (source) =>
      runAnalysis(
        generateSample({ customers: 300, weeks: 26, seed: 5 }).tables,
        builtinPack("default"),
        { runAt: RUN_AT, source },
      ),
  },
  {
    name: "CDNOW, default",
    source: CDNOW,
    run: async (source) =>
      runAnalysis(
        [csvTextToTable("cdnow_master.csv", fs.readFileSync(CDNOW, "utf8"))],
        builtinPack("default"),
        {
          runAt: RUN_AT,
          source,
        },
      ),
  },
];

function summaryOf(out: RunOutput): ResultSheet & { content: { kind: "report" } } {
  const s = out.book.sheets.find((x) => x.name === "RGO Summary");
  if (s?.content.kind !== "report") throw new Error("RGO Summary is a report");
  return s as ResultSheet & { content: { kind: "report" } };
}

/** Every text a reader sees on the page, with where it is. */
function readerTexts(sheet: ResultSheet & { content: { kind: "report" } }): [string, string][] {
  const out: [string, string][] = [];
  sheet.content.blocks.forEach((b, i) => {
    const at = `block ${i} (${b.kind})`;
    if (b.kind === "heading" || b.kind === "paragraph") out.push([at, b.text]);
    else if (b.kind === "bullets") for (const t of b.items) out.push([at, t]);
    else if (b.kind === "figures")
      for (const it of b.items) {
        out.push([`${at} label`, it.label]);
        if (typeof it.value === "string") out.push([`${at} "${it.label}"`, it.value]);
      }
    else if (b.kind === "table") {
      for (const c of b.table.columns) out.push([`${b.table.name} header`, c.header]);
      b.table.rows.forEach((r, ri) =>
        r.forEach((v, ci) => {
          if (typeof v === "string") out.push([`${b.table.name} row ${ri + 1} col ${ci + 1}`, v]);
        }),
      );
    }
  });
  for (const c of sheet.charts ?? []) out.push(["chart title", c.title]);
  return out;
}

const tables = (blocks: readonly SummaryBlock[]): ResultTable[] =>
  blocks.flatMap((b) => (b.kind === "table" ? [b.table] : []));
const figure = (blocks: readonly SummaryBlock[], label: string): unknown => {
  for (const b of blocks)
    if (b.kind === "figures") for (const it of b.items) if (it.label === label) return it.value;
  throw new Error(`no figure "${label}"`);
};
const colOf = (t: ResultTable, header: string): number => {
  const i = t.columns.findIndex((c) => c.header === header);
  if (i < 0) throw new Error(`${t.name} has no column "${header}"`);
  return i;
};
const toCents = (v: unknown): number => Math.round(Number(v) * 100);

describe.each(CASES)("RGO Summary: $name", ({ run, source }) => {
  let out: RunOutput;
  beforeAll(async () => {
    out = await run(source);
  }, 120_000);

  it("shows no camelCase or snake_case identifier anywhere a reader looks", () => {
    // The source path is the user's own file name, shown as given (cdnow_master.csv).
    const bad = readerTexts(summaryOf(out)).filter(
      ([, t]) => !t.startsWith("Source: ") && IDENTIFIER_PATTERN.test(t),
    );
    expect(bad.map(([at, t]) => `${at}: ${t}`)).toEqual([]);
  });

  it("states the headline in the period, with the horizon 13 x the weekly figure, from the gap rows", () => {
    const blocks = summaryOf(out).content.blocks;
    // Revenue at risk from the gap rows: each customer's counted row, summed in cents here.
    const counted = out.result.gaps.filter((g) => g.primary);
    const risk = counted.reduce((a, g) => a + Math.round(g.gapAmount * 100), 0);
    expect(toCents(figure(blocks, "Revenue at risk per week"))).toBe(risk);
    expect(toCents(figure(blocks, "Revenue at risk, next 13 weeks if nothing changes"))).toBe(
      risk * 13,
    );
    const ids = new Set(out.result.gaps.map((g) => g.customerId));
    expect(
      figure(
        blocks,
        `Customers with a gap (of ${out.result.customers.length.toLocaleString("en-US")} analysed)`,
      ),
    ).toBe(ids.size);
    const verdict = blocks[2];
    expect(verdict.kind).toBe("paragraph");
    if (ids.size > 0 && verdict.kind === "paragraph")
      expect(verdict.text).toMatch(
        / of revenue is at risk per week from .* over the next 13 weeks/,
      );
  });

  it("lists the top customers once each, by revenue at risk, with their gap rows' money", () => {
    const blocks = summaryOf(out).content.blocks;
    const byCustomer = new Map<string, number>();
    for (const g of out.result.gaps)
      if (g.primary) byCustomer.set(g.customerId, Math.round(g.gapAmount * 100));
    const top = tables(blocks).find((t) => t.name === "RGO_Summary_TopCustomers");
    if (byCustomer.size === 0) return expect(top).toBeUndefined();
    if (top === undefined) throw new Error("no top customers");
    const idCol = colOf(top, "Customer");
    const moneyCol = colOf(top, "Revenue at risk per week");
    const ids = top.rows.map((r) => String(r[idCol]));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(Math.min(out.result.portfolio.topN, byCustomer.size));
    for (const r of top.rows) expect(toCents(r[moneyCol])).toBe(byCustomer.get(String(r[idCol])));
    // The largest amounts, in order (computed here from the gap rows).
    const largest = [...byCustomer.values()].sort((a, b) => b - a).slice(0, ids.length);
    expect(top.rows.map((r) => toCents(r[moneyCol]))).toEqual(largest);
    // One urgency scale: band and score, no severity.
    expect(top.columns.map((c) => c.header)).toEqual(
      expect.arrayContaining(["Priority band", "Score (0-10)", "Owner"]),
    );
    expect(top.columns.map((c) => c.header)).not.toContain("Severity");
    // The first recommendation names the first five, each once, with an owner.
    const recs = blocks.find(
      (b) => b.kind === "bullets" && b.items.some((t) => t.startsWith("Call first")),
    );
    const call = recs?.kind === "bullets" ? recs.items[0] : "";
    const named = ids.slice(0, 5);
    for (const id of named) expect(call.split(`${id} (`).length - 1).toBe(1);
    expect(call.match(/owner: /g)?.length).toBe(named.length);
  });

  it("breaks revenue at risk down in tables of several rows, each footing to the headline", () => {
    const blocks = summaryOf(out).content.blocks;
    const risk = toCents(figure(blocks, "Revenue at risk per week"));
    const breakdowns = tables(blocks).filter((t) => /^RGO_Summary_(Risk|Seg_|By_)/.test(t.name));
    if (risk > 0) expect(breakdowns.length).toBeGreaterThanOrEqual(2);
    for (const t of breakdowns) {
      expect([t.name, t.rows.length >= 2]).toEqual([t.name, true]);
      const c = colOf(t, "Revenue at risk per week");
      expect([t.name, t.rows.reduce((a, r) => a + toCents(r[c]), 0)]).toEqual([t.name, risk]);
      // One sort order: by revenue at risk (the rollups' ordered bands keep their band order).
      if (!t.name.startsWith("RGO_Summary_By_")) {
        const values = t.rows.map((r) => toCents(r[c]));
        expect(values).toEqual([...values].sort((a, b) => b - a));
      }
    }
  });

  it("ends with the glossary, the methodology and the run details, the source path whole", () => {
    const blocks = summaryOf(out).content.blocks;
    const headings = blocks.flatMap((b) => (b.kind === "heading" && b.level === 2 ? [b.text] : []));
    expect(headings.slice(-3)).toEqual(["What the figures mean", "Methodology", "Run details"]);
    const last = blocks[blocks.length - 1];
    expect(last).toEqual({ kind: "paragraph", text: `Source: ${source}` });
  });
});

/**
 * Issue 2 acceptance through the CLI: the original system's printed figures (seed-logic.md
 * section 7) from the seed CSV folder, from an .xlsx written by this project, and from the same
 * workbook re-saved by LibreOffice.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { readCsvFolder } from "../../src/workbook/csv-folder-reader";
import type { RawTable } from "../../src/engine/input/raw-table";
import { writeTablesXlsx } from "../../src/workbook/xlsx-table-writer";
import { convertWithLibreOffice } from "../workbook/external-tools";
import { SEED_DIR, runCli, tempDir } from "./run-cli";

interface Summary {
  summary: {
    customersWithGaps: number;
    gapCount: number;
    gapsByType: Record<string, number>;
    churnRiskCustomers: number;
    totalGap: number;
    potentialRecovery: number;
    totalExposure: number;
    exposureByTier: Record<string, number>;
    exposureByCause: Record<string, number>;
  };
  topGaps: {
    rank: number;
    customerId: string;
    gapType: string;
    priorityScore: number;
    exposure: number;
  }[];
  input: { customers: number; salesRows: number; weeks: number; stockRows: number };
}

async function analyzeToJson(input: string, pack: string): Promise<Summary> {
  const dir = tempDir("acc");
  const json = join(dir, "s.json");
  const run = await runCli(["analyze", input, "--rules", pack, "--json", json, "--quiet"]);
  expect(run.err).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(readFileSync(json, "utf8")) as Summary;
}

function expectTier2(s: Summary): void {
  expect(s.summary.customersWithGaps).toBe(155);
  expect(s.summary.gapCount).toBe(343);
  expect(s.summary.gapsByType).toEqual({
    declining_revenue: 155,
    below_baseline: 135,
    zero_spend: 53,
  });
  expect(s.summary.churnRiskCustomers).toBe(46);
  expect(s.summary.totalGap).toBe(22583.22);
  expect(s.summary.potentialRecovery).toBe(3200.96);
  expect(s.topGaps.slice(0, 5).map((g) => [g.customerId, g.gapType, g.priorityScore])).toEqual([
    ["154", "below_baseline", 8.35],
    ["48", "zero_spend", 8.29],
    ["154", "declining_revenue", 8.05],
    ["175", "below_baseline", 8.04],
    ["152", "below_baseline", 7.88],
  ]);
}

function expectV2(s: Summary): void {
  expect(s.summary.customersWithGaps).toBe(193);
  expect(s.summary.totalGap).toBe(6257.13);
  expect(s.summary.totalExposure).toBe(10754.95);
  expect(s.summary.exposureByTier).toEqual({ standard: 9414.48, high: 1340.47 });
  expect(s.summary.exposureByCause).toEqual({
    operational_stockout: 10525.34,
    structural_decline: 228.15,
    demand_softness: 1.46,
  });
  expect(s.topGaps[0].customerId).toBe("152");
  expect(s.topGaps[0].exposure).toBe(283.56);
}

/** The seed tables as an .xlsx with real Excel dates (the CSVs hold ISO date text). */
async function writeSeedXlsx(file: string): Promise<void> {
  const wb = await readCsvFolder(SEED_DIR);
  const wanted = ["retail_customers.csv", "retail_weekly_sales.csv", "stock_availability.csv"];
  const tables: RawTable[] = wanted.map((name) => {
    const t = wb.tables.find((x) => x.name === name);
    if (!t) throw new Error(`seed table ${name} missing`);
    const dateCols = t.header.flatMap((h, i) => (/week_start/.test(h) ? [i] : []));
    return {
      ...t,
      name: name.replace(/\.csv$/, ""),
      rows: t.rows.map((r) =>
        r.map((c, i) =>
          dateCols.includes(i) && typeof c === "string" ? new Date(`${c}T00:00:00Z`) : c,
        ),
      ),
    };
  });
  // A different sheet order than the CSV folder: roles are found by name and header, not position.
  await writeTablesXlsx([tables[2], tables[1], tables[0]], file);
}

describe("rgo analyze on the seed data reproduces the original system's figures", () => {
  test("seed-tier2 from the CSV folder", async () => {
    const s = await analyzeToJson(SEED_DIR, "seed-tier2");
    expectTier2(s);
    expect(s.input).toEqual({ customers: 200, salesRows: 2400, weeks: 12, stockRows: 360 });
  });

  test("seed-v2 from the CSV folder", async () => {
    expectV2(await analyzeToJson(SEED_DIR, "seed-v2"));
  });

  test("the same figures from an .xlsx written by the project and from LibreOffice's re-save of it", async () => {
    const dir = tempDir("xlsx");
    const ours = join(dir, "seed.xlsx");
    await writeSeedXlsx(ours);
    expectTier2(await analyzeToJson(ours, "seed-tier2"));
    expectV2(await analyzeToJson(ours, "seed-v2"));

    const loDir = join(dir, "lo");
    await convertWithLibreOffice(ours, "xlsx", loDir, join(dir, "profile"));
    const converted = join(
      loDir,
      readdirSync(loDir).find((f) => f.endsWith(".xlsx")) ?? "missing.xlsx",
    );
    // LibreOffice writes its own XML (shared strings, its own styles): the reader must not care.
    const zip = await JSZip.loadAsync(readFileSync(converted));
    const app = (await zip.file("docProps/app.xml")?.async("string")) ?? "";
    expect(app).toMatch(/LibreOffice/);
    expectTier2(await analyzeToJson(converted, "seed-tier2"));
    expectV2(await analyzeToJson(converted, "seed-v2"));
  });

  test("single-customer mode: customer 1 has 3 gaps totalling $82.61 (seed-logic 7.2)", async () => {
    const dir = tempDir("one");
    const json = join(dir, "s.json");
    const run = await runCli([
      "analyze",
      SEED_DIR,
      "--rules",
      "seed-tier2",
      "--customer",
      "1",
      "--json",
      json,
      "--quiet",
    ]);
    expect(run.code).toBe(0);
    const s = JSON.parse(readFileSync(json, "utf8")) as Summary;
    expect(s.summary.gapCount).toBe(3);
    expect(s.summary.totalGap).toBe(82.61);
    expect(s.topGaps.map((g) => [g.gapType, g.priorityScore])).toEqual([
      ["zero_spend", 8.8],
      ["below_baseline", 6.09],
      ["declining_revenue", 5.79],
    ]);
  });
});

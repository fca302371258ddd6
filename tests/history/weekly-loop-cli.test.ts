/**
 * Acceptance (issue 12), the CLI: three runs on the planted seed data as of weeks 10, 11 and 12,
 * each with --out onto the same file. RGO History has three rows with the right as-of dates; the
 * "Since last run" statuses on RGO Customers and RGO Gaps and the JSON trend agree with the test's
 * own comparison of two standalone runs (no history) as of weeks 11 and 12; the planted customers
 * have their planted status and hand-worked revenue at risk. A fourth run with the same as-of date
 * appends a row marked as a re-run. Killing the CLI (SIGKILL) during a later run leaves the
 * previous file intact.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadPack } from "../../src/cli/load-pack";
import type { RawTable } from "../../src/engine/input/raw-table";
import { runAnalysis } from "../../src/engine/pipeline/run-analysis";
import { readInput } from "../../src/workbook/read-input";
import { readXlsxBook } from "../../src/workbook/xlsx/read-xlsx";
import { runCli, tempDir } from "../cli/run-cli";
import { TRANSPILED_CLI } from "../support/transpiled-cli";
import {
  AS_OF,
  PLANTED,
  plantedFolder,
  statusesBetween,
  type CustomerFigures,
} from "./planted-seed";

function sheetOf(file: string, name: string): RawTable {
  const book = readXlsxBook(readFileSync(file), "results.xlsx");
  const s = book.sheets.find((x) => x.name === name);
  if (s === undefined || s.tables[0] === undefined) throw new Error(`no sheet ${name} in ${file}`);
  return s.tables[0];
}

const column = (t: RawTable, header: string): unknown[] => {
  const j = t.header.indexOf(header);
  if (j === -1) throw new Error(`no column ${header} in ${t.name}: ${t.header.join(", ")}`);
  return t.rows.map((r) => r[j] ?? null);
};

/** A standalone run (no previous results) as of `asOf`: each customer's flag and revenue at risk. */
async function standalone(
  folder: string,
  asOf: string,
): Promise<{ customers: CustomerFigures[]; revenueAtRisk: number }> {
  const out = await runAnalysis(await readInput(folder), await loadPack("seed-v2"), {
    runAt: new Date(),
    asOf,
  });
  return {
    customers: out.result.customers.map((c) => ({
      customerId: c.customerId,
      gapCount: c.gapCount,
      revenueAtRisk: c.revenueAtRisk,
    })),
    revenueAtRisk: out.summary.summary.revenueAtRisk,
  };
}

/** `rgo analyze <folder> --rules seed-v2 --quiet` with more arguments. */
const analyzeSeedV2 = (folder: string, ...args: string[]) =>
  runCli(["analyze", folder, "--rules", "seed-v2", "--quiet", ...args]);

describe("three weekly runs with --out onto the same file", () => {
  const folder = plantedFolder();
  const dir = tempDir("weekly");
  const out = join(dir, "results.xlsx");
  const jsons = AS_OF.map((_, i) => join(dir, `summary-${i + 1}.json`));

  beforeAll(async () => {
    for (let i = 0; i < AS_OF.length; i++) {
      const r = await analyzeSeedV2(folder, "--as-of", AS_OF[i], "--out", out, "--json", jsons[i]);
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
    }
  }, 120_000);

  test("RGO History has one row per run with its as-of date, pack and figures", () => {
    const h = sheetOf(out, "RGO History");
    expect(column(h, "As of")).toEqual([...AS_OF]);
    expect(column(h, "Rule pack")).toEqual(["seed-v2", "seed-v2", "seed-v2"]);
    expect(column(h, "Re-run of the same as-of date")).toEqual(["no", "no", "no"]);
    // Each row's revenue at risk is that run's JSON figure.
    const fromJson = jsons.map((f) => JSON.parse(readFileSync(f, "utf8")).summary.revenueAtRisk);
    expect(column(h, "Revenue at risk (weekly)")).toEqual(fromJson);
    // Sales rows: the rows dated on or before each as-of day (200 + 4 planted customers a week).
    expect(column(h, "Sales rows")).toEqual([204 * 10, 204 * 11, 204 * 12]);
    // The summary JSON states the as-of date.
    expect(jsons.map((f) => JSON.parse(readFileSync(f, "utf8")).asOf)).toEqual([...AS_OF]);
  });

  test("statuses and the trend agree with two standalone runs compared by the test", async () => {
    const before = await standalone(folder, AS_OF[1]);
    const now = await standalone(folder, AS_OF[2]);
    const expected = statusesBetween(before.customers, now.customers);
    // The planted customers: hand-worked gaps and statuses.
    for (const [id, p] of Object.entries(PLANTED)) {
      expect(expected.get(id)).toBe(p.status);
      const b = before.customers.find((c) => c.customerId === id);
      const n = now.customers.find((c) => c.customerId === id);
      expect(b?.revenueAtRisk).toBeCloseTo(p.gapBefore, 9);
      expect(n?.revenueAtRisk).toBeCloseTo(p.gapNow, 9);
    }
    const customers = sheetOf(out, "RGO Customers");
    const ids = column(customers, "Customer").map(String);
    const status = column(customers, "Since last run");
    const change = column(customers, "Revenue at risk change");
    const got = new Map<string, string>();
    ids.forEach((id, i) => {
      if (status[i] !== null) got.set(id, String(status[i]));
    });
    expect(got).toEqual(expected);
    for (const [id, p] of Object.entries(PLANTED))
      expect(change[ids.indexOf(id)]).toBeCloseTo(p.gapNow - p.gapBefore, 9);
    // RGO Gaps carries the same status on every flagged customer's rows.
    const gaps = sheetOf(out, "RGO Gaps");
    const gapIds = column(gaps, "Customer").map(String);
    column(gaps, "Since last run").forEach((s, i) => expect(s).toBe(expected.get(gapIds[i])));
    // The JSON trend: counts per status and the change in revenue at risk.
    const trend = JSON.parse(readFileSync(jsons[2], "utf8")).trend;
    const count = (s: string): number => [...expected.values()].filter((x) => x === s).length;
    expect(trend).toMatchObject({
      previousAsOf: AS_OF[1],
      previousRevenueAtRisk: before.revenueAtRisk,
      new: count("new"),
      persisting: count("persisting"),
      worsening: count("worsening"),
      improving: count("improving"),
      closed: count("closed"),
    });
    expect(trend.revenueAtRiskChange).toBeCloseTo(now.revenueAtRisk - before.revenueAtRisk, 9);
    expect(count("new") + count("persisting") + count("worsening") + count("improving")).toBe(
      now.customers.filter((c) => c.gapCount > 0).length,
    );
  }, 60_000);

  test("a re-run with the same as-of date appends a row marked as a re-run", async () => {
    const r = await analyzeSeedV2(folder, "--as-of", AS_OF[2], "--out", out);
    expect(r.code).toBe(0);
    const h = sheetOf(out, "RGO History");
    expect(column(h, "As of")).toEqual([...AS_OF, AS_OF[2]]);
    expect(column(h, "Re-run of the same as-of date")).toEqual(["no", "no", "no", "yes"]);
  }, 60_000);

  test("--previous reads the history from another file; it may not also be the --out file", async () => {
    const other = join(dir, "other.xlsx");
    const r = await analyzeSeedV2(folder, "--previous", out, "--out", other);
    expect(r.code).toBe(0);
    expect(column(sheetOf(other, "RGO History"), "As of")).toEqual([
      ...AS_OF,
      AS_OF[2],
      "2025-11-28",
    ]);
    const same = await analyzeSeedV2(folder, "--previous", out, "--out", out);
    expect(same.code).toBe(2);
  }, 60_000);
});

test("SIGKILL during the third run leaves the second run's file intact", async () => {
  const dir = tempDir("weekly-kill");
  const input = join(dir, "large.xlsx");
  const out = join(dir, "results.xlsx");
  // Runs 1 and 2 on the seed data; run 3 on a larger workbook, so its write takes long enough to
  // be interrupted.
  const folder = plantedFolder();
  for (const asOf of AS_OF.slice(0, 2)) {
    const r = await analyzeSeedV2(folder, "--as-of", asOf, "--out", out);
    expect(r.code).toBe(0);
  }
  expect(
    (await runCli(["sample", "--customers", "3000", "--weeks", "52", "--out", input])).code,
  ).toBe(0);
  const second = readFileSync(out);
  const child = spawn(
    process.execPath,
    ["-e", TRANSPILED_CLI, "analyze", input, "--out", out, "--quiet"],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<string | null>((res) => child.on("exit", (_c, signal) => res(signal)));
  await new Promise<void>((res, rej) => {
    const poll = setInterval(() => {
      const temp = readdirSync(dir).find((f) => f.includes(".rgo-tmp-"));
      if (
        temp !== undefined &&
        existsSync(join(dir, temp)) &&
        readFileSync(join(dir, temp)).length > 16 * 1024
      ) {
        clearInterval(poll);
        res();
      }
      if (child.exitCode !== null) {
        clearInterval(poll);
        rej(new Error(`the third run finished before it could be killed: ${stderr}`));
      }
    }, 10);
  });
  child.kill("SIGKILL");
  expect(await exited).toBe("SIGKILL");
  expect(readFileSync(out)).toEqual(second);
  expect(column(sheetOf(out, "RGO History"), "As of")).toEqual(AS_OF.slice(0, 2));
}, 300_000);

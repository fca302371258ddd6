/**
 * The pandas peer (scripts/bench-pandas.py, issue 14): a vectorised pandas version of seed-tier2
 * written independently of the engine, from seed-logic.md. On the seed data it must print the same
 * `input`, `summary` and `topGaps` as `rgo analyze --rules seed-tier2 --json`, whose figures are the
 * original system's published ones (seed-logic 7.2; tests/cli/seed-acceptance.test.ts), so two
 * implementations and the original agree; and on a hand-made folder with ragged customers. Needs Debian's python3-pandas; skipped with
 * a notice only when /usr/bin/python3 lacks pandas (CI installs it: scripts/ensure-system-deps.sh).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { runCli, SEED_DIR, tempDir } from "../cli/run-cli";

const PYTHON = "/usr/bin/python3";
const SCRIPT = resolve(__dirname, "../../scripts/bench-pandas.py");

const hasPandas =
  existsSync(PYTHON) &&
  spawnSync(PYTHON, ["-c", "import pandas"], { stdio: "ignore" }).status === 0;
if (!hasPandas) {
  process.stderr.write(
    "NOTICE: tests/quality/pandas-peer.test.ts skipped: /usr/bin/python3 has no pandas (apt-get install python3-pandas)\n",
  );
}
const describePandas = hasPandas ? describe : describe.skip;

type Summary = {
  input: Record<string, number>;
  summary: Record<string, unknown>;
  topGaps: Record<string, unknown>[];
};

function pandasSummary(folder: string): Summary {
  const text = execFileSync(PYTHON, [SCRIPT, folder], { encoding: "utf8" });
  return JSON.parse(text) as Summary;
}

async function rgoSummary(folder: string): Promise<Summary> {
  const json = join(tempDir("pandas-peer"), "summary.json");
  const run = await runCli(["analyze", folder, "--rules", "seed-tier2", "--json", json, "--quiet"]);
  expect(run.code).toBe(0);
  return JSON.parse(readFileSync(json, "utf8")) as Summary;
}

function expectSame(peer: Summary, rgo: Summary): void {
  expect(peer.input).toEqual(rgo.input);
  expect(peer.summary).toEqual(rgo.summary);
  expect(peer.topGaps).toEqual(rgo.topGaps);
}

describePandas("the pandas peer of seed-tier2 (scripts/bench-pandas.py)", () => {
  it("gives rgo's summary on the seed data, and both give the original's figures", async () => {
    const peer = pandasSummary(SEED_DIR);
    expectSame(peer, await rgoSummary(SEED_DIR));
    // rgo's summary is the published Tier2 run (tests/cli/seed-acceptance.test.ts checks every
    // figure), so the peer's is too; two of them here as anchors.
    expect(peer.summary.totalGap).toBe(22583.22);
    expect(peer.summary.potentialRecovery).toBe(3200.96);
  });

  it("agrees on a folder with customers that start late, lack weeks or have no sales", async () => {
    // Hand-made: 3 customers x 6 weeks. C1 buys every week, then drops; C2 starts in week 3 and
    // stops (two trailing zero weeks); C3 has no sales rows at all.
    const dir = tempDir("pandas-peer-edge");
    const weeks = [
      "2025-01-04",
      "2025-01-11",
      "2025-01-18",
      "2025-01-25",
      "2025-02-01",
      "2025-02-08",
    ];
    const sales = [
      ...[100, 100, 100, 100, 60, 0].map((v, i) => `C1,${weeks[i]},${v.toFixed(2)}`),
      ...[80.5, 80.25, 0, 0].map((v, i) => `C2,${weeks[i + 2]},${v.toFixed(2)}`),
    ];
    writeFileSync(join(dir, "customers.csv"), "customer_id,age\nC1,40\nC2,50\nC3,60\n");
    writeFileSync(
      join(dir, "weekly_sales.csv"),
      `customer_id,week_start_date,weekly_spend\n${sales.join("\n")}\n`,
    );
    const peer = pandasSummary(dir);
    expectSame(peer, await rgoSummary(dir));
    // By hand: C1 baseline 100, recent (100+100+60+0)/4 = 65, trend -35% -> declining and below
    // baseline ($35 each) and zero spend ($100); C2 (4 weeks from week 3) baseline = recent =
    // 40.1875 -> 40.19, trend 0, two zero weeks -> zero spend $40.19, churn listed.
    expect(peer.input).toEqual({ customers: 3, salesRows: 10, weeks: 6, stockRows: 0 });
    expect(peer.summary.gapsByType).toEqual({
      declining_revenue: 1,
      below_baseline: 1,
      zero_spend: 2,
    });
    expect(peer.summary.totalGap).toBe(35 + 35 + 100 + 40.19);
    expect(peer.summary.churnRiskCustomers).toBe(1);
    expect(peer.summary.revenueAtRisk).toBe(100 + 40.19);
  });

  it("with --out writes rgo's sheets with the same rows (openpyxl write-only), for the --out benchmark", async () => {
    const dir = tempDir("pandas-peer-out");
    const ours = join(dir, "rgo.xlsx");
    const peer = join(dir, "pandas.xlsx");
    execFileSync(PYTHON, [SCRIPT, SEED_DIR, "--json", join(dir, "p.json"), "--out", peer]);
    const run = await runCli([
      "analyze",
      SEED_DIR,
      "--rules",
      "seed-tier2",
      "--out",
      ours,
      "--quiet",
    ]);
    expect(run.code).toBe(0);
    // Sheet names and row counts of both workbooks, as openpyxl reads them.
    const shape = (file: string): [string, number][] =>
      JSON.parse(
        execFileSync(
          PYTHON,
          [
            "-c",
            "import json, sys, openpyxl\n" +
              "wb = openpyxl.load_workbook(sys.argv[1], read_only=True)\n" +
              "print(json.dumps([[ws.title, sum(1 for r in ws.iter_rows(values_only=True) if any(v is not None for v in r))] for ws in wb]))",
            file,
          ],
          { encoding: "utf8" },
        ),
      ) as [string, number][];
    // The peer does not read deals or reps (the benchmark data has none): no Pipeline / Reps sheets.
    const a = shape(ours).filter(([name]) => name !== "RGO Pipeline" && name !== "RGO Reps");
    const b = new Map(shape(peer));
    // Every sheet rgo writes, with its rows, except the report page and the pack (their own layout).
    for (const [name, rows] of a)
      if (name !== "RGO Summary" && name !== "RGO Rules" && name !== "RGO History")
        expect([name, b.get(name)]).toEqual([name, rows]);
    expect([...b.keys()]).toEqual(a.map(([name]) => name));
    // The gap and customer counts are the summary's (200 customers, the published gap count).
    expect(b.get("RGO Customers")).toBe(201);
  });
});

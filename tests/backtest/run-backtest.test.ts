/**
 * `rgo backtest` on a hand-worked purchase log (values computed by hand below), its input errors,
 * and the CLI's exit code.
 *
 * As-of Tuesday 2024-04-02, H = 2: recent window 2024-01-03..04-02 (13 weeks = 91 days), future
 * 2024-04-03..04-16. Purchases (all on Wednesdays unless said):
 *   A  $10 every week 01-03..03-27 (13)       recent 130 (10/wk)     future 0    -> lost
 *   B  $20 every week 01-03..02-28 (9)        recent 180 (13.85/wk)  future 20 (04-10, 10/wk) -> not lost
 *   C  $5 on 01-03                            recent 5 (0.385/wk)    future 0    -> lost
 *   E  $50 on Tue 04-02 and Tue 04-09         recent 50 (3.85/wk)    future 50 (25/wk) -> not lost
 *   D  $7 on 04-03, F $1 on 04-16             born after the as-of: not scored
 * Active A B C E = 4, lost A C = 2, base rate 0.5. The test pack flags a silence of 2+ weeks
 * (trailingZeroWeeks >= 2) on the cut data (weeks Wed-Tue ending on the as-of): B (4 silent
 * weeks) and C (12). Precision 1/2, recall 1/2, lift 1, top-100 1/2. Loss coverage: drops
 * max(0, recent/13 - future/2): A 10, B 180/13 - 10, C 5/13, E 0; flagged (B + C) / all =
 * (185/13 - 10) / (185/13) = 55/185.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runBacktest } from "../../src/engine/backtest/run-backtest";
import { isRgoError } from "../../src/engine/errors";
import type { RawWorkbook } from "../../src/engine/input/raw-table";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import { csvTextToTable } from "../../src/workbook/csv-folder-reader";
import { main } from "../../src/cli/main";

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const iso = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);

function purchaseLog(): string {
  const rows: string[] = ["customer_id,date,revenue"];
  for (let w = 0; w < 13; w++) rows.push(`A,${iso(day("2024-01-03") + 7 * w)},10`);
  for (let w = 0; w < 9; w++) rows.push(`B,${iso(day("2024-01-03") + 7 * w)},20`);
  rows.push("B,2024-04-10,20", "C,2024-01-03,5", "E,2024-04-02,50", "E,2024-04-09,50");
  rows.push("D,2024-04-03,7", "F,2024-04-16,1");
  return `${rows.join("\n")}\n`;
}

const workbook = (): RawWorkbook => ({
  source: "log",
  tables: [csvTextToTable("weekly_sales.csv", purchaseLog())],
});

/** A pack that flags a 2+ week silence: the default pack's parameters, one gap rule. */
function silencePack(model: boolean) {
  const base = JSON.parse(JSON.stringify(BUILTIN_PACKS.default)) as {
    name: string;
    parameters: Record<string, unknown> & { scoring: Record<string, unknown> };
    rules: unknown[];
  };
  base.name = "silence";
  base.parameters.model = { enabled: model };
  base.parameters.scoring.model = "weighted";
  base.parameters.ranking = { by: "exposure", topN: 20 };
  base.rules = [
    {
      name: "silence",
      conditions: {
        all: [{ fact: "trailingZeroWeeks", operator: "greaterThanInclusive", value: 2 }],
      },
      event: { type: "gap", params: { gapType: "revenue_gap" } },
    },
  ];
  const checked = validatePack(base, RGO_REGISTRY);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return { pack: checked.pack, hash: checked.hash };
}

const runAt = new Date("2026-01-01T00:00:00Z");

describe("rgo backtest on a hand-worked log", () => {
  it("scores the flagged set by the definitions (active, lost, precision, recall, lift, coverage)", async () => {
    const out = await runBacktest(workbook(), silencePack(false), {
      asOf: "2024-04-02",
      horizonWeeks: 2,
      runAt,
    });
    expect(out.json).toEqual({
      asOf: "2024-04-02",
      horizon: 2,
      active: 4,
      lost: 2,
      baseRate: 0.5,
      flagged: 2,
      flaggedActive: 2,
      precision: 0.5,
      recall: 0.5,
      lift: 1,
      top100Precision: 0.5,
      lossCoverage: expect.closeTo(55 / 185, 12) as number,
      forecastTotal: null,
      realisedTotal: null,
      intervalCoverage: null,
      forecastLow: null,
      forecastHigh: null,
      realisedInBand: null,
    });
    expect(Object.keys(out.json)).toEqual([
      "asOf",
      "horizon",
      "active",
      "lost",
      "baseRate",
      "flagged",
      "flaggedActive",
      "precision",
      "recall",
      "lift",
      "top100Precision",
      "lossCoverage",
      "forecastTotal",
      "realisedTotal",
      "intervalCoverage",
      "forecastLow",
      "forecastHigh",
      "realisedInBand",
    ]);
    // The run saw the data up to the as-of only, in 13 whole weeks ending on it (Wed-Tue).
    expect(out.rowsRemoved).toBe(4); // B 04-10, E 04-09, D, F
    expect(out.run.result.weeks).toBe(13);
    expect(out.run.dataset.calendar.labels[12]).toBe("2024-03-27");
    expect(out.run.result.customers.map((c) => c.customerId).sort()).toEqual(["A", "B", "C", "E"]);
  });

  it("with the customer model: realised total from the log, forecast total and interval coverage from the per-customer forecasts", async () => {
    // 60 customers with different rhythms and values (a log the BG/NBD can fit; the 4-customer
    // log above is too small and too regular: its fit is degenerate and the model is left out).
    const rows: string[] = ["customer_id,date,revenue"];
    const future = new Map<string, number>();
    for (let i = 0; i < 60; i++) {
      const id = `K${String(i).padStart(2, "0")}`;
      const every = 1 + (i % 7);
      const stop = i % 2 === 0 ? 4 + (i % 12) : 99; // half of them stop buying
      for (let w = i % 5; w <= Math.min(stop, 28); w += every) {
        const d = iso(day("2023-10-04") + 7 * w);
        const amount = 10 + ((i * 7) % 13) * 4 + (w % 3) * 3;
        rows.push(`${id},${d},${amount}`);
        if (d > "2024-04-02" && d <= "2024-04-16") future.set(id, (future.get(id) ?? 0) + amount);
      }
    }
    const log: RawWorkbook = {
      source: "log60",
      tables: [csvTextToTable("weekly_sales.csv", `${rows.join("\n")}\n`)],
    };
    const out = await runBacktest(log, silencePack(true), {
      asOf: "2024-04-02",
      horizonWeeks: 2,
      runAt,
    });
    expect(out.run.result.model?.notFitted).toBeNull();
    const customers = out.run.result.customers;
    const fact = (id: string, name: string): number =>
      Number(customers.find((c) => c.customerId === id)?.facts[name]);
    const ids = customers.map((c) => c.customerId);
    expect(ids).toHaveLength(60);
    expect(out.json.realisedTotal).toBe([...future.values()].reduce((a, b) => a + b, 0));
    const forecast = ids.reduce((s, id) => s + fact(id, "expectedSpendNext"), 0);
    expect(out.json.forecastTotal).toBeCloseTo(forecast, 9);
    const active = ids.filter((id) => fact(id, "recentRunRate") > 0);
    const inside = active.filter((id) => {
      const f = future.get(id) ?? 0;
      return f >= fact(id, "expectedSpendLow") && f <= fact(id, "expectedSpendHigh");
    }).length;
    expect(out.json.active).toBe(active.length);
    expect(out.json.intervalCoverage).toBe(inside / active.length);
    // The forecast is for the 2 weeks scored: the run-rate is the 13 weeks' spend x 2 / 13.
    expect(out.run.summary.summary.model?.horizonWeeks).toBe(2);
    const k01 = rows.filter((r) => r.startsWith("K01,") && r.split(",")[1] <= "2024-04-02");
    const recent = k01
      .filter((r) => r.split(",")[1] >= "2024-01-03") // the 13 weeks ending on the as-of
      .reduce((s, r) => s + Number(r.split(",")[2]), 0);
    expect(fact("K01", "recentRunRate")).toBeCloseTo((recent * 2) / 13, 2);
  });

  it.each([
    ["2024-04-20", "leaves no future weeks"],
    ["2024-04-10", "leaves only 0 whole weeks"],
    ["2024-02-01", "too little history"],
    ["2024-02-30", "--as-of needs a date"],
  ])("as-of %s is an input error (%s)", async (asOf, message) => {
    const run = runBacktest(workbook(), silencePack(false), { asOf, horizonWeeks: 2, runAt });
    await expect(run).rejects.toThrow(message);
    await run.catch((e: unknown) => expect(isRgoError(e) && e.kind === "input").toBe(true));
  });

  it("the CLI exits 2 with the message, and writes the JSON keys on success", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "rgo-backtest-"));
    const dir = path.join(root, "in");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "weekly_sales.csv"), purchaseLog());
    const inputBefore = fs.readFileSync(path.join(dir, "weekly_sales.csv"));
    const err: string[] = [];
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
    expect(await main(["backtest", dir, "--as-of", "2024-04-20", "--horizon", "2"], io)).toBe(2);
    expect(err.join("")).toContain("leaves no future weeks");
    // An output inside the input folder (it would be read as input next run) is refused.
    const inside = path.join(dir, "bt.json");
    expect(
      await main(
        ["backtest", dir, "--as-of", "2024-04-02", "--horizon", "2", "--json", inside],
        io,
      ),
    ).toBe(2);
    expect(err.join("")).toContain(
      `--json ${inside} lies inside the input folder ${dir}: the next run would read it as input`,
    );
    expect(fs.existsSync(inside)).toBe(false);
    expect(fs.readFileSync(path.join(dir, "weekly_sales.csv"))).toEqual(inputBefore);
    const json = path.join(root, "out", "bt.json");
    const packFile = path.join(root, "silence.json");
    fs.writeFileSync(packFile, JSON.stringify(silencePack(false).pack));
    expect(
      await main(
        [
          "backtest",
          dir,
          "--as-of",
          "2024-04-02",
          "--horizon",
          "2",
          "--rules",
          packFile,
          "--json",
          json,
        ],
        io,
      ),
    ).toBe(0);
    const written = JSON.parse(fs.readFileSync(json, "utf8")) as Record<string, unknown>;
    expect(written.precision).toBe(0.5);
    expect(out.join("")).toContain("Precision        50.0%");
    expect(fs.readdirSync(path.join(root, "out"))).toEqual(["bt.json"]); // no temp file left
    fs.rmSync(root, { recursive: true, force: true });
  });
});

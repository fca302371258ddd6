/**
 * The one run path: runAnalysis on the seed data gives the seed figures, the CLI (`rgo analyze
 * --json`) and the pane's engine worker both go through it and give the same summary JSON, and
 * aborting mid-run stops it with the one cancellation error.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isCancelled } from "../../src/engine/errors";
import * as runPath from "../../src/engine/pipeline/run-analysis";
import { RGO_REGISTRY } from "../../src/engine/registry/rgo-registry";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { validatePack } from "../../src/rules/validate-pack";
import { createEngineWorker } from "../../src/taskpane/worker/handle-request";
import type { WorkerResponse } from "../../src/taskpane/worker/protocol";
import { readCsvFolder } from "../../src/workbook/csv-folder-reader";
import { runCli, SEED_DIR, tempDir } from "../cli/run-cli";

const RUN_AT = new Date("2025-11-25T09:00:00.000Z");

function seedTier2(): runPath.CheckedPack {
  const checked = validatePack(BUILTIN_PACKS["seed-tier2"], RGO_REGISTRY);
  if (!checked.ok) throw new Error("seed-tier2 invalid");
  return checked;
}

afterEach(() => jest.restoreAllMocks());

test("runAnalysis on the seed data: 343 gaps, $22,583.22, and every output of one run", async () => {
  const workbook = await readCsvFolder(SEED_DIR);
  const pack = seedTier2();
  const stages: string[] = [];
  const out = await runPath.runAnalysis(
    workbook,
    pack,
    { runAt: RUN_AT },
    { onProgress: (p) => stages.push(p.stage) },
  );
  expect(out.summary.summary.gapCount).toBe(343);
  expect(out.summary.summary.totalGap).toBe(22583.22);
  expect(out.result.gaps).toHaveLength(343);
  expect(out.summary.rulePack).toEqual({
    name: "seed-tier2",
    version: pack.pack.version,
    hash: pack.hash,
  });
  expect(out.summary.input.salesRows).toBe(out.dataset.inputCounts.salesRows);
  expect(out.book.sheets.map((s) => s.name)).toContain("RGO Gaps");
  expect(out.issues.every((i) => typeof i.message === "string")).toBe(true);
  expect(stages[0]).toBe("Reading the sheets");
  expect(stages[stages.length - 1]).toBe("Building the report");
  // A bare list of tables runs the same as the workbook they came from.
  const bare = await runPath.runAnalysis(workbook.tables, pack, {
    runAt: RUN_AT,
    source: workbook.source,
  });
  expect(bare.summary).toEqual(out.summary);
});

test("the CLI and the worker both run through runAnalysis and give the same summary JSON", async () => {
  const spy = jest.spyOn(runPath, "runAnalysis");
  const dir = tempDir("run-path");
  const json = join(dir, "summary.json");
  const flags = ["--rules", "seed-tier2", "--json", json, "--quiet"];
  const cli = await runCli(["analyze", SEED_DIR, ...flags]);
  expect(cli.code).toBe(0);
  expect(spy).toHaveBeenCalledTimes(1);

  const responses: WorkerResponse[] = [];
  await createEngineWorker((r) => responses.push(r)).handle({
    type: "run",
    workbook: await readCsvFolder(SEED_DIR),
    pack: BUILTIN_PACKS["seed-tier2"],
    runAt: RUN_AT.toISOString(),
  });
  expect(spy).toHaveBeenCalledTimes(2);
  const done = responses[responses.length - 1];
  if (done.type !== "done") throw new Error(`expected done, got ${done.type}`);

  const fromCli = JSON.parse(readFileSync(json, "utf8")) as unknown;
  // Same figures, pack and input counts; only the run's own clock differs.
  const withoutClock = (s: unknown): unknown =>
    JSON.parse(JSON.stringify(s), (k, v: unknown) => (k === "runAt" ? "<run time>" : v));
  expect(withoutClock(done.summary)).toEqual(withoutClock(fromCli));
  expect(done.summary.summary.gapCount).toBe(343);
});

test("aborting mid-run stops it with the one cancellation error", async () => {
  const workbook = await readCsvFolder(SEED_DIR);
  const controller = new AbortController();
  const seen: string[] = [];
  const run = runPath.runAnalysis(
    workbook,
    seedTier2(),
    { runAt: RUN_AT },
    {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.stage);
        if (p.stage === "classify") controller.abort();
      },
    },
  );
  const error: unknown = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isCancelled(error)).toBe(true);
  expect(error).toMatchObject({ kind: "cancelled", code: "cancelled" });
  expect(seen).toContain("classify");
  expect(seen).not.toContain("Building the report");

  // Already aborted: nothing is read.
  const stages: string[] = [];
  await expect(
    runPath.runAnalysis(
      workbook,
      seedTier2(),
      { runAt: RUN_AT },
      {
        signal: AbortSignal.abort(),
        onProgress: (p) => stages.push(p.stage),
      },
    ),
  ).rejects.toMatchObject({ kind: "cancelled", code: "cancelled" });
  expect(stages).toEqual([]);
});

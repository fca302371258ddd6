/**
 * The engine worker's protocol: the pane's "run" gives progress then the same figures as the CLI;
 * an invalid pack is answered with located errors; "cancel" stops a run; a second run while one is
 * in progress is refused.
 */
import { resolve } from "node:path";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { createEngineWorker } from "../../src/taskpane/worker/handle-request";
import type { WorkerResponse } from "../../src/taskpane/worker/protocol";
import { readCsvFolder } from "../../src/workbook/csv-folder-reader";

const SEED = resolve(__dirname, "../../../shared/data/seed");
const RUN_AT = "2025-11-25T09:00:00.000Z";

function collect(): { post: (r: WorkerResponse) => void; responses: WorkerResponse[] } {
  const responses: WorkerResponse[] = [];
  return { post: (r) => responses.push(r), responses };
}

test("a run posts progress, then seed-tier2's figures and a result book", async () => {
  const { post, responses } = collect();
  const workbook = await readCsvFolder(SEED);
  await createEngineWorker(post).handle({
    type: "run",
    workbook,
    pack: BUILTIN_PACKS["seed-tier2"],
    runAt: RUN_AT,
  });
  const last = responses[responses.length - 1];
  if (last.type !== "done")
    throw new Error(`expected done, got ${JSON.stringify(last).slice(0, 300)}`);
  expect(responses.filter((r) => r.type === "progress").length).toBeGreaterThan(3);
  expect(last.summary.summary.gapCount).toBe(343);
  expect(last.summary.summary.totalGap).toBe(22583.22);
  expect(last.book.sheets.map((s) => s.name)).toContain("RGO Gaps");
});

test("an invalid pack (JSON text from the editor) is answered with its located errors", async () => {
  const { post, responses } = collect();
  const workbook = await readCsvFolder(SEED);
  await createEngineWorker(post).handle({
    type: "run",
    workbook,
    pack: '{\n  "format": 7\n}',
    runAt: RUN_AT,
  });
  expect(responses).toHaveLength(1);
  const r = responses[0];
  if (r.type !== "invalid-pack") throw new Error(`expected invalid-pack, got ${r.type}`);
  expect(r.errors.some((e) => e.pointer === "/format" && e.line === 2)).toBe(true);
});

test("cancel stops a running analysis; a second run while busy is refused", async () => {
  const { post, responses } = collect();
  const workbook = await readCsvFolder(SEED);
  const worker = createEngineWorker((r) => {
    post(r);
    // Cancel as soon as the engine reports its first stage.
    if (r.type === "progress" && r.stage !== "Reading the sheets")
      void worker.handle({ type: "cancel" });
  });
  const first = worker.handle({
    type: "run",
    workbook,
    pack: BUILTIN_PACKS["seed-v2"],
    runAt: RUN_AT,
  });
  await worker.handle({ type: "run", workbook, pack: BUILTIN_PACKS["seed-v2"], runAt: RUN_AT });
  await first;
  const failures = responses.filter((r) => r.type === "failed");
  expect(failures.map((f) => (f.type === "failed" ? f.code : ""))).toEqual(["busy", "cancelled"]);
  expect(responses.some((r) => r.type === "done")).toBe(false);
});

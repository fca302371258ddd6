/**
 * The engine worker builds the dataset once for the Data step's check and the Run that follows on
 * the same staged tables and choices (input/dataset-memo.ts), and the run's answer is the one a
 * run without the check gives; a changed column choice, or rows staged again, build it anew.
 */
import { resolve } from "node:path";
import * as build from "../../src/engine/input/build-dataset";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { createEngineWorker } from "../../src/taskpane/worker/handle-request";
import type { WorkerRequest, WorkerResponse } from "../../src/taskpane/worker/protocol";
import { readCsvFolder } from "../../src/workbook/csv-folder-reader";

const SEED = resolve(__dirname, "../../../shared/data/seed");
const RUN_AT = "2025-11-25T09:00:00.000Z";

async function stagedWorker(): Promise<{
  worker: ReturnType<typeof createEngineWorker>;
  responses: WorkerResponse[];
  stage: () => Promise<void>;
}> {
  const workbook = await readCsvFolder(SEED);
  const responses: WorkerResponse[] = [];
  const worker = createEngineWorker((r) => responses.push(r));
  const stage = async (): Promise<void> => {
    await worker.handle({
      type: "load-begin",
      id: 1,
      source: workbook.source,
      tables: workbook.tables.map(({ rows: _rows, ...shape }) => shape),
    });
    for (let t = 0; t < workbook.tables.length; t++)
      await worker.handle({ type: "load-rows", id: 2, table: t, rows: workbook.tables[t].rows });
  };
  await stage();
  return { worker, responses, stage };
}

const choices = { tableForRole: { sales: "retail_weekly_sales.csv" }, currency: "EUR" };
const run = (columns: object = {}): WorkerRequest => ({
  type: "run",
  pack: BUILTIN_PACKS["seed-tier2"],
  runAt: RUN_AT,
  ...choices,
  columns,
});

function done(responses: WorkerResponse[]): Extract<WorkerResponse, { type: "done" }> {
  const last = responses[responses.length - 1];
  if (last.type !== "done")
    throw new Error(`expected done, got ${JSON.stringify(last).slice(0, 300)}`);
  return last;
}

afterEach(() => jest.restoreAllMocks());

test("check then Run on the same choices: one dataset build, the answer of a run alone", async () => {
  const alone = await stagedWorker();
  await alone.worker.handle(run());
  const expected = done(alone.responses);

  const spy = jest.spyOn(build, "buildDataset");
  const { worker, responses } = await stagedWorker();
  await worker.handle({ type: "validate", id: 3, columns: {}, ...choices });
  const validated = responses.find((r) => r.type === "validated");
  if (validated?.type !== "validated") throw new Error("no validated answer");
  // The check's counts are the staged table's own (rows of the sales CSV read independently).
  const sales = (await readCsvFolder(SEED)).tables.find(
    (t) => t.name === "retail_weekly_sales.csv",
  );
  expect(validated.report.counts.salesRows).toBe(sales?.rows.length);
  await worker.handle(run());
  expect(spy).toHaveBeenCalledTimes(1);
  const got = done(responses);
  expect(got.summary).toEqual(expected.summary);
  expect(got.issues).toEqual(expected.issues);
  expect(got.book).toEqual(expected.book);
  expect(got.drill).toEqual(expected.drill);
});

test("a column choice changed after the check, or the rows staged again, build the dataset again", async () => {
  const alone = await stagedWorker();
  await alone.worker.handle(run({ sales: { revenue: "week_number" } }));
  const expected = done(alone.responses);
  const spy = jest.spyOn(build, "buildDataset");
  const { worker, responses, stage } = await stagedWorker();
  await worker.handle({ type: "validate", id: 3, columns: {}, ...choices });
  await worker.handle(run({ sales: { revenue: "week_number" } }));
  expect(spy).toHaveBeenCalledTimes(2);
  expect(done(responses).summary).toEqual(expected.summary);

  await worker.handle({ type: "validate", id: 4, columns: {}, ...choices });
  expect(spy).toHaveBeenCalledTimes(3);
  await stage();
  await worker.handle(run());
  expect(spy).toHaveBeenCalledTimes(4);
});

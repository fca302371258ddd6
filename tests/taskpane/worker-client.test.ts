/**
 * The worker client: tables go to the worker in chunks that reassemble to the original; a run on
 * staged chunks gives seed-tier2's figures with the streamed result book equal to the unstreamed
 * one; validate, drill-down, sample and cancel answer through the same client.
 */
import { resolve } from "node:path";
import fc from "fast-check";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { createEngineWorker } from "../../src/taskpane/worker/handle-request";
import type { WorkerResponse } from "../../src/taskpane/worker/protocol";
import {
  assembleStaged,
  chunkRows,
  EngineClient,
  stagingMessages,
} from "../../src/taskpane/worker-client";
import type { CellValue, RawWorkbook } from "../../src/engine/input/raw-table";
import { readCsvFolder } from "../../src/workbook/csv-folder-reader";
import { cloneMessage, inProcessWorker } from "./in-process-worker";

const SEED = resolve(__dirname, "../../../shared/data/seed");
const RUN_AT = "2025-11-25T09:00:00.000Z";

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 6 }),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.date({ noInvalidDate: true }),
);
const table = fc.record({
  name: fc.string({ minLength: 1, maxLength: 8 }),
  origin: fc.constant("xlsx sheet"),
  header: fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }),
  rows: fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 60 }),
  headerRow: fc.integer({ min: 1, max: 10 }),
  firstColumn: fc.integer({ min: 1, max: 10 }),
});

test("chunkRows splits into slices of at most `size` rows that concatenate to the input", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer(), { maxLength: 200 }),
      fc.integer({ min: 1, max: 50 }),
      (rows, size) => {
        const chunks = chunkRows(rows, size);
        expect(chunks.flat()).toEqual(rows);
        expect(chunks.every((c) => c.length >= 1 && c.length <= size)).toBe(true);
        expect(chunks.length).toBe(Math.ceil(rows.length / size));
      },
    ),
  );
});

test("staging messages reassemble to the original workbook, and no message carries more than `size` rows", () => {
  fc.assert(
    fc.property(
      fc.record({ source: fc.string({ maxLength: 8 }), tables: fc.array(table, { maxLength: 4 }) }),
      fc.integer({ min: 1, max: 25 }),
      (wb: RawWorkbook, size) => {
        const messages = stagingMessages(wb, size, 1);
        expect(assembleStaged(messages.map((m) => cloneMessage(m)))).toEqual(wb);
        for (const m of messages)
          if (m.type === "load-rows") expect(m.rows.length).toBeLessThanOrEqual(size);
      },
    ),
  );
});

test("a run staged in 1,000-row chunks gives seed-tier2's 343 gaps and $22,583.22; streamed book = unstreamed book", async () => {
  const workbook = await readCsvFolder(SEED);
  const worker = inProcessWorker();
  const client = new EngineClient(worker, { chunkRows: 1000 });
  const stages: string[] = [];
  const outcome = await client.run(
    workbook,
    { pack: BUILTIN_PACKS["seed-tier2"], runAt: RUN_AT },
    (p) => stages.push(p.stage),
  );
  if (outcome.kind !== "done")
    throw new Error(`expected done, got ${JSON.stringify(outcome).slice(0, 300)}`);
  expect(outcome.summary.summary.gapCount).toBe(343);
  expect(outcome.summary.summary.totalGap).toBe(22583.22);
  expect(new Set(stages).size).toBeGreaterThan(3);
  // No staging message was bigger than the chunk size, and the sales table needed several.
  const loads = worker.sent.filter((m) => m.type === "load-rows");
  expect(loads.every((m) => m.type === "load-rows" && m.rows.length <= 1000)).toBe(true);
  expect(loads.length).toBeGreaterThan(workbook.tables.length);
  // The same run without streaming: identical book.
  const direct: WorkerResponse[] = [];
  await createEngineWorker((r) => direct.push(r)).handle({
    type: "run",
    workbook,
    pack: BUILTIN_PACKS["seed-tier2"],
    runAt: RUN_AT,
  });
  const done = direct[direct.length - 1];
  if (done.type !== "done") throw new Error("direct run failed");
  expect(outcome.book).toEqual(done.book);
  // Drill index: customers with gaps in rank order.
  expect(outcome.drill.withGaps.length).toBe(outcome.summary.summary.customersWithGaps);
  expect(outcome.drill.withGaps[0]).toBe(outcome.summary.topGaps[0].customerId);
  client.dispose();
});

test("drill-down of the top customer: spend over the calendar, windows, facts and the why of its gaps", async () => {
  const workbook = await readCsvFolder(SEED);
  const client = new EngineClient(inProcessWorker());
  const outcome = await client.run(workbook, { pack: BUILTIN_PACKS["seed-tier2"], runAt: RUN_AT });
  if (outcome.kind !== "done") throw new Error("run failed");
  const top = outcome.summary.topGaps[0];
  const d = await client.customer(top.customerId);
  if (d === null) throw new Error("no detail");
  expect(d.spend.length).toBe(d.weeks.length);
  expect(d.spend.length).toBe(outcome.summary.input.weeks);
  // seed-tier2: baseline = the customer's first 4 weeks, current = the last 4 calendar weeks.
  expect(d.baseline[1] - d.baseline[0]).toBe(4);
  expect(d.current).toEqual([d.weeks.length - 4, d.weeks.length]);
  const fact = (n: string): unknown => d.facts.find((f) => f.name === n)?.value;
  const mean = (a: number, b: number): number =>
    d.spend.slice(a, b).reduce<number>((s, v) => s + (v ?? 0), 0) / (b - a);
  expect(fact("baselineAvg")).toBeCloseTo(mean(d.baseline[0], d.baseline[1]), 2);
  expect(fact("currentAvg")).toBeCloseTo(mean(d.current[0], d.current[1]), 2);
  expect(d.gaps.some((g) => g.rank === 1 && g.gapType === top.gapType && g.why.length > 0)).toBe(
    true,
  );
  expect(await client.customer("no-such-customer")).toBeNull();
  client.dispose();
});

test("validate reports the roles and counts of the seed tables; a workbook without sales is blocked", async () => {
  const workbook = await readCsvFolder(SEED);
  const client = new EngineClient(inProcessWorker(), { chunkRows: 7000 });
  const report = await client.validate(workbook);
  expect(report.blocking).toBeNull();
  expect(report.roles.sales).toBe("retail_weekly_sales.csv");
  expect(report.counts.salesRows).toBe(
    workbook.tables.find((t) => t.name === "retail_weekly_sales.csv")?.rows.length,
  );
  const noSales = {
    source: "x",
    tables: workbook.tables.filter((t) => t.name !== "retail_weekly_sales.csv"),
  };
  const blocked = await client.validate(noSales);
  expect(blocked.blocking?.code).toBe("missing-table");
  client.dispose();
});

test("sample tables come back in chunks whole; cancel during a run resolves as cancelled", async () => {
  const client = new EngineClient(inProcessWorker(), { chunkRows: 1000 });
  const tables = await client.sample({ customers: 300, weeks: 20, seed: 7 });
  expect(tables.map((t) => t.name)).toEqual(["customers", "weekly_sales", "stock"]);
  expect(tables[0].rows.length).toBe(300);
  expect(tables[1].rows.length).toBeGreaterThan(1000);
  const abort = new AbortController();
  const run = client.run(
    { source: "sample", tables },
    { pack: BUILTIN_PACKS.default, runAt: RUN_AT },
    (p) => {
      if (p.stage !== "Reading the sheets") abort.abort();
    },
    abort.signal,
  );
  expect(await run).toEqual({ kind: "cancelled" });
  client.dispose();
});

test("rule-pack text is checked in the worker: a preset's identity, or errors located in the text", async () => {
  const client = new EngineClient(inProcessWorker());
  const text = JSON.stringify(BUILTIN_PACKS["seed-tier2"], null, 2);
  const ok = await client.checkPack(text);
  expect(ok).toEqual({
    ok: true,
    name: "seed-tier2",
    version: (BUILTIN_PACKS["seed-tier2"] as { version: string }).version,
    hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
  });
  // Same pack, other formatting: same hash (the hash is of the canonical JSON).
  const again = await client.checkPack(JSON.stringify(BUILTIN_PACKS["seed-tier2"]));
  expect(again.ok && ok.ok && again.hash === ok.hash).toBe(true);
  // A comma missing after line 2 ('"format": "rgo-rule-pack/1"'): JSON error at line 3.
  const broken = text.replace('"rgo-rule-pack/1",', '"rgo-rule-pack/1"');
  const bad = await client.checkPack(broken);
  expect(bad.ok).toBe(false);
  if (!bad.ok) expect(bad.errors[0]).toMatchObject({ line: 3 });
});

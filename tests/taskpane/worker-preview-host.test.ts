/**
 * The browser preview's workbook held by the engine worker (WorkerPreviewHost <-> worker-book.ts),
 * driven through the real handler in-process: it lists and reads exactly what PreviewHost lists and
 * reads in the page from the same bytes; a run on it sends no input row and gives seed-tier2's
 * published figures (343 gaps, $22,583.22), the same as a run on rows sent from the page; writing
 * the run's results names the run instead of sending the book; the download built in the worker
 * holds every input row and the result sheets, with progress up to its total; open and download
 * cancel, and a cancelled open keeps the workbook held before; a foreign RGO sheet is refused.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { isCancelled } from "../../src/engine/errors";
import type { CellValue, RawTable } from "../../src/engine/input/raw-table";
import type { ResultBook } from "../../src/engine/report/result-book";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { PreviewHost, type ExcelLoader } from "../../src/taskpane/host/preview-host";
import { WorkerPreviewHost } from "../../src/taskpane/host/worker-preview-host";
import { transferText } from "../../src/taskpane/state/transfer-text";
import { EngineClient } from "../../src/taskpane/worker-client";
import type { HostProgress, TableSource } from "../../src/workbook/workbook-host";
import { SEED_DIR, writeSeedXlsx } from "../e2e/support/seed-xlsx";
import { inProcessWorker, type InProcessWorker } from "./in-process-worker";
import { sampleFile } from "./preview-sample";

const nodeExcel: ExcelLoader = async () => ExcelJS;
const RUN_AT = "2025-11-25T09:00:00.000Z";

let dir: string;
let seedBytes: Uint8Array;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "rgo-worker-book-"));
  seedBytes = new Uint8Array(readFileSync(await writeSeedXlsx(dir)));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Data rows of a seed CSV, counted from the file (non-empty lines after the header). */
const csvRows = (name: string): number =>
  readFileSync(join(SEED_DIR, `${name}.csv`), "utf8")
    .split(/\r?\n/)
    .filter((l) => l !== "").length - 1;

const SEED_SHEETS = readdirSync(SEED_DIR)
  .filter((f) => f.endsWith(".csv"))
  .map((f) => f.replace(/\.csv$/, ""))
  .sort();
const sources: TableSource[] = SEED_SHEETS.map((sheet) => ({ kind: "sheet", sheet }));

function setup(): { worker: InProcessWorker; client: EngineClient; empty: WorkerPreviewHost } {
  const worker = inProcessWorker({ loadExcel: nodeExcel });
  const client = new EngineClient(worker);
  return { worker, client, empty: WorkerPreviewHost.empty(client) };
}

test("opened in the worker, the workbook lists and reads what PreviewHost gives in the page", async () => {
  const { worker, client, empty } = setup();
  const host = await empty.openFile("seed.xlsx", seedBytes.slice());
  const page = await PreviewHost.open("seed.xlsx", seedBytes, nodeExcel);
  expect(host.title).toBe("seed");
  expect(await host.listSheets()).toEqual(await page.listSheets());
  const read = await host.readTables(sources);
  expect(read).toEqual(await page.readTables(sources));
  expect(read.tables.map((t) => t.rows.length)).toEqual(SEED_SHEETS.map(csvRows));
  // The file went over as one buffer of its bytes.
  const open = worker.sent.find((m) => m.type === "host-open");
  expect(open?.type === "host-open" && open.bytes.byteLength).toBe(seedBytes.byteLength);
  client.dispose();
});

test("a run on the staged workbook sends no row and gives the figures of a run on rows sent from the page", async () => {
  const { worker, client, empty } = setup();
  const host = await empty.openFile("seed.xlsx", seedBytes.slice());
  const staged = await host.stageForEngine(sources);
  expect(staged).toEqual({ kind: "staged-in-worker", source: "seed", tables: SEED_SHEETS.length });
  const params = { pack: BUILTIN_PACKS["seed-tier2"], runAt: RUN_AT };
  const outcome = await client.run(staged, params);
  if (outcome.kind !== "done") throw new Error(JSON.stringify(outcome).slice(0, 300));
  expect(worker.sent.some((m) => m.type === "load-begin" || m.type === "load-rows")).toBe(false);
  // The seed README's published seed-tier2 figures.
  expect(outcome.summary.summary.gapCount).toBe(343);
  expect(outcome.summary.summary.totalGap).toBe(22583.22);
  // The page's path: rows read by PreviewHost, sent in chunks to another worker.
  const page = await PreviewHost.open("seed.xlsx", seedBytes, nodeExcel);
  const other = new EngineClient(inProcessWorker());
  const viaRows = await other.run(await page.readTables(sources), params);
  if (viaRows.kind !== "done") throw new Error("run on sent rows failed");
  expect(outcome.summary).toEqual(viaRows.summary);
  expect(outcome.book).toEqual(viaRows.book);
  other.dispose();
  client.dispose();
});

test("results are written by naming the run; the download holds every input row and the result sheets", async () => {
  const { worker, client, empty } = setup();
  const host = await empty.openFile("seed.xlsx", seedBytes.slice());
  const outcome = await client.run(await host.stageForEngine(sources), {
    pack: BUILTIN_PACKS["seed-tier2"],
    runAt: RUN_AT,
  });
  if (outcome.kind !== "done") throw new Error("run failed");
  expect(host.hasResults()).toBe(false);
  const report = await host.writeResults(outcome.book);
  expect(report.sheets).toEqual(outcome.book.sheets.map((s) => s.name));
  const write = worker.sent.find(
    (m) => m.type === "host-call" && m.call.method === "write-results",
  );
  expect(write?.type === "host-call" && write.call).toEqual({ method: "write-results", run: 1 });
  expect(host.hasResults()).toBe(true);
  expect(host.resultSheet("rgo gaps")).toBe(outcome.book.sheets.find((s) => s.name === "RGO Gaps"));
  // The worker's workbook lists the result sheets as RGO's.
  const listed = await host.listSheets();
  expect(listed.filter((s) => s.createdByRgo).map((s) => s.name)).toEqual(report.sheets);

  const progress: HostProgress[] = [];
  const { fileName, bytes } = await host.downloadResults({ onProgress: (p) => progress.push(p) });
  expect(fileName).toBe("seed-rgo-results.xlsx");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual([...SEED_SHEETS, ...report.sheets]);
  for (const name of SEED_SHEETS)
    expect(wb.getWorksheet(name)?.actualRowCount).toBe(csvRows(name) + 1);
  const gaps = wb.getWorksheet("RGO Gaps") as ExcelJS.Worksheet;
  expect(gaps.actualRowCount).toBe(1 + 343);
  // Progress: from 0, never backwards, ending at its total. Reports between the first and the
  // last are paced by the clock (one per 50 ms of work, paced-yield.ts), so a download this small
  // may have none on a fast machine: their count is not asserted here.
  expect(progress.length).toBeGreaterThanOrEqual(2);
  expect(progress[0].done).toBe(0);
  expect(progress.every((p) => p.phase === "write" && p.done <= p.total)).toBe(true);
  for (let i = 1; i < progress.length; i++)
    expect(progress[i].done).toBeGreaterThanOrEqual(progress[i - 1].done);
  const end = progress[progress.length - 1];
  expect(end.done).toBe(end.total);
  client.dispose();
});

test("a cancelled open keeps the workbook held before, a cancel after the read does not undo it; a cancelled download rejects and the next one works", async () => {
  const { client, empty } = setup();
  const host = await empty.openFile("seed.xlsx", seedBytes.slice());
  const before = await host.listSheets();
  const abort = new AbortController();
  const opening = host.openFile("other.xlsx", await sampleFile(), { signal: abort.signal });
  abort.abort();
  const err = await opening.catch((e: unknown) => e);
  expect(isCancelled(err)).toBe(true);
  expect(await host.listSheets()).toEqual(before);

  // A cancel that comes after the read has ended does not undo the open: the pane follows it.
  const late = new AbortController();
  const other = await host.openFile("other.xlsx", await sampleFile(), {
    signal: late.signal,
    onProgress: (p) => {
      if (p.done === p.total) late.abort();
    },
  });
  expect(late.signal.aborted).toBe(true);
  expect((await other.listSheets()).map((s) => s.name)).toEqual(["weekly_sales", "Data"]);
  const back = await other.openFile("seed.xlsx", seedBytes.slice());
  expect(await back.listSheets()).toEqual(before);

  const outcome = await client.run(await back.stageForEngine(sources), {
    pack: BUILTIN_PACKS["seed-tier2"],
    runAt: RUN_AT,
  });
  if (outcome.kind !== "done") throw new Error("run failed");
  await back.writeResults(outcome.book);
  const stop = new AbortController();
  const cancelled = await back
    .downloadResults({ signal: stop.signal, onProgress: () => stop.abort() })
    .catch((e: unknown) => e);
  expect(isCancelled(cancelled)).toBe(true);
  const again = await back.downloadResults();
  expect(again.bytes.byteLength).toBeGreaterThan(0);
  client.dispose();
});

test("a result sheet over a sheet the user made is refused by name, and nothing is written", async () => {
  const { client, empty } = setup();
  const host = await empty.openFile(
    "mine.xlsx",
    await sampleFile((wb) => wb.addWorksheet("RGO Churn").addRow(["mine"])),
  );
  const book: ResultBook = {
    properties: {},
    sheets: [
      {
        name: "RGO Churn",
        freezeHeader: true,
        content: {
          kind: "table",
          table: { name: "RGO_Churn", columns: [{ header: "Customer", format: "text" }], rows: [] },
        },
      },
    ],
  };
  await expect(host.writeResults(book)).rejects.toThrow(/RGO Churn/);
  expect(host.hasResults()).toBe(false);
  const churn = (await host.listSheets()).find((s) => s.name === "RGO Churn");
  expect(churn?.createdByRgo).toBe(false);
  const read = await host.readTables([{ kind: "sheet", sheet: "RGO Churn" }]);
  expect(read.tables[0].header).toEqual(["mine"]);
  client.dispose();
});

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 6 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.date({ noInvalidDate: true }),
);

test("sample tables written into the worker's workbook read back as written (property)", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { maxLength: 50 }),
      async (rows) => {
        const { client, empty } = setup();
        const table: RawTable = {
          name: "sales",
          origin: "sample",
          header: ["a", "b", "c", "d"],
          rows,
          headerRow: 1,
          firstColumn: 1,
        };
        expect(await empty.writeSampleSheets([table])).toEqual(["sales"]);
        const read = await empty.readTables([{ kind: "sheet", sheet: "sales" }]);
        expect(read.tables[0].rows).toEqual(rows);
        client.dispose();
      },
    ),
    { numRuns: 25 },
  );
});

test("the progress text: open names the file; the download's percentage stays in 0..100 and never falls", () => {
  expect(transferText("open", { phase: "read", target: "a.xlsx", done: 0, total: 1 })).toBe(
    "Reading a.xlsx…",
  );
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 2_000_000 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 20 }),
      (total, fractions) => {
        const dones = fractions.map((f) => Math.round(f * total)).sort((a, b) => a - b);
        const pcts = dones.map((done) => {
          const m = /(\d+)%/.exec(
            transferText("download", { phase: "write", target: "x", done, total }),
          );
          return Number(m?.[1]);
        });
        for (let i = 0; i < pcts.length; i++) {
          expect(pcts[i]).toBeGreaterThanOrEqual(0);
          expect(pcts[i]).toBeLessThanOrEqual(100);
          if (i > 0) expect(pcts[i]).toBeGreaterThanOrEqual(pcts[i - 1]);
        }
        expect(transferText("download", { phase: "write", target: "", done: total, total })).toBe(
          "Building the download: 100% (packing the file)",
        );
      },
    ),
  );
});

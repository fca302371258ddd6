/**
 * A run whose result rows stay in the engine worker (RunParams.holdRows, the browser preview's
 * runs): driven through the real handler in-process on the seed workbook and compared with a run
 * that sends the rows (the reference path). The book comes back with the same sheets, its table
 * sheets without rows and their row counts equal to the reference's; no row crosses in a
 * `book-rows` message; written by naming the run, the rows fetched page by page (any page size)
 * are the reference's rows in order; the sheet view's head is the first rows with the true count.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import type { ResultCell } from "../../src/engine/report/result-book";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import type { ExcelLoader } from "../../src/taskpane/host/preview-host";
import { WorkerPreviewHost } from "../../src/taskpane/host/worker-preview-host";
import { sheetView } from "../../src/taskpane/state/sheet-view";
import { EngineClient, heldRowsOf, type RunOutcome } from "../../src/taskpane/worker-client";
import type { TableSource } from "../../src/workbook/workbook-host";
import { writeSeedXlsx } from "../e2e/support/seed-xlsx";
import { inProcessWorker } from "./in-process-worker";

const nodeExcel: ExcelLoader = async () => ExcelJS;
const RUN_AT = "2025-11-25T09:00:00.000Z";

let dir: string;
let seedBytes: Uint8Array;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "rgo-held-rows-"));
  seedBytes = new Uint8Array(readFileSync(await writeSeedXlsx(dir)));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Done = Extract<RunOutcome, { kind: "done" }>;

async function openSeed(): Promise<{
  worker: ReturnType<typeof inProcessWorker>;
  client: EngineClient;
  host: WorkerPreviewHost;
  sources: TableSource[];
}> {
  const worker = inProcessWorker({ loadExcel: nodeExcel });
  const client = new EngineClient(worker);
  const host = await WorkerPreviewHost.empty(client).openFile("seed.xlsx", seedBytes.slice());
  const sources: TableSource[] = (await host.listSheets()).map((s) => ({
    kind: "sheet",
    sheet: s.name,
  }));
  return { worker, client, host, sources };
}

function done(o: RunOutcome): Done {
  if (o.kind !== "done") throw new Error(JSON.stringify(o).slice(0, 300));
  return o;
}

/** The reference: the same run with its rows sent to the pane. */
async function referenceRun(): Promise<Done> {
  const { client, host, sources } = await openSeed();
  const out = done(
    await client.run(await host.stageForEngine(sources), {
      pack: BUILTIN_PACKS["seed-tier2"],
      runAt: RUN_AT,
    }),
  );
  client.dispose();
  return out;
}

const tableRows = (o: Done): Map<string, ResultCell[][]> =>
  new Map(
    o.book.sheets.flatMap((s) =>
      s.content.kind === "table" ? [[s.name, s.content.table.rows] as const] : [],
    ),
  );

test("the book comes back without table rows, with their counts, and no row crosses", async () => {
  const reference = await referenceRun();
  const { worker, client, host, sources } = await openSeed();
  const received: string[] = [];
  const onmessage = worker.onmessage;
  worker.onmessage = (e) => {
    received.push(e.data.type);
    onmessage?.(e);
  };
  const held = done(
    await client.run(await host.stageForEngine(sources), {
      pack: BUILTIN_PACKS["seed-tier2"],
      runAt: RUN_AT,
      holdRows: true,
    }),
  );
  expect(received).not.toContain("book-rows");
  expect(held.summary).toEqual(reference.summary);
  expect(held.book.sheets.map((s) => s.name)).toEqual(reference.book.sheets.map((s) => s.name));
  const counts = heldRowsOf(held.book);
  const expected = new Map<number, number>();
  reference.book.sheets.forEach((s, i) => {
    if (s.content.kind === "table") expected.set(i, s.content.table.rows.length);
  });
  expect(counts).toEqual(expected);
  // RGO Gaps holds the seed's 343 gaps (the published figure), here as a count only.
  const gaps = held.book.sheets.findIndex((s) => s.name === "RGO Gaps");
  expect(counts?.get(gaps)).toBe(343);
  held.book.sheets.forEach((s, i) => {
    const ref = reference.book.sheets[i];
    if (s.content.kind === "table") {
      expect(s.content.table.rows).toEqual([]);
      expect(ref.content.kind === "table" && ref.content.table.columns).toEqual(
        s.content.table.columns,
      );
    } else expect(s).toEqual(ref);
  });
  client.dispose();
});

test("written by naming the run, the rows fetched page by page are the reference's rows (property)", async () => {
  const reference = tableRows(await referenceRun());
  const { worker, client, host, sources } = await openSeed();
  const held = done(
    await client.run(await host.stageForEngine(sources), {
      pack: BUILTIN_PACKS["seed-tier2"],
      runAt: RUN_AT,
      holdRows: true,
    }),
  );
  await host.writeResults(held.book);
  const write = worker.sent.find(
    (m) => m.type === "host-call" && m.call.method === "write-results",
  );
  expect(write?.type === "host-call" && write.call).toEqual({ method: "write-results", run: 1 });
  const names = [...reference.keys()];
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...names),
      fc.integer({ min: 1, max: 400 }),
      async (name, page) => {
        const want = reference.get(name) as ResultCell[][];
        const got: ResultCell[][] = [];
        for (let from = 0; ; from += page) {
          const p = await host.resultRows(name.toLowerCase(), from, page);
          if (p === null) throw new Error(`no rows for ${name}`);
          expect(p.total).toBe(want.length);
          expect(p.rows.length).toBe(Math.max(0, Math.min(page, want.length - from)));
          got.push(...p.rows);
          if (from + page >= want.length) break;
        }
        expect(got).toEqual(want);
      },
    ),
    { numRuns: 25 },
  );
  // The sheet view's head: the first 200 of RGO Gaps' 343 rows, and the true count in its note.
  const head = await host.resultSheetHead("RGO Gaps", 200);
  if (head === null) throw new Error("no RGO Gaps");
  expect(head.tableRows).toBe(343);
  const gaps = reference.get("RGO Gaps") as ResultCell[][];
  expect(head.sheet.content.kind === "table" && head.sheet.content.table.rows).toEqual(
    gaps.slice(0, 200),
  );
  expect(sheetView(head.sheet, 200, head.tableRows).note).toBe(
    "first 200 of 343 rows — download the results for all",
  );
  expect(await host.resultSheetHead("no such sheet", 200)).toBeNull();
  client.dispose();
});

/**
 * The browser preview's workbook, held in the engine worker: the .xlsx bytes arrive here
 * (transferred, not copied), are read by the CLI's reader into a PreviewHost, and stay here. The
 * pane asks for what it shows (sheet names, table shapes, small sheets such as RGO History or RGO
 * Rules); `stage` hands the chosen tables to the engine as they are, so no input row crosses
 * threads. Result sheets are written here too (the run's own book when the pane names its run),
 * their rows stay here (the pane's sheet view asks for the rows it shows: `result-rows`), and the
 * download is built here and transferred back as bytes.
 *
 * host-open and every host-call can be cancelled (host-cancel): the flag is checked between chunks
 * of work (PreviewHost's reads and download, which yield between chunks so the cancel message gets
 * in) and once more before the answer; a cancelled open leaves the workbook held before.
 */
import { isCancelled, throwIfCancelled } from "../../engine/errors";
import type { RawWorkbook } from "../../engine/input/raw-table";
import type { ResultBook } from "../../engine/report/result-book";
import { PreviewHost, type ExcelLoader, loadBrowserExcel } from "../host/preview-host";
import type { HostAnswer, HostCall, TableShape, WorkerRequest, WorkerResponse } from "./protocol";
import { macrotask } from "../../engine/pipeline/progress";

/** Posts a response, moving the given buffers instead of copying them. */
export type Post = (response: WorkerResponse, transfer?: ArrayBuffer[]) => void;

/** What the worker shares with its book: the staged input and the last run's book. */
export interface BookState {
  staged(): RawWorkbook | null;
  setStaged(workbook: RawWorkbook | null): void;
  /** The last completed run: its number (done's `run`) and its book. */
  lastRun(): { run: number; book: ResultBook } | null;
}

/** Rows of a host-call read per host-rows message. */
const ROWS_PER_MESSAGE = 20_000;

/** `bytes` as one ArrayBuffer of exactly its length (transferable without sending more). */
export function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  if (
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer
  )
    return bytes.buffer;
  return bytes.slice().buffer as ArrayBuffer;
}

export interface WorkerBook {
  handle(
    request: Extract<WorkerRequest, { type: "host-open" | "host-call" | "host-cancel" }>,
  ): Promise<void>;
}

export function createWorkerBook(
  post: Post,
  state: BookState,
  loadExcel: ExcelLoader = loadBrowserExcel,
): WorkerBook {
  let host = PreviewHost.empty("Book1", loadExcel);
  const active = new Map<number, AbortController>();

  const failed = (id: number, e: unknown): void => {
    if (isCancelled(e)) {
      post({ type: "request-failed", id, code: "cancelled", message: e.message });
      return;
    }
    const code =
      e !== null && typeof e === "object" && "code" in e && typeof e.code === "string"
        ? e.code
        : "internal";
    post({
      type: "request-failed",
      id,
      code,
      message: e instanceof Error ? e.message : String(e),
    });
  };

  async function open(request: Extract<WorkerRequest, { type: "host-open" }>): Promise<void> {
    const { id } = request;
    const controller = new AbortController();
    active.set(id, controller);
    try {
      await macrotask(); // a cancel posted right after the open gets in before the read
      const next = await PreviewHost.open(request.fileName, request.bytes, loadExcel, {
        signal: controller.signal,
        onProgress: (p) => post({ type: "host-progress", id, ...p }),
      });
      throwIfCancelled(controller.signal, "opening cancelled");
      host = next;
      state.setStaged(null);
      post({ type: "host-opened", id, title: host.title });
    } catch (e) {
      failed(id, e);
    } finally {
      active.delete(id);
    }
  }

  async function answer(call: HostCall, id: number, signal: AbortSignal): Promise<HostAnswer> {
    const onProgress = (p: Parameters<NonNullable<Parameters<PreviewHost["readTables"]>[1]>>[0]) =>
      post({ type: "host-progress", id, ...p });
    switch (call.method) {
      case "list":
        return { method: "list", sheets: await host.listSheets() };
      case "read": {
        const wb = await host.readTables(call.sources, onProgress, signal);
        const tables: TableShape[] = [];
        for (let t = 0; t < wb.tables.length; t++) {
          const { rows, ...shape } = wb.tables[t];
          tables.push(shape);
          for (let i = 0; i < rows.length; i += ROWS_PER_MESSAGE) {
            throwIfCancelled(signal, "reading cancelled");
            post({ type: "host-rows", id, table: t, rows: rows.slice(i, i + ROWS_PER_MESSAGE) });
          }
        }
        return { method: "read", source: wb.source, tables };
      }
      case "stage": {
        const wb = await host.readTables(call.sources, onProgress, signal);
        state.setStaged(wb);
        return { method: "stage", source: wb.source, tables: wb.tables.length };
      }
      case "write-results": {
        let book: ResultBook;
        if ("run" in call) {
          const last = state.lastRun();
          if (last === null || last.run !== call.run)
            throw new Error(
              `the results of run ${call.run} are no longer held by the engine; run again`,
            );
          book = last.book;
        } else book = call.book;
        return { method: "write-results", report: await host.writeResults(book, onProgress) };
      }
      case "rules-text":
        return { method: "rules-text", text: await host.readRulesText() };
      case "write-rules":
        await host.writeRulesText(call.packText, call.packName, call.packVersion, call.packHash);
        return { method: "write-rules" };
      case "write-samples": {
        const staged = state.staged();
        const names = await host.writeSampleSheets(staged === null ? [] : staged.tables);
        state.setStaged(null);
        return { method: "write-samples", names };
      }
      case "download": {
        const { fileName, bytes } = await host.downloadResults({ onProgress, signal });
        return { method: "download", fileName, bytes: exactBuffer(bytes) };
      }
      case "result-rows": {
        const page = host.resultRows(call.sheet, call.from, call.count);
        if (page === null) throw new Error(`the workbook has no result table "${call.sheet}"`);
        return { method: "result-rows", ...page };
      }
    }
  }

  async function call(request: Extract<WorkerRequest, { type: "host-call" }>): Promise<void> {
    const { id } = request;
    const controller = new AbortController();
    active.set(id, controller);
    try {
      const a = await answer(request.call, id, controller.signal);
      throwIfCancelled(controller.signal);
      post({ type: "host-answer", id, answer: a }, a.method === "download" ? [a.bytes] : []);
    } catch (e) {
      failed(id, e);
    } finally {
      active.delete(id);
    }
  }

  return {
    async handle(request) {
      switch (request.type) {
        case "host-open":
          return open(request);
        case "host-call":
          return call(request);
        case "host-cancel":
          active.get(request.id)?.abort();
      }
    },
  };
}

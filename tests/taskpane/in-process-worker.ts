/** A Worker stand-in that runs the real engine handler in-process, cloning messages both ways. */
import { createEngineWorker } from "../../src/taskpane/worker/handle-request";
import type { WorkerRequest, WorkerResponse } from "../../src/taskpane/worker/protocol";
import type { WorkerLike } from "../../src/taskpane/worker-client";
import type { ExcelLoader } from "../../src/taskpane/host/preview-host";

export interface InProcessWorker extends WorkerLike {
  /** Every request posted, in order (after cloning). */
  sent: WorkerRequest[];
}

/**
 * A structured clone made in this realm (Node's structuredClone creates Dates of the outer realm
 * under jest, which `instanceof Date` then rejects; a browser clones into the worker's realm).
 */
export function cloneMessage<T>(v: T): T {
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (v instanceof ArrayBuffer) return v.slice(0) as T;
  if (ArrayBuffer.isView(v)) return (v as unknown as Uint8Array).slice() as T;
  if (Array.isArray(v)) return v.map(cloneMessage) as T;
  if (v !== null && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = cloneMessage(x);
    return out as T;
  }
  return v;
}

/** `loadExcel`: exceljs for the worker's preview workbook (the Node build in tests). */
export function inProcessWorker(options: { loadExcel?: ExcelLoader } = {}): InProcessWorker {
  const w: InProcessWorker = {
    sent: [],
    onmessage: null,
    postMessage(message) {
      const copy = cloneMessage(message);
      w.sent.push(copy);
      void handler.handle(copy);
    },
    terminate() {},
  };
  const handler = createEngineWorker((r: WorkerResponse) => {
    const copy = cloneMessage(r);
    setTimeout(() => w.onmessage?.({ data: copy }), 0);
  }, options);
  return w;
}

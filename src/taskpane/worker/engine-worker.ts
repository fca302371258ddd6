/**
 * Web Worker entry: the engine runs here so Excel's UI never freezes (DESIGN.md section 3).
 * Bundled by webpack for the `webworker` target; the pane talks to it with ./protocol messages.
 */
import { createEngineWorker } from "./handle-request";
import type { WorkerRequest, WorkerResponse } from "./protocol";

/** The part of the worker global this file uses (the project's lib settings have no DOM types). */
interface WorkerScope {
  onmessage: ((event: { data: WorkerRequest }) => void) | null;
  postMessage(message: WorkerResponse, transfer?: ArrayBuffer[]): void;
}
declare const self: WorkerScope;

const worker = createEngineWorker((response, transfer) =>
  transfer !== undefined && transfer.length > 0
    ? self.postMessage(response, transfer)
    : self.postMessage(response),
);
self.onmessage = (event) => {
  void worker.handle(event.data);
};

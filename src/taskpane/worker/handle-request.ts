/**
 * The engine worker's logic, free of the worker global so it runs under jest too: one run at a
 * time, progress per stage, cancel through an AbortController.
 */
import { isRgoError } from "../../engine/errors";
import { buildDataset } from "../../engine/input/build-dataset";
import { analyze } from "../../engine/pipeline/analyze";
import { buildResultBook } from "../../engine/report/build-result-book";
import type { ReportMeta } from "../../engine/report/report-meta";
import { toSummaryJson } from "../../engine/report/summary-json";
import { RGO_REGISTRY } from "../../engine/registry/rgo-registry";
import { validatePack } from "../../rules/validate-pack";
import type { WorkerRequest, WorkerResponse } from "./protocol";

export interface EngineWorker {
  handle(request: WorkerRequest): Promise<void>;
}

/** Creates the request handler; `post` sends a response to the pane. */
export function createEngineWorker(post: (response: WorkerResponse) => void): EngineWorker {
  let running: AbortController | null = null;

  async function run(request: Extract<WorkerRequest, { type: "run" }>): Promise<void> {
    const checked = validatePack(request.pack, RGO_REGISTRY);
    if (!checked.ok) {
      post({ type: "invalid-pack", errors: checked.errors });
      return;
    }
    const controller = new AbortController();
    running = controller;
    try {
      post({ type: "progress", stage: "Reading the sheets", done: 0, total: 1 });
      const { dataset, issues } = buildDataset(request.workbook);
      const runAt = new Date(request.runAt);
      const result = await analyze(
        dataset,
        checked.pack,
        { customerId: request.customerId, topN: request.topN, runAt },
        { signal: controller.signal, onProgress: (p) => post({ type: "progress", ...p }) },
      );
      const meta: ReportMeta = {
        pack: checked.pack,
        packHash: checked.hash,
        issues,
        source: request.workbook.source,
        inputCounts: dataset.inputCounts,
        runAt,
      };
      post({
        type: "done",
        summary: toSummaryJson(result, meta),
        book: buildResultBook(result, meta),
        issues,
      });
    } catch (e) {
      if (isRgoError(e)) post({ type: "failed", kind: e.kind, code: e.code, message: e.message });
      else
        post({
          type: "failed",
          kind: "internal",
          code: "internal",
          message: e instanceof Error ? e.message : String(e),
        });
    } finally {
      if (running === controller) running = null;
    }
  }

  return {
    async handle(request) {
      if (request.type === "cancel") {
        running?.abort();
        return;
      }
      if (running !== null) {
        post({
          type: "failed",
          kind: "input",
          code: "busy",
          message: "a run is already in progress; cancel it first",
        });
        return;
      }
      await run(request);
    },
  };
}

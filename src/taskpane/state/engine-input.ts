/**
 * The engine's input for a check or a run: a host that holds its workbook in the engine worker
 * (the browser preview, worker-preview-host.ts) stages the chosen tables there, so no row crosses
 * threads; any other host (Excel) reads them and the client sends them in chunks.
 */
import type { RawWorkbook } from "../../engine/input/raw-table";
import type { HostProgress, TableSource, WorkbookHost } from "../../workbook/workbook-host";
import type { StagedInWorker } from "../worker-client";

/** The optional capability: hand `sources` to the engine worker in place. */
export interface StagesInWorker {
  stageForEngine(
    sources: readonly TableSource[],
    onProgress?: (p: HostProgress) => void,
    signal?: AbortSignal,
  ): Promise<StagedInWorker>;
}

function stagesInWorker(host: WorkbookHost): host is WorkbookHost & StagesInWorker {
  return typeof (host as Partial<StagesInWorker>).stageForEngine === "function";
}

/** The chosen sources as the engine client takes them (staged in the worker when the host can). */
export function readForEngine(
  host: WorkbookHost,
  sources: readonly TableSource[],
  onProgress?: (p: HostProgress) => void,
  signal?: AbortSignal,
): Promise<RawWorkbook | StagedInWorker> {
  return stagesInWorker(host)
    ? host.stageForEngine(sources, onProgress, signal)
    : host.readTables(sources, onProgress, signal);
}

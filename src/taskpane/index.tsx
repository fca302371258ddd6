/**
 * The task pane's entry: inside Excel (office.js loaded and Office.onReady reporting Excel) the
 * pane works on the open workbook through the Office host; otherwise (office.js missing, no host,
 * or onReady silent for 3 s) it is the browser preview on an in-memory workbook held by the engine
 * worker (worker-preview-host.ts: the file is read, and the download built, there). The Office host
 * only touches `Excel` when called, so the preview never needs it; the .xlsx reader and exceljs are
 * in the worker's bundle (exceljs as its lazy chunk), never in the pane's.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { createOfficeHost } from "./host/office-host";
import { PreviewHost } from "./host/preview-host";
import { WorkerPreviewHost } from "./host/worker-preview-host";
import type { WorkbookHost } from "../workbook/workbook-host";
import type { RgoProbe } from "./state/pane-controller";
import { App } from "./ui/App";
import { createBrowserEngineClient } from "./worker-client";

interface OfficeGlobal {
  Office?: {
    onReady(): Promise<{ host: unknown; platform: unknown }>;
    HostType?: { Excel?: unknown };
  };
  __rgo?: RgoProbe;
}

const READY_TIMEOUT_MS = 3000;

/** "excel" when office.js says the pane runs in Excel, else "preview". */
async function detectHost(): Promise<"excel" | "preview"> {
  const office = (globalThis as OfficeGlobal).Office;
  if (office === undefined || typeof office.onReady !== "function") return "preview";
  const info = await Promise.race([
    office.onReady().catch(() => null),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), READY_TIMEOUT_MS)),
  ]);
  if (info === null || info.host === null || info.host === undefined) return "preview";
  const excel = office.HostType?.Excel ?? "Excel";
  return info.host === excel ? "excel" : "preview";
}

async function main(): Promise<void> {
  const container = document.getElementById("root");
  if (container === null) return;
  const kind = await detectHost();
  let probe: RgoProbe | null = null;
  let host: WorkbookHost;
  const client = createBrowserEngineClient(new URL("engine-worker.js", document.baseURI).href);
  if (kind === "excel") host = createOfficeHost();
  else {
    // Without Web Workers nothing can run; the in-page workbook still lists and opens files.
    host = client !== null ? WorkerPreviewHost.empty(client, "Book1") : PreviewHost.empty("Book1");
    probe = { lastRun: null };
    (globalThis as OfficeGlobal).__rgo = probe;
  }
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} client={client} probe={probe} />
    </FluentProvider>,
  );
}

void main();

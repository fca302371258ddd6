/**
 * Acceptance (issue 12), the pane's hosts: three runs as of weeks 10, 11 and 12 through the pane's
 * own controller (PaneController -> the engine worker in-process -> the host), in the browser
 * preview and in the fake Excel. Each run reads the workbook's own RGO History / Actions /
 * Customers sheets before it replaces them. RGO History has three rows with the right as-of dates;
 * the statuses on RGO Customers agree with the test's own comparison of two standalone runs; in
 * the fake Excel, RGO Summary's "Since last run" section and the history chart are in the write
 * log.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import ExcelJS from "exceljs";
import { loadPack } from "../../src/cli/load-pack";
import type { RawTable } from "../../src/engine/input/raw-table";
import { runAnalysis } from "../../src/engine/pipeline/run-analysis";
import { PreviewHost } from "../../src/taskpane/host/preview-host";
import { PaneController } from "../../src/taskpane/state/pane-controller";
import {
  initialState,
  paneReducer,
  type PaneAction,
  type PaneState,
} from "../../src/taskpane/state/pane-state";
import { EngineClient } from "../../src/taskpane/worker-client";
import { listSheets, readTables, writeResultBook, type XlContext } from "../../src/workbook/excel";
import type { WorkbookHost } from "../../src/workbook/workbook-host";
import { FakeExcel } from "../support/fake-excel";
import { inProcessWorker } from "../taskpane/in-process-worker";
import {
  AS_OF,
  PLANTED,
  plantedTables,
  plantedWorkbook,
  plantedXlsx,
  statusesBetween,
} from "./planted-seed";

const PACK_TEXT = readFileSync(resolve(__dirname, "../../src/rules/packs/seed-v2.json"), "utf8");

/** A WorkbookHost over src/workbook/excel.ts on a fake Excel (office-host.ts without Excel.run). */
function fakeExcelHost(x: FakeExcel): WorkbookHost {
  const ctx = (): XlContext => x.context();
  return {
    kind: "excel",
    title: "planted.xlsx",
    listSheets: () => listSheets(ctx()),
    readTables: (sources, onProgress, signal) =>
      readTables(ctx(), sources, { onProgress, signal }, "planted.xlsx"),
    writeResults: (book, onProgress) => writeResultBook(ctx(), book, { onProgress }),
    readRulesText: async () => null,
    writeRulesText: async () => undefined,
    writeSampleSheets: async () => [],
    activateSheet: async () => undefined,
    onGapRowSelected: async () => () => undefined,
  };
}

/** Three pane runs as of AS_OF on `host`. */
async function threeRuns(
  host: WorkbookHost,
  afterFirstRun?: () => Promise<void>,
): Promise<PaneState> {
  let state = initialState("seed-v2", PACK_TEXT);
  const dispatch = (a: PaneAction): void => {
    state = paneReducer(state, a);
  };
  const controller = new PaneController(
    host,
    new EngineClient(inProcessWorker(), { chunkRows: 5000 }),
    dispatch,
    () => state,
  );
  await controller.refreshSheets();
  for (const asOf of AS_OF) {
    dispatch({ type: "set-as-of", asOf });
    await controller.run();
    if (state.run.status !== "done") throw new Error(`run as of ${asOf}: ${state.run.message}`);
    expect(state.run.summary?.asOf).toBe(asOf);
    if (asOf === AS_OF[0]) await afterFirstRun?.();
  }
  return state;
}

async function sheet(host: WorkbookHost, name: string): Promise<RawTable> {
  return (await host.readTables([{ kind: "sheet", sheet: name }])).tables[0];
}

const column = (t: RawTable, header: string): unknown[] => {
  const j = t.header.indexOf(header);
  if (j === -1) throw new Error(`no column ${header} in ${t.name}: ${t.header.join(", ")}`);
  return t.rows.map((r) => r[j] ?? null);
};

let expected: Map<string, string>;

beforeAll(async () => {
  const pack = await loadPack("seed-v2");
  const figures = async (asOf: string) =>
    (await runAnalysis(plantedWorkbook(), pack, { runAt: new Date(), asOf })).result.customers.map(
      (c) => ({
        customerId: c.customerId,
        gapCount: c.gapCount,
        revenueAtRisk: c.revenueAtRisk,
      }),
    );
  expected = statusesBetween(await figures(AS_OF[1]), await figures(AS_OF[2]));
  for (const [id, p] of Object.entries(PLANTED)) expect(expected.get(id)).toBe(p.status);
}, 60_000);

async function checkHost(host: WorkbookHost, state: PaneState): Promise<void> {
  const history = await sheet(host, "RGO History");
  expect(column(history, "As of")).toEqual([...AS_OF]);
  expect(column(history, "Re-run of the same as-of date")).toEqual(["no", "no", "no"]);
  const customers = await sheet(host, "RGO Customers");
  const ids = column(customers, "Customer").map(String);
  const got = new Map<string, string>();
  column(customers, "Since last run").forEach((s, i) => {
    if (s !== null && s !== "") got.set(ids[i], String(s));
  });
  expect(got).toEqual(expected);
  const trend = state.run.summary?.trend;
  expect(trend?.previousAsOf).toBe(AS_OF[1]);
  expect(trend?.closed).toBe([...expected.values()].filter((s) => s === "closed").length);
}

test("the browser preview: three runs, history and statuses", async () => {
  const host = await PreviewHost.open("planted.xlsx", await plantedXlsx(), async () => ExcelJS);
  const state = await threeRuns(host);
  await checkHost(host, state);
  // The pane shows RGO Summary's "Since last run" section.
  const summary = host.resultSheet?.("RGO Summary");
  expect(
    summary?.content.kind === "report" &&
      summary.content.blocks.some((b) => b.kind === "heading" && b.text === "Since last run"),
  ).toBe(true);
}, 180_000);

test("the fake Excel: three runs, history, statuses, Since last run and the chart in the write log", async () => {
  const x = new FakeExcel([]);
  for (const t of plantedTables()) {
    x.addSheet(t.name);
    x.put(t.name, 0, 0, [
      t.header,
      ...t.rows.map((r) => r.map((v) => (v === null ? "" : (v as string | number)))),
    ]);
  }
  const host = fakeExcelHost(x);
  // After run 1 the user types into RGO Actions, as in Excel (its Notes column is text-formatted,
  // so a typed =HYPERLINK("x") stays text; a date is stored as its serial number).
  const NOTE = '=HYPERLINK("x")';
  const NEXT_STEP = 46037; // 2026-01-15
  let typedFor = "";
  const typeIntoActions = async (): Promise<void> => {
    const t = await sheet(host, "RGO Actions");
    const at = (header: string): number => {
      const j = t.header.indexOf(header);
      if (j === -1) throw new Error(`no column ${header}: ${t.header.join(", ")}`);
      return t.firstColumn - 1 + j;
    };
    typedFor = String(t.rows[0][t.header.indexOf("Customer")]);
    const row = t.headerRow; // 0-based index of the first data row
    x.put("RGO Actions", row, at("Owner"), [["Dana"]]);
    x.put("RGO Actions", row, at("Status"), [["in progress"]]);
    x.put("RGO Actions", row, at("Next step date"), [[NEXT_STEP]]);
    x.put("RGO Actions", row, at("Notes"), [[NOTE]]);
  };
  const state = await threeRuns(host, typeIntoActions);
  await checkHost(host, state);
  const actions = await sheet(host, "RGO Actions");
  const typed = actions.rows.find(
    (r) => String(r[actions.header.indexOf("Customer")]) === typedFor,
  );
  expect(typed).toBeDefined();
  const cell = (h: string): unknown => typed?.[actions.header.indexOf(h)];
  expect([cell("Owner"), cell("Status"), cell("Notes")]).toEqual(["Dana", "in progress", NOTE]);
  const next = cell("Next step date");
  expect(next instanceof Date ? next.getTime() / 86_400_000 + 25569 : next).toBe(NEXT_STEP);
  expect(cell("Runs since first flagged")).toBe(2); // flagged at run 1, now run 3
  // The write log: the section's heading written on RGO Summary and the history chart added there.
  const summary = x.sheet("RGO Summary");
  const texts: string[] = [];
  for (const row of summary.cells.values())
    for (const c of row.values()) if (typeof c.value === "string") texts.push(c.value);
  expect(texts).toContain("Since last run");
  expect(texts).toContain("Biggest movers since last run");
  expect(x.ops("charts.add", "RGO Summary").length).toBeGreaterThan(0);
  expect(summary.charts.map((c) => c.title)).toContain("Revenue at risk and exposure, run by run");
  // The chart's source is the history table: three runs (header + 3 rows, 3 columns).
  const chart = summary.charts.find((c) => c.title === "Revenue at risk and exposure, run by run");
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(
    chart?.source.split("!").pop()?.replace(/\$/g, "") ?? "",
  );
  expect(m).not.toBeNull();
  if (m !== null) expect(Number(m[4]) - Number(m[2])).toBe(3);
}, 180_000);

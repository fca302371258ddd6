/**
 * Currency in the pane (issue 11), through the preview host and the engine worker as the pane
 * uses them: a workbook whose revenue column has a £ number format is checked as GBP, runs in GBP
 * without a choice, runs in the chosen currency with one, and the downloaded results workbook
 * writes every money cell in that currency.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import ExcelJS from "exceljs";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { PreviewHost, type ExcelLoader } from "../../src/taskpane/host/preview-host";
import { EngineClient } from "../../src/taskpane/worker-client";
import { inProcessWorker } from "./in-process-worker";

const nodeExcel: ExcelLoader = async () => ExcelJS;
const SEED = resolve(__dirname, "../../../shared/data/seed");
const RUN_AT = "2025-11-25T09:00:00.000Z";

async function poundsBook(): Promise<Uint8Array> {
  const lines = readFileSync(resolve(SEED, "retail_weekly_sales.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(0, 1201)
    .map((l) => l.split(",").slice(0, 3));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("weekly_sales");
  ws.addRow(lines[0]);
  for (const l of lines.slice(1)) {
    const row = ws.addRow([l[0], l[1], Number(l[2])]);
    row.getCell(3).numFmt = "[$£-809]#,##0.00";
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

test("a £-formatted workbook: the data check names GBP, the run is in GBP, a choice wins", async () => {
  const host = await PreviewHost.open("pounds.xlsx", await poundsBook(), nodeExcel);
  const workbook = await host.readTables([{ kind: "sheet", sheet: "weekly_sales" }]);
  expect(workbook.tables[0].columnCurrencies?.[2]).toEqual([{ code: "GBP", row: 2 }]);
  const client = new EngineClient(inProcessWorker(), { chunkRows: 500 });
  const report = await client.validate(workbook);
  expect(report.blocking).toBeNull();
  expect(report.currency).toBe("GBP");

  const detected = await client.run(workbook, { pack: BUILTIN_PACKS.default, runAt: RUN_AT });
  if (detected.kind !== "done") throw new Error(JSON.stringify(detected).slice(0, 300));
  expect(detected.summary.summary.currency).toBe("GBP");

  const chosen = await client.run(workbook, {
    pack: BUILTIN_PACKS.default,
    runAt: RUN_AT,
    currency: "EUR",
  });
  if (chosen.kind !== "done") throw new Error("run failed");
  expect(chosen.summary.summary.currency).toBe("EUR");
  // Same figures: the currency is a label, never a conversion.
  const { currency: _a, ...a } = detected.summary.summary;
  const { currency: _b, ...b } = chosen.summary.summary;
  expect(b).toEqual(a);
  expect(chosen.issues.some((i) => i.code === "currency-overridden")).toBe(true);

  await host.writeResults(chosen.book);
  const out = new ExcelJS.Workbook();
  await out.xlsx.load((await host.resultsFile()) as unknown as ArrayBuffer);
  let money = 0;
  out.eachSheet((ws) => {
    if (!ws.name.startsWith("RGO")) return;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const fmt = cell.numFmt ?? "";
        if (typeof cell.value !== "number" || !/[$£€]/.test(fmt)) return;
        money++;
        expect(fmt).toContain("€");
        expect(fmt).not.toMatch(/[$£]/);
      }),
    );
  });
  expect(money).toBeGreaterThan(5);
});

/**
 * End-to-end, issue 13: the Drill-down's forecast band. A workbook where the default pack fits
 * the customer model (60 customers x 27 weeks, written here; the same log as
 * tests/taskpane/customer-detail-forecast.test.ts), run with the default pack: the chart draws the
 * band after the history, labelled "80% band, next 13 weeks", its hidden table says the band in
 * money, and the screenshots go to out/screenshots/4-drill-down-forecast-{350,500}.png.
 */
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { screenshotWidths, startPaneSession, type PaneSession } from "./support/browser";
import { choose, openTab, runAnalysis, textOf, waitFor } from "./support/pane-driver";

let session: PaneSession;
let page: Page;

const DAY = 86_400_000;
const START = Date.UTC(2023, 9, 4);

/** customer_id, date, revenue: customers with different rhythms, half of them stopping early. */
async function writeLog(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("sales");
  ws.addRow(["customer_id", "date", "revenue"]);
  for (let i = 0; i < 60; i++) {
    const every = 1 + (i % 7);
    const stop = i % 2 === 0 ? 14 + (i % 10) : 99;
    for (let w = i % 5; w <= Math.min(stop, 26); w += every)
      ws.addRow([
        `K${i}`,
        new Date(START + (7 * w + (i % 3)) * DAY),
        10 + ((i * 7) % 13) * 4 + (w % 3) * 3,
      ]);
  }
  const file = join(dir, "forecast.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

beforeAll(async () => {
  session = await startPaneSession();
  page = session.page;
}, 600_000);

afterAll(async () => {
  await session?.close();
});

test("the forecast band follows the history, labelled, with its amounts in the hidden table", async () => {
  await page.setViewportSize({ width: 500, height: 900 });
  await page.goto(`${session.server.origin}/taskpane.html`);
  await page.getByRole("tab", { name: "Data", exact: true }).waitFor({ state: "visible" });
  await page
    .getByLabel("Open workbook (.xlsx)")
    .setInputFiles(await writeLog(session.browser.tempDir));
  await waitFor(
    () => textOf(page, "workbook-title"),
    (t) => /^forecast(\.xlsx)?$/.test(t),
    "workbook title",
  );
  await openTab(page, "Rules");
  await choose(page, "Preset", "default");
  expect(await runAnalysis(page)).toMatch(/^Done/);
  await openTab(page, "Drill-down");
  await choose(page, "Customer", /^1\. /);
  const forecast = page.getByTestId("chart-forecast");
  await forecast.waitFor({ state: "visible" });
  await expect(forecast.locator("text").textContent()).resolves.toBe("80% band, next 13 weeks");
  // The band starts where the history ends: right of every bar.
  const geometry = await page.getByTestId("spend-chart").evaluate((fig) => {
    const svg = fig.querySelector("svg") as SVGSVGElement;
    const band = fig.querySelector('[data-testid="chart-forecast"] rect') as SVGRectElement;
    const bars = [...svg.querySelectorAll(":scope > rect")] as SVGRectElement[];
    return {
      bandX: band.x.baseVal.value,
      bandW: band.width.baseVal.value,
      lastBarRight: Math.max(...bars.map((b) => b.x.baseVal.value + b.width.baseVal.value)),
    };
  });
  expect(geometry.bandW).toBeGreaterThan(0);
  expect(geometry.bandX).toBeGreaterThanOrEqual(geometry.lastBarRight);
  // The text alternative: one row per observed week and the band in money.
  const row = page.getByTestId("spend-table").getByRole("row", { name: /^Next 13 weeks/ });
  await expect(row.textContent()).resolves.toMatch(
    /^Next 13 weeks \(80% band\)Next 13 weeks: \$[\d,.]+-\$[\d,.]+ in total \(80%\)$/,
  );
  // Nothing of the drill-down (the hidden table included) widens the page past a 350 px pane.
  await page.setViewportSize({ width: 350, height: 900 });
  await page.waitForTimeout(150);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(350);
  await page.setViewportSize({ width: 500, height: 900 });
  await screenshotWidths(page, "4-drill-down-forecast");
  expect(session.pageErrors).toEqual([]);
});

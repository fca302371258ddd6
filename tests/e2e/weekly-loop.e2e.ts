/**
 * End-to-end, the weekly loop (issue 12) in the browser preview: the seed workbook run as of
 * 2025-11-21 (the Run step's As of control), then again over all the data; the second run reads
 * the preview's own RGO History and RGO Customers and the pane shows the as-of date and what
 * changed since the last run. Screenshots of the pane after the second run: 7-since-last-run.
 */
import type { Page } from "playwright-core";
import { serveStatic, type StaticServer } from "../../scripts/pane-harness";
import { launchBrowser, screenshotWidths, type Browser } from "./support/browser";
import { buildPane } from "./support/build-pane";
import { choose, openTab, runAnalysis, textOf, waitFor } from "./support/pane-driver";
import { writeSeedXlsx } from "./support/seed-xlsx";

let server: StaticServer;
let browser: Browser;
let page: Page;
let seedFile: string;

beforeAll(async () => {
  server = await serveStatic(buildPane());
  browser = await launchBrowser();
  seedFile = await writeSeedXlsx(browser.tempDir);
  page = browser.context.pages()[0] ?? (await browser.context.newPage());
  page.setDefaultTimeout(30_000);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test("a second run shows the as-of date and what changed since the first", async () => {
  await page.goto(`${server.origin}/taskpane.html`);
  await page.getByRole("tab", { name: "Data", exact: true }).waitFor({ state: "visible" });
  await page.getByLabel("Open workbook (.xlsx)").setInputFiles(seedFile);
  await waitFor(
    () => textOf(page, "workbook-title"),
    (t) => /^seed(\.xlsx)?$/.test(t),
    "workbook title",
  );
  await openTab(page, "Rules");
  await choose(page, "Preset", "seed-v2");
  await openTab(page, "Run");
  await page.getByTestId("as-of").fill("2025-11-21");
  await expect(runAnalysis(page)).resolves.toMatch(/^Done/);
  expect(await textOf(page, "headline-as-of")).toBe("2025-11-21");
  await expect(page.getByTestId("headline-trend").count()).resolves.toBe(0);

  await page.getByTestId("as-of").fill("");
  await expect(runAnalysis(page)).resolves.toMatch(/^Done/);
  // The default as-of date: the end of the last week in the data (week of 2025-11-22).
  expect(await textOf(page, "headline-as-of")).toBe("2025-11-28");
  expect(await textOf(page, "headline-trend")).toMatch(/^(Stable →|Improving ↓|Declining ↑)/);
  expect(await textOf(page, "headline-trend-customers")).toMatch(/^\d+ \/ \d+ \/ \d+ \/ \d+$/);
  await screenshotWidths(page, "7-since-last-run");
  // RGO History, shown read-only in the pane, has both runs.
  await page.getByRole("button", { name: "Open RGO History" }).click();
  const dialog = page.getByRole("dialog", { name: "RGO History" });
  await dialog.waitFor({ state: "visible" });
  await expect(dialog.getByRole("row").count()).resolves.toBe(3);
});

/**
 * End-to-end, issue 14: opening a large workbook in the browser preview can be cancelled while the
 * engine worker is still reading it. A 8,000-customer x 52-week workbook (416,000 sales rows, made
 * here with the CLI's table writer) is opened; once the pane says how much of a sheet it has read,
 * Cancel is pressed: the open stops with "Opening cancelled.", the pane keeps the workbook it had,
 * and opening the seed workbook afterwards works as usual (its title, the Data step's counts, which
 * are the seed data's own: 200 customers, 2,400 sales rows over 12 weeks).
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { generateSample } from "../../src/engine/sample/generate-sample";
import { writeTablesXlsx } from "../../src/workbook/xlsx-table-writer";
import { startPaneSession, type PaneSession } from "./support/browser";
import { openTab, textOf, waitFor } from "./support/pane-driver";
import { writeSeedXlsx } from "./support/seed-xlsx";

let session: PaneSession;
let page: Page;
let bigFile: string;
let seedFile: string;

beforeAll(async () => {
  session = await startPaneSession();
  page = session.page;
  bigFile = join(session.browser.tempDir, "big.xlsx");
  await writeTablesXlsx(
    generateSample({ customers: 8000, weeks: 52, seed: 1, dense: true }).tables,
    bigFile,
  );
  seedFile = await writeSeedXlsx(session.browser.tempDir);
}, 600_000);

afterAll(async () => {
  await session?.close();
});

test("Cancel during the read stops the open; another workbook then opens fine", async () => {
  await page.goto(`${session.server.origin}/taskpane.html`);
  await page.getByRole("tab", { name: "Data", exact: true }).waitFor({ state: "visible" });
  const before = await textOf(page, "workbook-title");

  await page.getByLabel("Open workbook (.xlsx)").setInputFiles(bigFile);
  // Mid-read: the worker reports the sheet and the share of the file read so far.
  const handle = await page.waitForFunction(
    () => {
      const t = document.querySelector('[data-testid="transfer-progress"]')?.textContent ?? "";
      return /^Reading [^:]+: \d+%…$/.test(t.trim()) ? t.trim() : false;
    },
    null,
    { timeout: 120_000, polling: 10 },
  );
  const seen = String(await handle.jsonValue());
  const pct = Number(/(\d+)%/.exec(seen)?.[1]);
  expect(pct).toBeGreaterThanOrEqual(0);
  expect(pct).toBeLessThan(100);
  await page.getByTestId("transfer-cancel").click();

  const message = await waitFor(
    () => textOf(page, "open-error"),
    (t) => t !== "",
    "the open to end",
    120_000,
  );
  expect(message).toBe("Opening cancelled.");
  expect(await textOf(page, "workbook-title")).toBe(before);
  await expect(page.getByTestId("transfer-cancel").count()).resolves.toBe(0);

  await page.getByLabel("Open workbook (.xlsx)").setInputFiles(seedFile);
  await waitFor(
    () => textOf(page, "workbook-title"),
    (t) => /^seed(\.xlsx)?$/.test(t),
    "the seed workbook's title",
    120_000,
  );
  await openTab(page, "Data");
  const checked = await waitFor(
    async () => (await page.getByTestId("data-validation").textContent()) ?? "",
    (t) => t.includes("customers,"),
    "the data check of the seed workbook",
    120_000,
  );
  expect(checked).toContain("200 customers, 2,400 sales rows over 12 weeks");
  expect(session.pageErrors).toEqual([]);
});

/**
 * End-to-end, issue 11: a real workbook in pounds through the browser preview. The pane opens the
 * UCI Online Retail sample (invoice lines, no revenue column), GBP is chosen on the Data step, the
 * default pack runs, and the headline, the result sheets shown in the pane, the drill-down and the
 * downloaded results workbook show pounds and never "$". The figures are compared with the CLI's
 * summary JSON for the same file (`rgo analyze <file> --currency GBP --json`), run in this test.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import type { Locator, Page } from "playwright-core";
import { main } from "../../src/cli/main";
import { cellText } from "../support/workbook-texts";
import { launchBrowser, screenshotWidths, type Browser } from "./support/browser";
import { buildPane } from "./support/build-pane";
import { choose, headlines, openTab, runAnalysis, textOf, waitFor } from "./support/pane-driver";
import { serveStatic, type StaticServer } from "../../scripts/pane-harness";

const RETAIL = resolve(
  __dirname,
  "../../../shared/data/real/online-retail-uci-sample40k/Online Retail.xlsx",
);

interface CliSummary {
  input: { customers: number };
  summary: {
    customersAnalyzed: number;
    customersWithGaps: number;
    gapCount: number;
    totalGap: number;
    revenueAtRisk: number;
    totalExposure: number;
    currency?: string;
  };
  topGaps: { rank: number; customerId: string }[];
}

/** Pounds as shown ("£3,933.68", "-£12.00") in pence; fails on anything else. */
function pence(text: string): number {
  const m = /^(-?)£(\d{1,3}(?:,\d{3})*)\.(\d{2})$/.exec(text.trim());
  if (m === null) throw new Error(`not pounds: ${text}`);
  const v = Number(m[2].replace(/,/g, "")) * 100 + Number(m[3]);
  return m[1] === "-" ? -v : v;
}

/** Opens a result sheet's read-only view (Run step) and returns the dialog. */
async function openSheetView(sheet: string): Promise<Locator> {
  await page.getByRole("button", { name: `Open ${sheet}` }).click();
  const dialog = page.getByRole("dialog", { name: sheet });
  await dialog.waitFor({ state: "visible" });
  return dialog;
}

/** Closes the sheet view with Escape. */
async function closeSheetView(): Promise<void> {
  await page.keyboard.press("Escape");
  await waitFor(
    () => page.getByRole("dialog").count(),
    (n) => n === 0,
    "the sheet view to close",
  );
}

let server: StaticServer;
let browser: Browser;
let page: Page;
let cli: CliSummary;
const pageErrors: string[] = [];

(existsSync(RETAIL) ? describe : describe.skip)("Online Retail in pounds in the preview", () => {
  beforeAll(async () => {
    const dir = buildPane();
    server = await serveStatic(dir);
    browser = await launchBrowser();
    const json = join(browser.tempDir, "retail.json");
    const code = await main(["analyze", RETAIL, "--currency", "GBP", "--json", json, "--quiet"], {
      out: () => undefined,
      err: () => undefined,
    });
    expect(code).toBe(0);
    cli = JSON.parse(readFileSync(json, "utf8")) as CliSummary;
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.setDefaultTimeout(30_000);
    page.on("pageerror", (e) => pageErrors.push(e.message));
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test("the CLI's run: about 3,600 customers, in GBP", () => {
    expect(cli.summary.currency).toBe("GBP");
    expect(cli.summary.customersAnalyzed).toBeGreaterThan(3500);
    expect(cli.summary.customersAnalyzed).toBeLessThan(3700);
    expect(cli.summary.gapCount).toBeGreaterThan(0);
  });

  test("opens the workbook, chooses GBP, runs default: the headline is in pounds", async () => {
    const t0 = Date.now();
    await page.goto(`${server.origin}/taskpane.html`);
    await page.getByRole("tab", { name: "Data", exact: true }).waitFor({ state: "visible" });
    await page.getByLabel("Open workbook (.xlsx)").setInputFiles(RETAIL);
    await waitFor(
      () => textOf(page, "workbook-title"),
      (t) => t.startsWith("Online Retail"),
      "workbook title",
    );
    await openTab(page, "Data");
    await choose(page, "Currency", /^GBP\b/);
    await openTab(page, "Rules");
    await choose(page, "Preset", "default");
    await expect(runAnalysis(page)).resolves.toMatch(/^Done/);
    const h = await headlines(page);
    expect(h["customers-with-gaps"]).toBe(cli.summary.customersWithGaps.toLocaleString("en-US"));
    expect(h["gap-count"]).toBe(cli.summary.gapCount.toLocaleString("en-US"));
    expect(pence(h["total-gap"])).toBe(Math.round(cli.summary.totalGap * 100));
    expect(pence(h["revenue-at-risk"])).toBe(Math.round(cli.summary.revenueAtRisk * 100));
    expect(pence(h["exposure"])).toBe(Math.round(cli.summary.totalExposure * 100));
    const headline = await page.getByRole("definition").allTextContents();
    expect(headline.join(" ")).not.toContain("$");
    await screenshotWidths(page, "7-run-pounds");
    console.log(`e2e pounds: open + run ${Date.now() - t0} ms`);
  }, 120_000);

  test("RGO Summary in the pane: the customer count and revenue at risk of the CLI, in pounds", async () => {
    await openTab(page, "Run");
    const dialog = await openSheetView("RGO Summary");
    const rows = await dialog
      .getByRole("row")
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll("td,th")].map((c) => (c.textContent ?? "").trim())),
      );
    const figure = (label: string): string => rows.find((r) => r[0] === label)?.[1] ?? "";
    expect(figure("Customers analysed")).toBe(
      cli.summary.customersAnalyzed.toLocaleString("en-US"),
    );
    expect(pence(figure("Revenue at risk per week"))).toBe(
      Math.round(cli.summary.revenueAtRisk * 100),
    );
    const text = (await dialog.textContent()) ?? "";
    expect(text).toContain("£");
    expect(text).not.toContain("$");
    await closeSheetView();
  });

  test("the results table (RGO Gaps) in the pane: amounts and why texts in pounds", async () => {
    const dialog = await openSheetView("RGO Gaps");
    const headers = (await dialog.getByRole("columnheader").allTextContents()).map((t) => t.trim());
    const first = (await dialog.getByRole("row").nth(1).getByRole("cell").allTextContents()).map(
      (t) => t.trim(),
    );
    // Rank 1 of the pane's run is the CLI's rank 1: the engine gives the same order in Chromium as
    // in Node (the learned loss risk once differed for customer 16745, 0.885 vs 0.063, because a
    // feature that varied only by rounding noise was standardised: loss-risk.ts fitLogistic).
    expect(first[headers.indexOf("Rank")]).toBe("1");
    expect(first[headers.indexOf("Customer")]).toBe(cli.topGaps[0].customerId);
    for (const h of ["Current", "Expected", "Gap amount", "Exposure"])
      expect(() => pence(first[headers.indexOf(h)])).not.toThrow();
    expect(first[headers.indexOf("Why")]).toContain("£");
    const text = (await dialog.textContent()) ?? "";
    expect(text).not.toContain("$");
    await closeSheetView();
  });

  test("the drill-down of the top customer: why, facts and chart in pounds", async () => {
    await openTab(page, "Drill-down");
    // The first customer offered is the one with the top gap, its money at risk in pounds.
    await choose(page, "Customer", /^1\. \d+ — £[\d,]+\.\d\d a week at risk/);
    const chart = page.getByRole("img", { name: /^Weekly spend of / });
    await chart.first().waitFor({ state: "visible" });
    const why = await textOf(page, "drill-why");
    // The why is shown once, its money in pounds (e.g. "Expected to spend £26.63 over ...").
    expect(why).toMatch(/£[\d,]+\.\d\d/);
    expect(why).not.toContain("$");
    expect(await textOf(page, "drill-facts")).not.toContain("$");
    const label = (await chart.first().getAttribute("aria-label")) ?? "";
    expect(label).toContain("£");
    expect(label).not.toContain("$");
  });

  test("the downloaded results workbook: every money cell in pounds, no $ in any RGO sheet", async () => {
    const button = page.getByRole("button", { name: "Download results (.xlsx)" });
    const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
    const file = join(browser.tempDir, download.suggestedFilename());
    await download.saveAs(file);
    // Streamed: the download also holds the 40,000-row input sheet, which is skipped.
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      worksheets: "emit",
      sharedStrings: "cache",
      styles: "cache",
    });
    let pounds = 0;
    let analysed: unknown = null;
    const dollars: string[] = [];
    const sheets: string[] = [];
    for await (const ws of reader) {
      const name = (ws as unknown as { name: string }).name;
      sheets.push(name);
      for await (const row of ws) {
        if (!name.startsWith("RGO ")) continue;
        const values = row.values as unknown[];
        const at = values.indexOf("Customers analysed");
        if (name === "RGO Summary" && at >= 0)
          analysed = values.slice(at + 1).find((x) => typeof x === "number");
        row.eachCell((cell) => {
          const fmt = cell.numFmt ?? "";
          const v = cell.value as unknown;
          const text = cellText(v) ?? "";
          if (fmt.includes("$") || text.includes("$"))
            dollars.push(`${name}!${cell.address} ${fmt} ${text}`);
          if (typeof v === "number" && fmt.includes("£")) pounds++;
        });
      }
    }
    expect(sheets).toEqual(expect.arrayContaining(["RGO Summary", "RGO Gaps", "RGO Customers"]));
    expect(dollars).toEqual([]);
    expect(pounds).toBeGreaterThan(100);
    // The same customer count as the CLI's, on RGO Summary.
    expect(analysed).toBe(cli.summary.customersAnalyzed);
  });

  test("no uncaught errors on the page", () => {
    expect(pageErrors).toEqual([]);
  });
});

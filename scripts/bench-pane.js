#!/usr/bin/env node
/**
 * `npm run bench:pane`: the task pane's figures.
 * - Bundle size, gzipped: what the page loads up front (taskpane + vendor chunks), then separately
 *   the lazy exceljs chunk (browser preview only), the engine worker and office.js (not ours: CDN).
 * - Time to interactive in headless Chromium: navigation start -> the Data tab is visible and
 *   enabled (median of 5 fresh loads).
 * - A 20,000-customer x 26-week run in the browser preview (Sample data, then Run):
 *   window.__rgo.lastRun.ms, plus the wall time from the click and the longest main-thread task.
 * - Block planning for reading 1,048,575 rows x 4 columns through Office.js (planRead of
 *   src/workbook/excel-blocks.ts, via the CLI build in dist/): requests and the largest request.
 *
 * Builds the pane (production, local office.js) into out/bench-web unless RGO_BENCH_WEB names an
 * existing build. Needs /usr/bin/chromium (RGO_CHROMIUM overrides).
 *   node scripts/bench-pane.js [--no-run]     (--no-run: skip the 20,000-customer run)
 */
/* global document, window, performance, PerformanceObserver -- the page callbacks run in Chromium */
const fs = require("fs");
const os = require("os");
const path = require("path");
const zlib = require("zlib");

const { REPO: ROOT, CHROMIUM, buildPane, serveStatic, launchChromium } = require("./pane-harness");
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

function build() {
  if (process.env.RGO_BENCH_WEB) return path.resolve(ROOT, process.env.RGO_BENCH_WEB);
  const t0 = Date.now();
  const out = buildPane(path.join(ROOT, "out/bench-web"), { showOutput: false });
  console.log(`build (production, local office.js): ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return out;
}

/** Sizes of the page's scripts: initial ones from taskpane.html, the rest of dist's .js lazy. */
function bundleFigures(dir) {
  const html = fs.readFileSync(path.join(dir, "taskpane.html"), "utf8");
  // Attributes may be quoted or not (html-webpack-plugin minifies production HTML).
  const srcs = [...html.matchAll(/<script[^>]*\ssrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)].map(
    (m) => m[1] ?? m[2] ?? m[3],
  );
  const initial = srcs.filter((s) => !/office\.js$/.test(s)).map((s) => s.replace(/^\.?\//, ""));
  const allJs = fs.readdirSync(dir).filter((f) => f.endsWith(".js"));
  const lazy = allJs.filter((f) => !initial.includes(f) && !f.startsWith("engine-worker"));
  const rows = [];
  let initialGz = 0;
  for (const f of initial) {
    const g = gz(path.join(dir, f));
    initialGz += g;
    rows.push(
      `  initial  ${f.padEnd(34)} ${kib(fs.statSync(path.join(dir, f)).size).padStart(11)}  gz ${kib(g)}`,
    );
  }
  for (const f of lazy) {
    const file = path.join(dir, f);
    const head = fs.readFileSync(file, "utf8");
    const what = /exceljs|ExcelJS/.test(head) ? " (exceljs, preview only)" : "";
    rows.push(
      `  lazy     ${(f + what).padEnd(34)} ${kib(fs.statSync(file).size).padStart(11)}  gz ${kib(gz(file))}`,
    );
  }
  const worker = path.join(dir, "engine-worker.js");
  rows.push(
    `  worker   engine-worker.js${" ".repeat(18)} ${kib(fs.statSync(worker).size).padStart(11)}  gz ${kib(gz(worker))}`,
  );
  const office = path.join(dir, "office-js/office.js");
  if (fs.existsSync(office))
    rows.push(
      `  not ours office.js (Microsoft CDN)${" ".repeat(8)} ${kib(fs.statSync(office).size).padStart(11)}  gz ${kib(gz(office))}`,
    );
  console.log(`pane bundle, loaded up front (taskpane + vendor, gzipped): ${kib(initialGz)}`);
  console.log(rows.join("\n"));
}

async function browserFigures(dir, withRun) {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`(no ${CHROMIUM}: browser figures skipped; apt-get install -y chromium)`);
    return;
  }
  const server = await serveStatic(dir);
  const origin = server.origin;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "rgo-bench-"));
  const context = await launchChromium(profile);
  try {
    const tti = [];
    for (let i = 0; i < 5; i++) {
      const page = await context.newPage();
      await page.goto(`${origin}/taskpane.html`, { waitUntil: "commit" });
      const tab = page.getByRole("tab", { name: "Data", exact: true });
      await tab.waitFor({ state: "visible", timeout: 60000 });
      await page.waitForFunction(() => {
        const t = [...document.querySelectorAll('[role="tab"]')].find(
          (e) => e.textContent.trim() === "Data",
        );
        return (
          t !== undefined &&
          !t.hasAttribute("disabled") &&
          t.getAttribute("aria-disabled") !== "true"
        );
      });
      tti.push(await page.evaluate(() => performance.now()));
      await page.close();
    }
    tti.sort((a, b) => a - b);
    console.log(
      `time to interactive (navigation start -> Data tab usable), median of 5: ${tti[2].toFixed(0)} ms (min ${tti[0].toFixed(0)}, max ${tti[4].toFixed(0)})`,
    );

    if (!withRun) return;
    const page = await context.newPage();
    await page.goto(`${origin}/taskpane.html`);
    await page.getByRole("tab", { name: "Sample data", exact: true }).click();
    await page.getByLabel("Customers", { exact: true }).fill("20000");
    await page.getByLabel("Weeks", { exact: true }).fill("26");
    let t0 = Date.now();
    await page.getByRole("button", { name: "Write sample data" }).click();
    await page.waitForFunction(
      () =>
        /^(Wrote|Failed)/.test(
          (document.querySelector('[data-testid="sample-status"]')?.textContent ?? "").trim(),
        ),
      null,
      { timeout: 300000 },
    );
    console.log(
      `sample 20,000 x 26 written into the preview workbook: ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    await page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((l) =>
        l.getEntries().forEach((e) => window.__longTasks.push(e.duration)),
      ).observe({ type: "longtask" });
    });
    await page.getByRole("tab", { name: "Run", exact: true }).click();
    t0 = Date.now();
    await page.getByRole("button", { name: "Run analysis" }).click();
    await page.waitForFunction(
      () =>
        /^(Done|Failed|Cancelled)/.test(
          (document.querySelector('[data-testid="run-status"]')?.textContent ?? "").trim(),
        ),
      null,
      { timeout: 600000, polling: 200 },
    );
    const wall = Date.now() - t0;
    const r = await page.evaluate(() => ({
      status: document.querySelector('[data-testid="run-status"]').textContent.trim(),
      lastRun: window.__rgo && window.__rgo.lastRun,
      longest: Math.max(0, ...window.__longTasks),
      count: window.__longTasks.length,
    }));
    console.log(
      `20,000-customer run in the browser preview: ${r.lastRun ? r.lastRun.ms.toFixed(0) : "?"} ms (window.__rgo.lastRun, ${r.lastRun ? r.lastRun.customers : "?"} customers); click -> "${r.status.slice(0, 40)}": ${wall} ms`,
    );
    console.log(
      `main-thread long tasks during the run: ${r.count}, longest ${r.longest.toFixed(0)} ms`,
    );
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

function planFigures() {
  const file = path.join(ROOT, "dist/workbook/excel-blocks.js");
  if (!fs.existsSync(file)) {
    console.log(
      "(dist/workbook/excel-blocks.js missing: run npm run build:cli for the block-planning figures)",
    );
    return;
  }
  const blocks = require(file);
  const rows = 1_048_575;
  const cols = 4;
  // A weekly-sales row as Excel sends it: customer id, week (date serial), store, spend.
  const sample = [];
  for (let i = 0; i < 1000; i++)
    sample.push([
      `C${100000 + i * 37}`,
      45906 + (i % 52) * 7,
      101 + (i % 9),
      Math.round((i * 7919) % 40000) / 100,
    ]);
  const typical = blocks.estimateBytesPerCell(sample);
  for (const [label, bpc] of [
    [`typical (${typical.toFixed(1)} bytes per cell, estimated from sales-like rows)`, typical],
    ["pessimistic (32 bytes per cell)", 32],
  ]) {
    const p = blocks.planRead(rows, cols, bpc);
    console.log(
      `read ${rows.toLocaleString("en-US")} rows x ${cols} columns, ${label}: ${p.requests} requests, largest ${(p.largestBytes / 1e6).toFixed(2)} MB / ${p.largestCells.toLocaleString("en-US")} cells (limits ${(blocks.PAYLOAD_LIMIT_BYTES / 1e6).toFixed(2)} MB, ${blocks.CELL_LIMIT.toLocaleString("en-US")} cells)`,
    );
  }
}

async function main() {
  const dir = build();
  bundleFigures(dir);
  planFigures();
  await browserFigures(dir, !process.argv.includes("--no-run"));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

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
 * - The 1,048,575-row workbook in the browser preview (the 20,000 x 52 .xlsx of scripts/bench.js):
 *   open it through the page's file input until the Data step's check shows its counts, Run, then
 *   download the results. For each: wall time, the longest main-thread long task (a
 *   PerformanceObserver 'longtask' registered in the page before the action) and the peak browser
 *   memory: the sum of the resident set sizes (/proc/<pid>/status VmRSS) of every Chromium process
 *   of this bench's browser (the engine worker runs inside the page's renderer process, so it is
 *   counted), sampled every 100 ms. RSS counts pages shared between processes in each, so it is an
 *   upper bound; beside it the sum of their PSS (/proc/<pid>/smaps_rollup: a page shared by n
 *   processes counted 1/n in each), the browser's memory with nothing counted twice. The file is RGO_BENCH_XLSX, else bench-out/sample.xlsx, else built into
 *   out/bench-pane/sample.xlsx with the generator and the .xlsx table writer of the CLI build.
 *
 * Builds the pane (production, local office.js) into out/bench-web unless RGO_BENCH_WEB names an
 * existing build. Needs /usr/bin/chromium (RGO_CHROMIUM overrides).
 *   node scripts/bench-pane.js [--no-run] [--no-xlsx] [--only-xlsx] [--no-download]
 *   (--no-run: skip the 20,000-customer sample run; --no-xlsx: skip the 1,048,575-row workbook;
 *   --only-xlsx: only the workbook figures; --no-download: open and run it, no download). Each
 *   workbook figure also gives the CPU seconds the browser's processes used (wall time follows
 *   the load of a shared machine).
 */
/* global document, window, performance, PerformanceObserver, setInterval, clearInterval -- the page callbacks run in Chromium; the timers in Node */
const { execFileSync } = require("child_process");
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

/** The 20,000 x 52 workbook (1,040,000 sales rows + 20,000 customers) the xlsx figures open. */
function benchXlsx() {
  if (process.env.RGO_BENCH_XLSX) return path.resolve(process.env.RGO_BENCH_XLSX);
  const made = path.join(ROOT, "bench-out/sample.xlsx");
  if (fs.existsSync(made)) return made;
  const out = path.join(ROOT, "out/bench-pane/sample.xlsx");
  if (fs.existsSync(out)) return out;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  // The same generator call and writer as scripts/bench.js (default customers, weeks, seed).
  execFileSync(
    process.execPath,
    [
      "-e",
      `const {generateSample}=require(${JSON.stringify(path.join(ROOT, "dist/engine/sample/generate-sample.js"))});` +
        `const {writeTablesXlsx}=require(${JSON.stringify(path.join(ROOT, "dist/workbook/xlsx-table-writer.js"))});` +
        `writeTablesXlsx(generateSample({customers:20000,weeks:52,seed:1,dense:true}).tables,${JSON.stringify(out)}).catch(e=>{console.error(e);process.exit(1)});`,
    ],
    { stdio: "inherit" },
  );
  return out;
}

/** Pids of the Chromium started with `profile` and all its descendants (from /proc). */
function chromiumPids(profile) {
  const parent = new Map();
  let root = null;
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      // pid (comm) state ppid ...: comm may hold spaces, so split after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parent.set(Number(d), ppid);
      if (root === null) {
        const cmd = fs.readFileSync(`/proc/${d}/cmdline`, "utf8");
        if (cmd.includes(`--user-data-dir=${profile}`) && !cmd.includes("--type="))
          root = Number(d);
      }
    } catch {
      // The process ended meanwhile.
    }
  }
  if (root === null) return [];
  const out = [root];
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parent)
      if (out.includes(ppid) && !out.includes(pid)) {
        out.push(pid);
        grew = true;
      }
  }
  return out;
}

/** Sum of VmRSS (bytes) of the given pids: pages shared between them counted in each. */
function rssOf(pids) {
  return sumOfField(pids, "status", /VmRSS:\s+(\d+) kB/);
}

/**
 * Sum of Pss (bytes) of the given pids (/proc/<pid>/smaps_rollup): each page shared by n
 * processes counted 1/n in each, so the sum is the browser's memory with nothing counted twice.
 */
function pssOf(pids) {
  return sumOfField(pids, "smaps_rollup", /^Pss:\s+(\d+) kB/m);
}

function sumOfField(pids, file, re) {
  let sum = 0;
  for (const pid of pids) {
    try {
      const m = re.exec(fs.readFileSync(`/proc/${pid}/${file}`, "utf8"));
      if (m) sum += Number(m[1]) * 1024;
    } catch {
      // Gone.
    }
  }
  return sum;
}

/** CPU seconds (user + system) used so far by the given pids (/proc/<pid>/stat, clock ticks). */
function cpuOf(pids) {
  const tick = 100; // USER_HZ on Linux
  let sum = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      sum += (Number(f[11]) + Number(f[12])) / tick; // utime, stime (fields 14 and 15)
    } catch {
      // Gone.
    }
  }
  return sum;
}

/** Samples the browser's memory (RSS and PSS sums) every 100 ms; peaks since the last `reset()`. */
function memorySampler(profile) {
  let pids = chromiumPids(profile);
  let peak = 0;
  let peakPss = 0;
  let ticks = 0;
  const sample = () => {
    peak = Math.max(peak, rssOf(pids));
    peakPss = Math.max(peakPss, pssOf(pids));
  };
  const timer = setInterval(() => {
    if (++ticks % 10 === 0) pids = chromiumPids(profile); // renderers and utilities come and go
    sample();
  }, 100);
  return {
    reset() {
      pids = chromiumPids(profile);
      peak = 0;
      peakPss = 0;
      sample();
    },
    /** CPU seconds of the browser's processes alive now (a machine under load: wall misleads). */
    cpu: () => cpuOf(chromiumPids(profile)),
    peak: () => (sample(), peak),
    peakPss: () => (sample(), peakPss),
    stop: () => clearInterval(timer),
  };
}

/** Open -> Data step counts, Run, Download of the 1,048,575-row workbook in the preview. */
async function xlsxFigures(dir) {
  if (!fs.existsSync(CHROMIUM)) return;
  const file = benchXlsx();
  console.log(
    `workbook: ${path.relative(ROOT, file) || file} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB)`,
  );
  const server = await serveStatic(dir);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "rgo-bench-xlsx-"));
  const context = await launchChromium(profile, { acceptDownloads: true });
  const mem = memorySampler(profile);
  const gb = (n) => `${(n / 2 ** 30).toFixed(2)} GB`;
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((l) =>
        l.getEntries().forEach((e) => window.__longTasks.push([e.startTime, e.duration])),
      ).observe({ type: "longtask", buffered: true });
    });
    await page.goto(`${server.origin}/taskpane.html`);
    await page.getByRole("tab", { name: "Data", exact: true }).waitFor({ state: "visible" });
    const measure = async (label, action, done) => {
      mem.reset();
      const since = await page.evaluate(() => performance.now());
      const cpu0 = mem.cpu();
      const t0 = Date.now();
      const extra = await action();
      const what = await done(extra);
      const wall = Date.now() - t0;
      const cpu = mem.cpu() - cpu0;
      const tasks = await page.evaluate(
        (from) => window.__longTasks.filter(([s]) => s >= from).map(([, d]) => d),
        since,
      );
      console.log(
        `${label}: ${(wall / 1000).toFixed(1)} s (browser CPU ${cpu.toFixed(1)} s); main-thread long tasks ${tasks.length}, longest ${Math.max(0, ...tasks).toFixed(0)} ms; browser memory peak ${gb(mem.peak())} (RSS sum; ${gb(mem.peakPss())} PSS)${what ? `; ${what}` : ""}`,
      );
    };
    const text = (id) =>
      page.evaluate(
        (t) => (document.querySelector(`[data-testid="${t}"]`)?.textContent ?? "").trim(),
        id,
      );
    await measure(
      "open the 1,048,575-row .xlsx (file input -> the Data step's counts)",
      () => page.getByLabel("Open workbook (.xlsx)").setInputFiles(file),
      async () => {
        await page.waitForFunction(
          () =>
            /customers|Cannot run/.test(
              document.querySelector('[data-testid="data-validation"]')?.textContent ?? "",
            ) || (document.querySelector('[data-testid="open-error"]')?.textContent ?? "") !== "",
          null,
          { timeout: 600000, polling: 100 },
        );
        return `"${(await text("data-validation")).slice(0, 70)}"`;
      },
    );
    await page.getByRole("tab", { name: "Run", exact: true }).click();
    await measure(
      "run 20,000 x 52 (click -> figures)",
      () => page.getByRole("button", { name: "Run analysis" }).click(),
      async () => {
        await page.waitForFunction(
          () =>
            /^(Done|Failed|Cancelled)/.test(
              (document.querySelector('[data-testid="run-status"]')?.textContent ?? "").trim(),
            ),
          null,
          { timeout: 600000, polling: 100 },
        );
        const ms = await page.evaluate(() => window.__rgo?.lastRun?.ms ?? NaN);
        return `"${(await text("run-status")).slice(0, 40)}", window.__rgo.lastRun ${ms.toFixed(0)} ms`;
      },
    );
    if (process.argv.includes("--no-download")) return;
    await measure(
      "download the results (click -> the file)",
      async () => {
        const wait = page.waitForEvent("download", { timeout: 600000 });
        await page.getByRole("button", { name: "Download results (.xlsx)" }).click();
        return wait;
      },
      async (wait) => {
        const download = await wait;
        const saved = path.join(profile, "results.xlsx");
        await download.saveAs(saved);
        return `${download.suggestedFilename()} ${(fs.statSync(saved).size / 1e6).toFixed(1)} MB`;
      },
    );
  } finally {
    mem.stop();
    await context.close();
    await server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

async function main() {
  const dir = build();
  const only = process.argv.includes("--only-xlsx");
  if (!only) {
    bundleFigures(dir);
    planFigures();
    await browserFigures(dir, !process.argv.includes("--no-run"));
  }
  if (!process.argv.includes("--no-xlsx")) await xlsxFigures(dir);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});

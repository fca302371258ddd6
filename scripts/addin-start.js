#!/usr/bin/env node
/**
 * `npm start`: runs the dev server (https://localhost:3000, development build with local office.js)
 * in the background, records its pid in .tmp/dev-server.pid (log: .tmp/dev-server.log), waits
 * until taskpane.html answers, then sideloads manifest.xml where Excel desktop looks for it:
 * - macOS: ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/<id>.manifest.xml
 * - Windows: registry value HKCU\Software\Microsoft\Office\16.0\WEF\Developer\<id> = manifest path
 * - elsewhere (no Excel desktop, e.g. Linux): prints the exact steps for Excel on the web.
 * Replaces office-addin-debugging's start (not installable from this registry mirror).
 * `npm stop` (scripts/addin-stop.js) reverses it.
 */
/* global setTimeout */
const { spawn, execFileSync } = require("child_process");
const fs = require("fs");
const https = require("https");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const STATE_DIR = path.join(ROOT, ".tmp");
const PID_FILE = path.join(STATE_DIR, "dev-server.pid");
const LOG_FILE = path.join(STATE_DIR, "dev-server.log");
const MANIFEST = path.join(ROOT, "manifest.xml");
const URL_TO_WAIT = "https://localhost:3000/taskpane.html";
const WAIT_MS = 180_000;

/** The add-in's Id from manifest.xml. */
function manifestId() {
  const m = /<Id>([^<]+)<\/Id>/.exec(fs.readFileSync(MANIFEST, "utf8"));
  if (!m) throw new Error("manifest.xml has no <Id>");
  return m[1].trim();
}

/** Where Excel for Mac reads sideloaded manifests. */
function macWefDir() {
  return path.join(os.homedir(), "Library/Containers/com.microsoft.Excel/Data/Documents/wef");
}

const WIN_KEY = "HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer";

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function answers(url) {
  return new Promise((resolve) => {
    const req = https.get(url, { rejectUnauthorized: false, timeout: 5000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => {
      req.destroy();
      resolve(false);
    });
  });
}

async function waitForServer(pid) {
  const until = Date.now() + WAIT_MS;
  while (Date.now() < until) {
    if (!isRunning(pid)) return false;
    if (await answers(URL_TO_WAIT)) return true;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return false;
}

function sideload() {
  const id = manifestId();
  if (process.platform === "darwin") {
    const dir = macWefDir();
    fs.mkdirSync(dir, { recursive: true });
    const target = path.join(dir, `${id}.manifest.xml`);
    fs.copyFileSync(MANIFEST, target);
    console.log(`Sideloaded for Excel for Mac: ${target}`);
    console.log(
      "Restart Excel, then Home > Revenue Gaps (or Insert > My Add-ins > Developer Add-ins).",
    );
    return;
  }
  if (process.platform === "win32") {
    execFileSync("reg", ["add", WIN_KEY, "/v", id, "/t", "REG_SZ", "/d", MANIFEST, "/f"], {
      stdio: "inherit",
    });
    console.log(`Sideloaded for Excel on Windows: ${WIN_KEY}\\${id} = ${MANIFEST}`);
    console.log("Restart Excel, then Home > Revenue Gaps.");
    return;
  }
  console.log(
    [
      "No Excel desktop on this OS: sideload in Excel on the web instead.",
      `  1. Open ${URL_TO_WAIT} in the same browser once and trust the certificate`,
      "     (or install office-addin-dev-certs' CA: npx office-addin-dev-certs install, then npm stop && npm start).",
      "  2. Open a workbook at https://www.office.com (Excel on the web).",
      "  3. Home > Add-ins > More Add-ins (or Insert > Add-ins) > Upload My Add-in.",
      `  4. Choose ${MANIFEST} and Upload. The Revenue Gaps button appears on the Home tab.`,
      "Without Excel, the same pane runs as a browser preview at " + URL_TO_WAIT,
    ].join("\n"),
  );
}

async function main() {
  fs.mkdirSync(STATE_DIR, { recursive: true });
  if (fs.existsSync(PID_FILE)) {
    const old = Number(fs.readFileSync(PID_FILE, "utf8"));
    if (old > 0 && isRunning(old)) {
      console.log(`The dev server is already running (pid ${old}); npm stop ends it.`);
      sideload();
      return;
    }
    fs.unlinkSync(PID_FILE);
  }
  const log = fs.openSync(LOG_FILE, "w");
  const webpackCli = require.resolve("webpack-cli/bin/cli.js");
  const child = spawn(process.execPath, [webpackCli, "serve", "--mode", "development"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", log, log],
  });
  fs.writeFileSync(PID_FILE, String(child.pid));
  child.unref();
  console.log(`Dev server starting (pid ${child.pid}, log ${path.relative(ROOT, LOG_FILE)})...`);
  if (!(await waitForServer(child.pid))) {
    console.error(`The dev server did not answer at ${URL_TO_WAIT}; see ${LOG_FILE}.`);
    process.exitCode = 1;
    return;
  }
  console.log(`Serving ${URL_TO_WAIT}`);
  sideload();
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
}

module.exports = { PID_FILE, WIN_KEY, macWefDir, manifestId };

/**
 * What the end-to-end tests (tests/e2e) and `npm run bench:pane` both need to drive the task pane:
 * a production build with office.js served locally, a static server for it on localhost (a secure
 * context: Web Workers need a real origin, not file://), and headless Debian Chromium through
 * playwright-core with no background networking. Plain CommonJS so the bench script can use it
 * without a build; types in pane-harness.d.ts for the TypeScript tests.
 */
/* global URL */
const { execFileSync } = require("child_process");
const { createReadStream, statSync } = require("fs");
const { createServer } = require("http");
const path = require("path");

const REPO = path.resolve(__dirname, "..");
const CHROMIUM = process.env.RGO_CHROMIUM || "/usr/bin/chromium";

/** Builds the pane (production, local office.js) into `outDir`; returns it. */
function buildPane(outDir, { showOutput = true } = {}) {
  execFileSync(
    process.execPath,
    [
      require.resolve("webpack-cli/bin/cli.js"),
      "--mode",
      "production",
      "--env",
      "officejs=local",
      "--env",
      `outdir=${outDir}`,
    ],
    { cwd: REPO, stdio: ["ignore", showOutput ? "inherit" : "ignore", "inherit"] },
  );
  return outDir;
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json",
  ".json": "application/json",
  ".css": "text/css",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

/** Serves `dir` read-only on http://localhost:<free port>; "/" answers taskpane.html. */
function serveStatic(dir) {
  const root = path.resolve(dir);
  const server = createServer((req, res) => {
    const url = new URL(req.url || "/", "http://localhost");
    const rel = url.pathname === "/" ? "taskpane.html" : decodeURIComponent(url.pathname);
    const file = path.normalize(path.join(root, rel));
    let size = -1;
    if (file === root || file.startsWith(root + path.sep)) {
      try {
        const st = statSync(file);
        if (st.isFile()) size = st.size;
      } catch {
        size = -1;
      }
    }
    if (size < 0 || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, {
      "Content-Type": TYPES[path.extname(file).toLowerCase()] || "application/octet-stream",
      "Content-Length": size,
      "Cache-Control": "no-store",
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      ok({
        origin: `http://localhost:${server.address().port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/**
 * Headless Chromium with a fresh profile in `profileDir`, 500 x 900, offline flags. Throws with
 * the apt line to run when Chromium is missing.
 */
function launchChromium(profileDir, { acceptDownloads = false } = {}) {
  try {
    statSync(CHROMIUM);
  } catch {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (as root: apt-get install -y chromium; ` +
        "scripts/ensure-system-deps.sh does it) or set RGO_CHROMIUM",
    );
  }
  const { chromium } = require("playwright-core");
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads,
    viewport: { width: 500, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-dev-shm-usage",
      "--no-first-run",
    ],
  });
}

module.exports = { REPO, CHROMIUM, buildPane, serveStatic, launchChromium };

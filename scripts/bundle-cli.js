"use strict";
/**
 * Bundles the compiled CLI (issue 14, start-up): `npm run build:cli` runs tsc, then this script,
 * which replaces the CLI's entry files in dist/ by webpack bundles of them: dist/cli/main.js (what
 * bin/rgo.js loads) and each module the CLI loads on demand (the commands, the input readers, the
 * pack validation, the results writer). About 580 files for `rgo analyze` (366 of them @stdlib's
 * special functions) become a few, so Node resolves, reads and wraps a few modules, not hundreds.
 *
 * - One webpack runtime (dist/cli/bundle/runtime.js) serves every entry, so a module that several
 *   entries use (RgoError, the packs) exists once however many entries are loaded; what entries
 *   share sits in chunks of its own (dist/cli/bundle/).
 * - Loading on demand is kept: a module loaded on demand is an entry of its own, required from
 *   its file when the code asks for it, so `rgo rules list` never parses the engine or readers.
 * - Left outside (required from disk when used): exceljs (large; only the preview's download and
 *   tools use it) and the generated pack validators (1.4 MB of code, only to check a pack file;
 *   the file requires nothing of ours, so no module of ours exists twice).
 * - Each entry sits where its module was, so `__dirname` (the package.json `rgo --version` reads)
 *   is unchanged. Running tsc again rewrites every entry file as plain output, which works as
 *   before (only slower), so a plain build and a bundled one are never mixed.
 *
 * Usage: node scripts/bundle-cli.js [distDir] (default dist/).
 */
const fs = require("node:fs");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const webpack = require("webpack");
const { asciiSource } = require("./ascii-source");

const ROOT = path.resolve(__dirname, "..");
const DIST = path.resolve(process.argv[2] ?? path.join(ROOT, "dist"));
/**
 * The entries: dist/cli/main.js and every module the CLI requires on demand (paths in dist/, no
 * ".js"). The CLI's own files are replaced in place; the bundles of modules from other folders
 * go to dist/cli/bundle/ (scripts that require dist/engine or dist/workbook files keep getting
 * plain modules, never a bundle's copies beside plain ones).
 */
const ENTRIES = [
  "cli/main",
  "cli/commands/analyze",
  "cli/commands/backtest",
  "cli/commands/rules",
  "cli/commands/sample",
  "workbook/read-input",
  "engine/registry/validate-rgo-pack",
  "workbook/xlsx-result-writer",
];
/** Where an entry's bundle is written (path in dist/, no ".js"). */
const outName = (name) => (name.startsWith("cli/") ? name : `cli/bundle/${path.basename(name)}`);
/** Files of ours required from disk and not bundled (paths in dist/). */
const OUTSIDE = ["engine/registry/rgo-pack-validators.generated.js"];
/** Packages required from node_modules, not bundled. */
const OUTSIDE_PACKAGES = new Set(["exceljs"]);
/** A first-line marker: a bundle is never bundled again (running this script twice). */
const MARK = "/* rgo-cli-bundle */";
/** A request to a file in dist/, made relative to each output file once it is written. */
const DIST_REQUEST = "@rgo-dist/";
const STAGE = path.join(DIST, ".bundle-stage");

function fail(message) {
  process.stderr.write(`bundle-cli: ${message}\n`);
  process.exit(1);
}

const distFile = (name) => path.join(DIST, `${name}.js`);
for (const name of ENTRIES) {
  if (!fs.existsSync(distFile(name))) fail(`dist/${name}.js is missing: run tsc first`);
}
if (fs.readFileSync(distFile("cli/main"), "utf8").startsWith(MARK)) {
  process.stdout.write("bundle-cli: dist/ is already bundled\n");
  process.exit(0);
}
/** Module file (in dist/) -> the file that is required instead. */
const requiredFromDisk = new Map([
  ...ENTRIES.map((name) => [`${name}.js`, `${outName(name)}.js`]),
  ...OUTSIDE.map((file) => [file, file]),
]);

const config = {
  mode: "production",
  target: "node20",
  context: ROOT,
  entry: Object.fromEntries(
    ENTRIES.map((name) => [
      outName(name),
      { import: distFile(name), library: { type: "commonjs2" } },
    ]),
  ),
  devtool: false,
  output: { path: STAGE, filename: "[name].js", chunkFilename: "cli/bundle/[name].js" },
  // Keep names and lines readable in stack traces; minifying saves little start-up.
  optimization: {
    minimize: false,
    moduleIds: "named",
    chunkIds: "named",
    nodeEnv: false,
    runtimeChunk: { name: "cli/bundle/runtime" },
    splitChunks: {
      chunks: "all",
      minSize: 0,
      filename: "cli/bundle/[name].js",
      cacheGroups: { defaultVendors: false },
    },
  },
  node: { __dirname: false, __filename: false, global: false },
  performance: { hints: false },
  externals: [
    ({ request, context, contextInfo }, callback) => {
      const pkg = request.startsWith(".") ? null : request.split("/")[0];
      if (pkg !== null && OUTSIDE_PACKAGES.has(pkg)) return callback(null, `commonjs ${request}`);
      if (!request.startsWith(".")) return callback();
      let file = path.resolve(context, request);
      if (!file.endsWith(".js")) file += ".js";
      const rel = path.relative(DIST, file).split(path.sep).join("/");
      // An entry bundles its own module; everyone else requires that entry's file.
      if (!requiredFromDisk.has(rel) || contextInfo.issuer === "") return callback();
      return callback(null, `commonjs ${DIST_REQUEST}${requiredFromDisk.get(rel)}`);
    },
  ],
};

fs.rmSync(STAGE, { recursive: true, force: true });
webpack(config, (err, stats) => {
  if (err) fail(err.stack || String(err));
  if (stats.hasErrors()) fail(stats.toString({ all: false, errors: true }));
  const written = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else written.push(path.relative(STAGE, p));
    }
  };
  walk(STAGE);
  fs.rmSync(path.join(DIST, "cli", "bundle"), { recursive: true, force: true });
  for (const rel of written) {
    const target = path.join(DIST, rel);
    let up = path.relative(path.dirname(target), DIST).split(path.sep).join("/");
    up = up === "" ? "./" : `${up}/`;
    // ASCII only, so that V8 keeps the source in one byte per character (ascii-source.js).
    const code = asciiSource(
      fs
        .readFileSync(path.join(STAGE, rel), "utf8")
        .split(`require("${DIST_REQUEST}`)
        .join(`require("${up}`),
      rel,
    );
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(`${target}.tmp`, `${MARK}\n${code}`);
    fs.renameSync(`${target}.tmp`, target);
  }
  fs.rmSync(STAGE, { recursive: true, force: true });
  const modules = stats.toJson({ all: false, modules: true }).modules.length;
  process.stdout.write(`bundle-cli: ${modules} modules in ${written.length} files of dist/\n`);
  trainCodeCache();
  if (DIST === path.join(ROOT, "dist")) smokeTest();
});

/** The V8 code caches beside the bundled files (src/cli/code-cache.ts), in a process of their own. */
function trainCodeCache() {
  const r = spawnSync(process.execPath, [path.join(__dirname, "train-code-cache.js"), DIST], {
    encoding: "utf8",
  });
  if (r.status !== 0) fail(`the code caches were not written:\n${r.stderr}${r.stdout}`);
  process.stdout.write(r.stdout);
}

/**
 * The bundled CLI starts, reads its version, lists and checks a pack (the validators from disk),
 * and loads its files with the code caches (V8 accepting every one it is given).
 */
function smokeTest() {
  const cli = JSON.stringify(path.join(DIST, "cli"));
  const check = `const c = require(${JSON.stringify(path.join(DIST, "cli", "code-cache.js"))}).installCodeCache(${cli});
require(require("node:path").join(${cli}, "main.js")).main(["rules", "list"], { out() {}, err() {} })
  .then(() => { if (c.used === 0 || c.rejected > 0) { console.error(JSON.stringify(c)); process.exit(3); } });`;
  const cached = spawnSync(process.execPath, ["-e", check], { encoding: "utf8" });
  if (cached.status !== 0) fail(`the code caches were not used: ${cached.stderr}`);
  const rgo = path.join(ROOT, "bin", "rgo.js");
  const pack = path.join(ROOT, "src", "rules", "packs", "seed-tier2.json");
  for (const args of [["--version"], ["rules", "list"], ["rules", "validate", pack]]) {
    const r = spawnSync(process.execPath, [rgo, ...args], { encoding: "utf8" });
    if (r.status !== 0)
      fail(`rgo ${args.join(" ")} exited ${r.status} with the bundle:\n${r.stderr}`);
  }
}

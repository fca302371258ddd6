/**
 * The CLI's V8 code caches (src/cli/code-cache.ts). Each case runs Node in a child process (the
 * cache hooks Node's own loader, which jest replaces): a folder of small modules is loaded once
 * recording caches, then again with them. What must hold: a module loaded with its cache gives
 * what it gives from source (its exports, require, __dirname, __filename); a cache is used only
 * for the exact source it was made from, even when an edit keeps the file's length (which is all
 * V8 itself checks); a cache V8 refuses means a compile from source; files outside the folder
 * and files without a cache load through Node's own loader.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { tempDir } from "./run-cli";

const CODE_CACHE = resolve(__dirname, "../../src/cli/code-cache.ts");

/** Node code that loads src/cli/code-cache.ts (transpiled here), then runs `body`. */
const child = (body: string): string => `
const ts = require(${JSON.stringify(require.resolve("typescript"))});
const fs = require("fs");
const src = fs.readFileSync(${JSON.stringify(CODE_CACHE)}, "utf8");
const out = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
const m = new module.constructor(${JSON.stringify(CODE_CACHE)});
m.filename = ${JSON.stringify(CODE_CACHE)};
m.paths = module.paths;
m._compile(out.outputText, ${JSON.stringify(CODE_CACHE)});
const cc = m.exports;
${body}
`;

interface Loaded {
  counts?: { used: number; rejected: number; plain: number };
  written?: string[];
  value: unknown;
}

/** Runs `body` in a child Node; its last line of output is JSON (Loaded). */
function runChild(body: string): Loaded {
  const r = spawnSync(process.execPath, ["-e", child(body)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`child exited ${r.status}: ${r.stderr}`);
  const lines = r.stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]) as Loaded;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A folder with lib/main.js (requiring lib/dep.js, a builtin and ../outside.js). */
function makeModules(constant: number): { dir: string; lib: string } {
  const dir = tempDir("code-cache");
  made.push(dir);
  const lib = join(dir, "lib");
  mkdirSync(lib);
  writeFileSync(
    join(lib, "main.js"),
    [
      '"use strict";',
      'const path = require("node:path");',
      'const { twice } = require("./dep.js");',
      'const outside = require("../outside.js");',
      `function value(n) { let s = 0; for (let i = 0; i < n; i++) s += twice(i) % ${constant}; return s; }`,
      "module.exports = { value, here: path.basename(__dirname), file: path.basename(__filename),",
      '  resolved: path.relative(__dirname, require.resolve("./dep.js")), outside: outside.tag,',
      "  self: this === module.exports };",
    ].join("\n"),
  );
  writeFileSync(join(lib, "dep.js"), "exports.twice = (x) => 2 * x;\n");
  writeFileSync(join(dir, "outside.js"), 'exports.tag = "outside";\n');
  return { dir, lib };
}

const record = (lib: string): Loaded =>
  runChild(`
const write = cc.recordCodeCache(${JSON.stringify(lib)});
const mod = require(${JSON.stringify(join(lib, "main.js"))});
const value = { ...mod, value: mod.value(1000) };
console.log(JSON.stringify({ written: write().map((f) => require("path").basename(f)), value }));
`);

const load = (lib: string): Loaded =>
  runChild(`
const counts = cc.installCodeCache(${JSON.stringify(lib)});
const mod = require(${JSON.stringify(join(lib, "main.js"))});
console.log(JSON.stringify({ counts, value: { ...mod, value: mod.value(1000) } }));
`);

const plainLoad = (lib: string): Loaded =>
  runChild(`
const mod = require(${JSON.stringify(join(lib, "main.js"))});
console.log(JSON.stringify({ value: { ...mod, value: mod.value(1000) } }));
`);

/** sum over i < 1000 of (2i mod c), worked out independently of the module. */
const expectedValue = (c: number): number => {
  let s = 0;
  for (let i = 0; i < 1000; i++) s += (2 * i) % c;
  return s;
};

describe("code caches for the bundled CLI", () => {
  it("a module loaded with its cache gives what it gives from source", () => {
    const { lib } = makeModules(7);
    const recorded = record(lib);
    expect(recorded.written?.sort()).toEqual(["dep.js.v8cache", "main.js.v8cache"]);
    // The cache file starts with the SHA-256 of the source it was made from.
    const source = readFileSync(join(lib, "main.js"));
    const cache = readFileSync(join(lib, "main.js.v8cache"));
    expect(cache.subarray(0, 32)).toEqual(createHash("sha256").update(source).digest());
    expect(cache.length).toBeGreaterThan(32);

    const expected = {
      value: expectedValue(7),
      here: "lib",
      file: "main.js",
      resolved: "dep.js",
      outside: "outside",
      self: true,
    };
    expect(plainLoad(lib).value).toEqual(expected);
    expect(recorded.value).toEqual(expected);
    const loaded = load(lib);
    expect(loaded.value).toEqual(expected);
    // main.js and dep.js with their caches; outside.js is not in the folder: not counted.
    expect(loaded.counts).toEqual({ used: 2, rejected: 0, plain: 0 });
  });

  it("an edit that keeps the file's length is never run from the old cache", () => {
    // Two-digit constants: the edited file has exactly the length of the recorded one.
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 99 }),
        fc.integer({ min: 10, max: 99 }),
        (before, after) => {
          fc.pre(before !== after);
          const { lib } = makeModules(before);
          record(lib);
          const file = join(lib, "main.js");
          const edited = readFileSync(file, "utf8").replace(`% ${before}`, `% ${after}`);
          expect(edited.length).toBe(readFileSync(file, "utf8").length);
          writeFileSync(file, edited);
          const loaded = load(lib);
          expect((loaded.value as { value: number }).value).toBe(expectedValue(after));
          // main.js through Node's loader (its cache is of another source); dep.js with its own.
          expect(loaded.counts).toEqual({ used: 1, rejected: 0, plain: 1 });
        },
      ),
      { numRuns: 4 },
    );
  });

  it("a cache V8 refuses means a compile from source; no cache means Node's own loader", () => {
    const { lib } = makeModules(13);
    record(lib);
    // The right hash with bytes V8 does not accept as a cache.
    const cacheFile = join(lib, "main.js.v8cache");
    const cache = readFileSync(cacheFile);
    writeFileSync(cacheFile, Buffer.concat([cache.subarray(0, 32), Buffer.alloc(64, 7)]));
    writeFileSync(join(lib, "dep.js.v8cache"), Buffer.alloc(0));
    const loaded = load(lib);
    expect((loaded.value as { value: number }).value).toBe(expectedValue(13));
    expect(loaded.counts).toEqual({ used: 0, rejected: 1, plain: 1 });
  });
});

/**
 * The CLI's code cache (src/cli/compile-cache.ts): in child Node processes with a temporary folder
 * of their own, a bundle (a file with the bundler's first line) is compiled afresh on the first
 * run and from the cache on the next, gives the same exports, requires its neighbours relative to
 * itself and reports errors at its own file; a plain module is never cached; a damaged entry is
 * refused by V8 and replaced; RGO_COMPILE_CACHE=0 turns it off; and a folder others may write to
 * is not used.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BUNDLE_MARK, cacheFileOf, cacheFolder } from "../../src/cli/compile-cache";
import { TRANSPILE_ON_REQUIRE } from "../support/transpiled-cli";

const ROOT = path.resolve(__dirname, "../..");

/** The temporary folders the tests made, removed at the end. */
const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A child that loads compile-cache.ts (transpiled on require), enables it and loads `entry`. */
const CHILD = `${TRANSPILE_ON_REQUIRE}
const cc = require(${JSON.stringify(path.join(ROOT, "src/cli/compile-cache.ts"))});
const [dist, entry] = process.argv.slice(1);
const on = cc.enableCompileCache(dist);
let value, error = null;
try { value = require(entry).value(); } catch (e) { error = String(e.stack).split("\\n").slice(0, 2).join(" | "); }
process.stdout.write(JSON.stringify({ on, value, error, counts: cc.compileCacheCounts() }));
`;

interface ChildOut {
  on: boolean;
  value: unknown;
  error: string | null;
  counts: { cached: number; compiled: number };
}

function runChild(tmp: string, dist: string, entry: string, env: NodeJS.ProcessEnv = {}): ChildOut {
  const r = spawnSync(process.execPath, ["-e", CHILD, dist, entry], {
    encoding: "utf8",
    env: { ...process.env, TMPDIR: tmp, RGO_COMPILE_CACHE: "", ...env },
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as ChildOut;
}

function fixture(): { tmp: string; dist: string; bundle: string; plain: string; text: string } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "rgo-cc-test-"));
  made.push(base);
  const tmp = path.join(base, "tmp");
  const dist = path.join(base, "dist");
  fs.mkdirSync(tmp);
  fs.mkdirSync(dist);
  fs.writeFileSync(path.join(dist, "helper.js"), "exports.twice = (x) => 2 * x;\n");
  const text = `${BUNDLE_MARK}
"use strict";
const { twice } = require("./helper.js");
function lazily(n) { let s = 0; for (let i = 0; i < n; i++) s += twice(i); return s; }
exports.value = () => ({ sum: lazily(10), here: __dirname, file: __filename, same: module.exports === exports });
`;
  const bundle = path.join(dist, "bundle.js");
  fs.writeFileSync(bundle, text);
  const plain = path.join(dist, "plain.js");
  fs.writeFileSync(plain, `"use strict";\nexports.value = () => 42;\n`);
  return { tmp, dist, bundle, plain, text };
}

describe("the CLI's code cache", () => {
  it("compiles a bundle afresh, then from the cache, with the same exports", () => {
    const f = fixture();
    const expected = { sum: 90, here: f.dist, file: f.bundle, same: true };
    const first = runChild(f.tmp, f.dist, f.bundle);
    expect(first).toEqual({
      on: true,
      value: expected,
      error: null,
      counts: { cached: 0, compiled: 1 },
    });
    const dir = cacheFolder(f.tmp);
    expect(dir).not.toBeNull();
    const entry = cacheFileOf(dir ?? "", f.text);
    expect(fs.existsSync(entry)).toBe(true);
    expect(fs.readdirSync(dir ?? "")).toEqual([path.basename(entry)]);
    const second = runChild(f.tmp, f.dist, f.bundle);
    expect(second).toEqual({
      on: true,
      value: expected,
      error: null,
      counts: { cached: 1, compiled: 0 },
    });
  });

  it("never caches a plain module, and is off with RGO_COMPILE_CACHE=0", () => {
    const f = fixture();
    expect(runChild(f.tmp, f.dist, f.plain).counts).toEqual({ cached: 0, compiled: 0 });
    expect(runChild(f.tmp, f.dist, f.plain).value).toBe(42);
    const off = runChild(f.tmp, f.dist, f.bundle, { RGO_COMPILE_CACHE: "0" });
    expect(off.on).toBe(false);
    expect(off.counts).toEqual({ cached: 0, compiled: 0 });
    expect((off.value as { sum: number }).sum).toBe(90);
  });

  it("replaces a damaged entry, and a changed bundle never meets the old one", () => {
    const f = fixture();
    runChild(f.tmp, f.dist, f.bundle);
    const dir = cacheFolder(f.tmp) ?? "";
    fs.writeFileSync(cacheFileOf(dir, f.text), Buffer.from("not V8's code"));
    const damaged = runChild(f.tmp, f.dist, f.bundle);
    expect(damaged.counts).toEqual({ cached: 0, compiled: 1 });
    expect((damaged.value as { sum: number }).sum).toBe(90);
    expect(runChild(f.tmp, f.dist, f.bundle).counts).toEqual({ cached: 1, compiled: 0 });
    const changed = f.text.replace("lazily(10)", "lazily(4)");
    fs.writeFileSync(f.bundle, changed);
    const after = runChild(f.tmp, f.dist, f.bundle);
    expect(after.counts).toEqual({ cached: 0, compiled: 1 });
    expect((after.value as { sum: number }).sum).toBe(12);
  });

  it("reports an error thrown by a cached bundle at the bundle's file", () => {
    const f = fixture();
    fs.writeFileSync(
      f.bundle,
      `${BUNDLE_MARK}\nexports.value = () => { throw new Error("boom"); };\n`,
    );
    for (const run of [1, 2]) {
      const out = runChild(f.tmp, f.dist, f.bundle);
      expect([run, out.error]).toEqual([run, expect.stringContaining(`${f.bundle}:2`)]);
      expect(out.error).toContain("Error: boom");
    }
  });

  it("does not use a cache folder others may write to, nor a file in its place", () => {
    if (typeof process.getuid !== "function") return;
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "rgo-cc-test-"));
    made.push(base);
    const dir = path.join(base, `rgo-compile-cache-${process.getuid()}`);
    fs.mkdirSync(dir);
    fs.chmodSync(dir, 0o777);
    expect(cacheFolder(base)).toBeNull();
    fs.chmodSync(dir, 0o700);
    expect(cacheFolder(base)).toBe(dir);
    fs.rmdirSync(dir);
    fs.writeFileSync(dir, "x");
    expect(cacheFolder(base)).toBeNull();
  });
});

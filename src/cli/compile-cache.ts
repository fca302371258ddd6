/**
 * V8's code cache for the CLI's bundles (issue 14, start-up): `rgo analyze` parses and compiles
 * about 2 MB of bundled JavaScript at every start (scripts/bundle-cli.js). Node 22 caches that
 * itself (`module.enableCompileCache`); on Node 20 this module does what it does: each bundle
 * (a file starting with the bundler's marker) is compiled with the code V8 kept from an earlier
 * run, and when there was none (or V8 refused it: another Node, other flags, a changed file), the
 * code V8 made during this run, the functions it compiled lazily included, is kept when the
 * process exits.
 *
 * - The cache is a folder of this user's own under the system's temporary folder (created 0700;
 *   not used when it belongs to someone else or others may write to it), one file per bundle,
 *   named by the SHA-256 of the bundle's text, Node's version and the architecture, so a rebuilt
 *   bundle never meets an old entry. Files are written whole (a temporary file renamed).
 * - Every failure (no temporary folder, a full disk, a damaged entry) only means no cache: the
 *   module then compiles as Node would. `RGO_COMPILE_CACHE=0` turns it off.
 * - Plain (unbundled) builds and every other module load as before.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import Module from "node:module";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";

/** The first line scripts/bundle-cli.js gives every bundle it writes. */
export const BUNDLE_MARK = "/* rgo-cli-bundle */";

/** The internals of a CommonJS module this hook uses (what Node's own loader calls). */
interface CjsModule {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}
interface CjsModuleStatics {
  prototype: CjsModule;
  wrap(script: string): string;
  _resolveFilename(request: string, parent: CjsModule, isMain: boolean, options?: unknown): string;
  _extensions: unknown;
  _cache: unknown;
  enableCompileCache?: (dir?: string) => unknown;
}

/** A script compiled without usable cached code: its code is saved at exit. */
interface Pending {
  script: vm.Script;
  file: string;
}

/** This user's cache folder, created if missing; null when it cannot be used safely. */
export function cacheFolder(root: string = os.tmpdir()): string | null {
  const uid = typeof process.getuid === "function" ? process.getuid() : null;
  const dir = path.join(root, `rgo-compile-cache-${uid ?? os.userInfo().username}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    if (!st.isDirectory()) return null;
    if (uid !== null && (st.uid !== uid || (st.mode & 0o022) !== 0)) return null;
    return dir;
  } catch {
    return null;
  }
}

/** The cache file of a bundle's text (its hash, Node's version and the architecture). */
export function cacheFileOf(dir: string, content: string): string {
  const key = createHash("sha256")
    .update(`${process.version}\u0000${process.arch}\u0000`)
    .update(content)
    .digest("hex");
  return path.join(dir, `${key}.v8`);
}

/** Writes `data` to `file` whole (a temporary file renamed); false when it could not. */
function writeWhole(file: string, data: Buffer): boolean {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, data, { mode: 0o600 });
    fs.renameSync(temp, file);
    return true;
  } catch {
    try {
      fs.unlinkSync(temp);
    } catch {
      // nothing was written
    }
    return false;
  }
}

let enabled = false;
/** Bundles compiled with cached code V8 accepted, and compiled afresh (for tests and --timings). */
const counts = { cached: 0, compiled: 0 };

/** How many bundles this process compiled with cached code, and how many afresh. */
export function compileCacheCounts(): { cached: number; compiled: number } {
  return { ...counts };
}

/**
 * Compiles the bundles under `distDir` with V8's code cache from now on (see the module comment).
 * Returns whether the cache is in use.
 */
export function enableCompileCache(distDir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (enabled) return true;
  if (env.RGO_COMPILE_CACHE === "0") return false;
  const M = Module as unknown as CjsModuleStatics;
  const dir = cacheFolder();
  if (dir === null) return false;
  if (typeof M.enableCompileCache === "function") {
    // Node 22+: Node's own cache, for every module.
    M.enableCompileCache(dir);
    enabled = true;
    return true;
  }
  const root = path.resolve(distDir) + path.sep;
  const pending: Pending[] = [];
  const compile = M.prototype._compile;
  M.prototype._compile = function (this: CjsModule, content: string, filename: string): unknown {
    if (!filename.startsWith(root) || !content.startsWith(BUNDLE_MARK))
      return compile.call(this, content, filename);
    return compileCached(this, content, filename);
  };
  const compileCached = (mod: CjsModule, content: string, filename: string): unknown => {
    const file = cacheFileOf(dir, content);
    let cached: Buffer | undefined;
    try {
      cached = fs.readFileSync(file);
    } catch {
      cached = undefined;
    }
    const script = new vm.Script(M.wrap(content), {
      filename,
      ...(cached !== undefined ? { cachedData: cached } : {}),
      // import() as Node's loader does it (the bundles have none; Node 20.12+ has the constant).
      ...(vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER !== undefined
        ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER }
        : {}),
    });
    if (cached === undefined || script.cachedDataRejected === true) {
      counts.compiled++;
      pending.push({ script, file });
    } else counts.cached++;
    const wrapper = script.runInThisContext({ displayErrors: true }) as (
      exports: unknown,
      require: unknown,
      module: CjsModule,
      filename: string,
      dirname: string,
    ) => unknown;
    const req = Object.assign((id: string): unknown => mod.require(id), {
      resolve: (request: string, options?: unknown): string =>
        M._resolveFilename(request, mod, false, options),
      main: require.main,
      extensions: M._extensions,
      cache: M._cache,
    });
    return wrapper.call(mod.exports, mod.exports, req, mod, filename, path.dirname(filename));
  };
  // The code made during this run, lazily compiled functions included, kept for the next one.
  process.once("exit", () => {
    for (const p of pending) {
      try {
        writeWhole(p.file, p.script.createCachedData());
      } catch {
        // no cache for this bundle
      }
    }
  });
  enabled = true;
  return true;
}

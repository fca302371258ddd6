/**
 * V8 code caches for the bundled CLI (issue 14, start-up). Node compiles each file it loads from
 * its source: the analyze bundle is 1.5 MB of JavaScript, and compiling it and then each function
 * at its first call took about a sixth of a JSON-only run on the 1,040,000-row CSV. The build
 * (scripts/bundle-cli.js -> scripts/train-code-cache.js) runs the CLI once on a small sample with
 * `recordCodeCache` and writes, beside each bundled file, `<file>.v8cache`: the SHA-256 of the
 * file's source, then V8's code cache of the file as it stood after the run (its compiled
 * functions included). bin/rgo.js calls `installCodeCache` before it loads the CLI.
 *
 * Why our own and not a package: Node 22's module.enableCompileCache() does this, but it writes
 * its cache at run time and Node 20 lacks it; v8-compile-cache (unmaintained since 2023) also
 * writes at run time. Here nothing is written when the CLI runs; the cache is a build output.
 *
 * Safety: V8 itself checks only the source's length, its own version and its flags, so a cache is
 * used only when the hash of the source read now equals the one recorded beside it (a file
 * rebuilt by tsc, or edited, is compiled as usual). A cache V8 rejects (another Node, other
 * flags) means the file is compiled from its source, as without a cache. Files without a cache,
 * and every file outside the given folder, load through Node's own loader untouched.
 */
import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname, sep } from "node:path";
import { Script } from "node:vm";

/** The suffix of a cache file beside its source file. */
export const CODE_CACHE_SUFFIX = ".v8cache";
const HASH_BYTES = 32;

/** What installCodeCache did with the files it loaded (for tests and the benchmark). */
export interface CodeCacheCounts {
  /** Files loaded with their cache, V8 accepting it. */
  used: number;
  /** Files whose cache V8 rejected (compiled from source). */
  rejected: number;
  /** Files under the folder with no cache or a cache of another source (Node's own loader). */
  plain: number;
}

type Loader = (module: NodeJS.Module, filename: string) => void;
type Wrapper = (
  exports: unknown,
  require: NodeJS.Require,
  module: NodeJS.Module,
  filename: string,
  dirname: string,
) => void;

/** The SHA-256 of a file's bytes (hashing the bytes read, not the decoded text, saves encoding it again). */
function sourceHash(bytes: Buffer): Buffer {
  return createHash("sha256").update(bytes).digest();
}

/** The require function a module's code gets, as Node's own loader makes it. */
function requireFor(module: NodeJS.Module, filename: string): NodeJS.Require {
  const own = createRequire(filename);
  const req = ((id: string): unknown => module.require(id)) as NodeJS.Require;
  req.resolve = own.resolve;
  req.cache = own.cache;
  req.main = own.main;
  req.extensions = own.extensions;
  return req;
}

/** Compiles `source` as a CommonJS module body (with `cachedData` when given) and runs it. */
function run(module: NodeJS.Module, filename: string, source: string, cachedData?: Buffer): Script {
  const script = new Script(Module.wrap(source), { filename, cachedData });
  const wrapper = script.runInThisContext() as Wrapper;
  wrapper.call(
    module.exports,
    module.exports,
    requireFor(module, filename),
    module,
    filename,
    dirname(filename),
  );
  return script;
}

/**
 * From now on, a JavaScript file under `folder` is loaded by `load`, given Node's own loader for
 * it to fall back on; every other file loads through Node's own loader.
 */
function hookFolder(
  folder: string,
  load: (module: NodeJS.Module, filename: string, plain: Loader) => void,
): void {
  const prefix = folder.endsWith(sep) ? folder : folder + sep;
  // require.extensions is deprecated as a way to load other languages; it is still how a loader
  // compiles a .js file (Node 20-24), and it is the only hook Node 20 has for this.
  const extensions = createRequire(__filename).extensions;
  const plain = extensions[".js"] as Loader;
  extensions[".js"] = (module: NodeJS.Module, filename: string): void => {
    if (filename.startsWith(prefix)) load(module, filename, plain);
    else plain(module, filename);
  };
}

/**
 * From now on, a JavaScript file under `folder` with a cache beside it whose hash matches its
 * source is compiled with that cache. Returns the counts, updated as files load.
 */
export function installCodeCache(folder: string): CodeCacheCounts {
  const counts: CodeCacheCounts = { used: 0, rejected: 0, plain: 0 };
  hookFolder(folder, (module, filename, plain) => {
    let cache: Buffer;
    try {
      cache = readFileSync(filename + CODE_CACHE_SUFFIX);
    } catch {
      counts.plain++;
      return plain(module, filename);
    }
    const bytes = readFileSync(filename);
    if (cache.length <= HASH_BYTES || !cache.subarray(0, HASH_BYTES).equals(sourceHash(bytes))) {
      counts.plain++;
      return plain(module, filename);
    }
    const script = run(module, filename, bytes.toString("utf8"), cache.subarray(HASH_BYTES));
    if (script.cachedDataRejected === true) counts.rejected++;
    else counts.used++;
  });
  return counts;
}

/**
 * For the build: from now on every JavaScript file under `folder` is compiled here and kept;
 * the returned function writes each one's cache beside it (atomically), as V8 has it at that
 * moment, and returns the files written. Call it after the work whose functions should be cached.
 */
export function recordCodeCache(folder: string): () => string[] {
  const loaded: { filename: string; hash: Buffer; script: Script }[] = [];
  hookFolder(folder, (module, filename) => {
    const bytes = readFileSync(filename);
    const script = run(module, filename, bytes.toString("utf8"));
    loaded.push({ filename, hash: sourceHash(bytes), script });
  });
  return () =>
    loaded.map(({ filename, hash, script }) => {
      const target = filename + CODE_CACHE_SUFFIX;
      writeFileSync(`${target}.tmp`, Buffer.concat([hash, script.createCachedData()]));
      renameSync(`${target}.tmp`, target);
      return target;
    });
}

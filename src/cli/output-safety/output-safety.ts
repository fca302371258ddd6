/**
 * Output safety for every command that writes files (issue 10, items 1-3), in one place:
 *
 * - `checkOutputs`: an output that is the same file as an input (device and inode, after following
 *   links, so symbolic and hard links are caught), that lies inside an input folder, or that is
 *   another output of the same run is refused (RgoError "input": exit 2, naming both).
 * - `writeAtomically`: the content is written to a temp file in the target's folder, flushed to
 *   disk and renamed over the target, so the target is always either the old file or the complete
 *   new one. The temp file is removed on failure and on SIGINT / SIGTERM (on SIGKILL no handler
 *   can run: the temp file may stay, the target is still intact).
 * - Environment failures (EACCES, EPERM, ENOSPC, EISDIR, ENOENT, EROFS, ENOTDIR, EDQUOT) become
 *   RgoError "input" with a plain message saying what to do, not an internal error.
 */
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, openSync, unlinkSync } from "node:fs";
import { mkdir, open, realpath, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { RgoError } from "../../engine/errors";

/** A file or folder the run reads or writes, with how the user named it ("--out", "input"). */
export interface NamedPath {
  label: string;
  path: string;
}

interface Identity {
  /** Absolute path with every symbolic link resolved (the file itself may not exist yet). */
  real: string;
  /** "dev:ino" when the path exists. */
  id: string | null;
  isDirectory: boolean;
}

async function identify(p: string): Promise<Identity> {
  const abs = path.resolve(p);
  try {
    const st = await stat(abs);
    return { real: await realpath(abs), id: `${st.dev}:${st.ino}`, isDirectory: st.isDirectory() };
  } catch {
    // Not there (yet): resolve the nearest existing folder and keep the rest of the path.
    let dir = path.dirname(abs);
    const rest = [path.basename(abs)];
    for (;;) {
      try {
        return { real: path.join(await realpath(dir), ...rest), id: null, isDirectory: false };
      } catch {
        const up = path.dirname(dir);
        if (up === dir) return { real: abs, id: null, isDirectory: false };
        rest.unshift(path.basename(dir));
        dir = up;
      }
    }
  }
}

function inside(child: string, folder: string): boolean {
  const rel = path.relative(folder, child);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

const refuse = (message: string, where: string): RgoError =>
  new RgoError("input", "output-overlaps-input", message, where);

/**
 * The files a run reads (the input, and the --rules file when it is a file rather than a preset
 * name) and the outputs it was asked to write (flag -> path, unset ones left out), for checkOutputs.
 */
export function runPaths(
  input: string,
  rules: string,
  outputs: Record<string, string | undefined>,
): [NamedPath[], NamedPath[]] {
  return [
    [
      { label: "input", path: input },
      ...(existsSync(rules) ? [{ label: "--rules file", path: rules }] : []),
    ],
    Object.entries(outputs).flatMap(([label, p]) => (p === undefined ? [] : [{ label, path: p }])),
  ];
}

/**
 * Refuse outputs that would overwrite an input, land inside an input folder, or collide with
 * another output. `inputs` may hold files and folders (a CSV folder, a --rules file).
 */
export async function checkOutputs(inputs: NamedPath[], outputs: NamedPath[]): Promise<void> {
  const ins = await Promise.all(inputs.map(async (i) => ({ ...i, who: await identify(i.path) })));
  const outs: (NamedPath & { who: Identity })[] = [];
  for (const o of outputs) {
    const who = await identify(o.path);
    for (const i of ins) {
      const same = (who.id !== null && who.id === i.who.id) || who.real === i.who.real;
      if (same)
        throw refuse(
          `${o.label} ${o.path} is the same file as the ${i.label} ${i.path}: inputs are never modified. Choose another ${o.label} path.`,
          o.path,
        );
      if (i.who.isDirectory && inside(who.real, i.who.real))
        throw refuse(
          `${o.label} ${o.path} lies inside the ${i.label} folder ${i.path}: the next run would read it as input (and it may replace an input file). Write it outside that folder.`,
          o.path,
        );
    }
    for (const p of outs) {
      if ((who.id !== null && who.id === p.who.id) || who.real === p.who.real)
        throw refuse(
          `${o.label} ${o.path} and ${p.label} ${p.path} are the same file: give each output its own path.`,
          o.path,
        );
    }
    outs.push({ ...o, who });
  }
}

/** A plain message for an environment failure while writing `target`, or null if it is not one. */
export function describeWriteError(e: unknown, target: string): RgoError | null {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const dir = path.dirname(path.resolve(target));
  const say = (text: string): RgoError =>
    new RgoError("input", "cannot-write", `cannot write ${target}: ${text}`, target);
  switch (code) {
    case "EACCES":
    case "EPERM":
      return say(
        `permission denied. Choose a folder you can write to (or change the permissions of ${dir}).`,
      );
    case "EROFS":
      return say("the file system is read-only. Choose a folder on a writable disk.");
    case "ENOSPC":
    case "EDQUOT":
      return say(
        "the disk is full (or your quota is used up). Free some space or write elsewhere.",
      );
    case "EISDIR":
      return say(
        "it is a folder. Give a file name, e.g. " + path.join(target, "results.xlsx") + ".",
      );
    case "ENOENT":
      return say(`the folder ${dir} does not exist. Create it first or choose another path.`);
    case "ENOTDIR":
    case "EEXIST":
      return say(
        `the folder ${dir} does not exist (part of that path is a file). Choose another path.`,
      );
    default:
      return null;
  }
}

// Temp files being written, removed if the process is interrupted.
const pending = new Set<string>();
let handlersInstalled = false;

function removePendingSync(): void {
  for (const t of pending) {
    try {
      unlinkSync(t);
    } catch {
      // already gone
    }
  }
  pending.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removePendingSync();
  uninstall();
  process.stderr.write("rgo: cancelled; no partial output was left behind\n");
  process.exit(signal === "SIGINT" ? 130 : 143);
}

function install(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

function uninstall(): void {
  if (!handlersInstalled || pending.size > 0) return;
  handlersInstalled = false;
  process.removeListener("SIGINT", onSignal);
  process.removeListener("SIGTERM", onSignal);
}

/** The temp file name used for `target`: hidden, in the same folder, with the same extension. */
export function tempPathFor(target: string): string {
  const abs = path.resolve(target);
  const ext = path.extname(abs);
  const tag = `${process.pid}-${randomBytes(4).toString("hex")}`;
  return path.join(path.dirname(abs), `.${path.basename(abs, ext)}.rgo-tmp-${tag}${ext}`);
}

/**
 * Write `target` atomically: `write` fills the temp path it is given; the file is then flushed
 * and renamed over `target`. On any failure the temp file is removed and the target is untouched.
 */
export async function writeAtomically(
  target: string,
  write: (tempPath: string) => Promise<void>,
): Promise<void> {
  let existing = null;
  try {
    existing = await stat(target);
  } catch {
    // a new file
  }
  if (existing?.isDirectory())
    throw describeWriteError(
      Object.assign(new Error("is a directory"), { code: "EISDIR" }),
      target,
    );
  if (existing !== null && !existing.isFile()) {
    // A device or pipe (/dev/null, /dev/full, a FIFO): write to it; it cannot be replaced.
    try {
      await write(target);
    } catch (e) {
      throw describeWriteError(e, target) ?? e;
    }
    return;
  }
  const temp = tempPathFor(target);
  pending.add(temp);
  install();
  try {
    await write(temp);
    const fh = await open(temp, "r+");
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(temp, path.resolve(target));
    pending.delete(temp);
    syncFolder(path.dirname(path.resolve(target)));
  } catch (e) {
    pending.delete(temp);
    await unlink(temp).catch(() => undefined);
    throw describeWriteError(e, target) ?? e;
  } finally {
    uninstall();
  }
}

/** Flush the folder entry of a rename (best effort: not every platform allows it). */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort
  }
}

/** Create the folder that will hold `target` (like mkdir -p), with plain messages on failure. */
export async function ensureFolderFor(target: string): Promise<void> {
  try {
    await mkdir(path.dirname(path.resolve(target)), { recursive: true });
  } catch (e) {
    throw describeWriteError(e, target) ?? e;
  }
}

/** Write text to `target` atomically. */
export async function writeTextAtomically(target: string, text: string): Promise<void> {
  await writeAtomically(target, async (temp) => {
    const fh = await open(temp, "w");
    try {
      await fh.writeFile(text, "utf8");
    } finally {
      await fh.close();
    }
  });
}

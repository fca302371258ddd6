/**
 * Output safety (issue 10, items 1-3): outputs that would overwrite an input are refused, writes
 * are atomic (a killed run leaves the old target intact), and environment failures are exit 2
 * with a plain message. Every input is checked byte for byte afterwards.
 */
import { spawn } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { describeWriteError } from "../../src/cli/output-safety/output-safety";
import { runCli, SEED_DIR, tempDir } from "./run-cli";

const ROOT = resolve(__dirname, "../..");

/** Snapshot of every file under the given paths, to prove nothing was modified. */
function snapshot(paths: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (p: string): void => {
    if (!existsSync(p)) return;
    try {
      for (const e of readdirSync(p)) walk(join(p, e));
    } catch {
      out.set(p, readFileSync(p).toString("base64"));
    }
  };
  paths.forEach(walk);
  return out;
}

function seedCopy(): string {
  const dir = join(tempDir("seed"), "seed");
  mkdirSync(dir);
  for (const f of readdirSync(SEED_DIR)) copyFileSync(join(SEED_DIR, f), join(dir, f));
  return dir;
}

describe("an output that is an input is refused, naming both", () => {
  let seed: string;
  let book: string;
  let rules: string;
  beforeAll(async () => {
    seed = seedCopy();
    const dir = tempDir("book");
    book = join(dir, "in.xlsx");
    expect(
      (await runCli(["sample", "--customers", "40", "--weeks", "8", "--out", book])).code,
    ).toBe(0);
    rules = join(dir, "rules.json");
    writeFileSync(rules, "{}\n");
  });

  const cases: [string, () => string[], RegExp][] = [
    [
      "--out through a symbolic link to the input workbook",
      () => {
        const link = join(tempDir("sym"), "link.xlsx");
        symlinkSync(book, link);
        return [book, "--out", link];
      },
      /--out .*link\.xlsx is the same file as the input .*in\.xlsx: inputs are never modified/,
    ],
    [
      "--out through a hard link to the input workbook",
      () => {
        const link = join(tempDir("hard"), "hard.xlsx");
        linkSync(book, link);
        return [book, "--out", link];
      },
      /--out .*hard\.xlsx is the same file as the input .*in\.xlsx/,
    ],
    [
      "--out onto a CSV file inside the input folder",
      () => [seed, "--out", join(seed, "retail_customers.csv")],
      /--out .*retail_customers\.csv (is the same file as|lies inside) the input/,
    ],
    [
      "--json onto a CSV file inside the input folder",
      () => [seed, "--json", join(seed, "retail_weekly_sales.csv")],
      /--json .*retail_weekly_sales\.csv .*the input/,
    ],
    [
      "--json onto a new file inside the input folder",
      () => [seed, "--json", join(seed, "summary.json")],
      /--json .*summary\.json lies inside the input folder/,
    ],
    [
      "--json onto the --rules file",
      () => [seed, "--rules", rules, "--json", rules],
      /--json .*rules\.json is the same file as the --rules file/,
    ],
    [
      "--out X --json X",
      () => {
        const x = join(tempDir("same"), "x.out");
        return [seed, "--out", x, "--json", x];
      },
      /--json .*x\.out and --out .*x\.out are the same file/,
    ],
  ];
  test.each(cases)("%s", async (_name, args, message) => {
    const before = snapshot([seed, book, rules]);
    const run = await runCli(["analyze", ...args(), "--quiet"]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
    expect(run.err).not.toMatch(/internal error/);
    expect(snapshot([seed, book, rules])).toEqual(before);
  });
});

describe("environment failures are exit 2 with what to do", () => {
  test.each([
    [
      "a full disk (--json /dev/full)",
      () => "/dev/full",
      /cannot write \/dev\/full: the disk is full/,
    ],
    ["a target that is a folder", () => tempDir("dir"), /it is a folder\. Give a file name/],
    [
      "a target under a file (not a folder)",
      () => {
        const file = join(tempDir("file"), "plain.txt");
        writeFileSync(file, "x");
        return join(file, "out.json");
      },
      /cannot write .*plain\.txt\/out\.json: the folder .*plain\.txt does not exist/,
    ],
  ])("%s", async (_name, target, message) => {
    const before = snapshot([SEED_DIR]);
    const run = await runCli(["analyze", SEED_DIR, "--json", target(), "--quiet"]);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
    expect(run.err).not.toMatch(/internal error|\n\s+at /);
    expect(snapshot([SEED_DIR])).toEqual(before);
  });

  test.each([
    ["EACCES", /permission denied/],
    ["EROFS", /read-only/],
    ["ENOSPC", /disk is full/],
    ["EISDIR", /is a folder/],
    ["ENOENT", /does not exist/],
  ])("%s has a plain message (exit 2)", (code, message) => {
    const e = describeWriteError(Object.assign(new Error(code), { code }), "/x/out.xlsx");
    expect(e?.kind).toBe("input");
    expect(e?.message).toMatch(message);
  });
});

// The CLI in a child process, sources transpiled on require (no build needed).
const CHILD = `
const ts = require(${JSON.stringify(join(ROOT, "node_modules/typescript"))});
const fs = require("fs");
require.extensions[".ts"] = (m, file) => {
  const out = ts.transpileModule(fs.readFileSync(file, "utf8"), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, jsx: ts.JsxEmit.ReactJSX },
  });
  m._compile(out.outputText, file);
};
require(${JSON.stringify(join(ROOT, "src/cli/main.ts"))}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; });
`;

/** Start `rgo sample` writing a large workbook over `target`; resolve when its temp file appears. */
function startLargeWrite(target: string) {
  const child = spawn(
    process.execPath,
    ["-e", CHILD, "sample", "--customers", "6000", "--weeks", "52", "--out", target],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null; stderr: string }>(
    (res) => child.on("exit", (code, signal) => res({ code, signal, stderr })),
  );
  const dir = resolve(target, "..");
  const tempWritten = new Promise<string>((res, rej) => {
    const poll = setInterval(() => {
      const temp = readdirSync(dir).find((f) => f.includes(".rgo-tmp-"));
      if (temp !== undefined && readFileSync(join(dir, temp)).length > 64 * 1024) {
        clearInterval(poll);
        res(temp);
      }
      if (child.exitCode !== null) {
        clearInterval(poll);
        rej(new Error(`the write finished before it could be interrupted: ${stderr}`));
      }
    }, 20);
  });
  return { child, exited, tempWritten, dir };
}

describe("writes are atomic", () => {
  test("SIGKILL mid-write: the old target survives byte for byte", async () => {
    const dir = tempDir("kill");
    const target = join(dir, "results.xlsx");
    writeFileSync(target, "the good results from yesterday\n");
    const before = readFileSync(target);
    const w = startLargeWrite(target);
    const temp = await w.tempWritten;
    w.child.kill("SIGKILL");
    expect((await w.exited).signal).toBe("SIGKILL");
    expect(readFileSync(target)).toEqual(before);
    // No handler runs on SIGKILL: the temp file being written may stay, and nothing else.
    expect(readdirSync(dir).filter((f) => f !== "results.xlsx")).toEqual(
      existsSync(join(dir, temp)) ? [temp] : [],
    );
  });

  test.each(["SIGTERM", "SIGINT"] as const)(
    "%s mid-write: the old target survives and the temp file is removed",
    async (signal) => {
      const dir = tempDir("term");
      const target = join(dir, "results.xlsx");
      writeFileSync(target, "the good results from yesterday\n");
      const before = readFileSync(target);
      const w = startLargeWrite(target);
      await w.tempWritten;
      w.child.kill(signal);
      const end = await w.exited;
      expect(end.code).toBe(signal === "SIGINT" ? 130 : 143);
      expect(end.stderr).toMatch(/cancelled/);
      expect(readFileSync(target)).toEqual(before);
      expect(readdirSync(dir)).toEqual(["results.xlsx"]);
    },
  );
});

describe("environment errors outside the atomic writers", () => {
  const { reportFailure } =
    jest.requireActual<typeof import("../../src/cli/main")>("../../src/cli/main");
  const capture = (): {
    io: { out: (s: string) => void; err: (s: string) => void };
    err: string[];
  } => {
    const err: string[] = [];
    return { io: { out: () => undefined, err: (s: string) => err.push(s) }, err };
  };

  it("a failed write (ENOSPC on write) is exit 2 with a plain message, not an internal error", () => {
    const { io, err } = capture();
    const e = Object.assign(new Error("ENOSPC: no space left on device, write"), {
      code: "ENOSPC",
      syscall: "write",
      path: "/data/out.json",
    });
    expect(reportFailure(e, io)).toBe(2);
    expect(err.join("")).toBe(
      "rgo: cannot write /data/out.json: the disk is full (or your quota is used up). Free some space or write elsewhere.\n",
    );
  });

  it("a failure that is not a write stays an internal error (exit 1)", () => {
    const { io, err } = capture();
    const e = Object.assign(new Error("EACCES"), {
      code: "EACCES",
      syscall: "scandir",
      path: "/x",
    });
    expect(reportFailure(e, io)).toBe(1);
    expect(err.join("")).toMatch(/internal error/);
  });
});

/**
 * What each command loads (issue 14: start-up). A module listed here is replaced by a stand-in
 * that records that it was loaded; each command then runs in a fresh module registry and must
 * give its usual answer without loading what it does not need: `rgo rules list` and `rules show`
 * load no engine run path, no input reader, no results writer and no schema validators; analyze
 * with a built-in pack and --json on CSV loads neither Ajv's compiler, nor the generated
 * validators, nor the results writer (exceljs), nor the .xlsx reader and its zip library (fflate);
 * `rules validate` loads the generated validators but never Ajv.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type * as MainModule from "../../src/cli/main";
import type { CliOutput } from "../../src/cli/output";
import { SEED_DIR, tempDir } from "./run-cli";

const SRC = resolve(__dirname, "../../src");

/** Modules a command may leave unloaded, by what they are. */
const WATCHED: Record<string, string> = {
  "engine run path": "engine/pipeline/run-analysis",
  "input readers": "workbook/read-input",
  "results writer": "workbook/xlsx-result-writer",
  exceljs: "exceljs",
  "Ajv compiler": "rules/ajv-pack-validators",
  "Ajv itself": "ajv",
  "generated validators": "engine/registry/rgo-pack-validators.generated",
  "xlsx reader": "workbook/xlsx/read-xlsx",
  "zip library": "fflate",
};

interface Run {
  code: number;
  out: string;
  err: string;
  loaded: string[];
}

/** Runs `rgo <args>` in a fresh module registry, recording which watched modules load. */
async function runWatched(args: string[], stubbed: readonly string[]): Promise<Run> {
  const loaded: string[] = [];
  let result: { code: number; out: string; err: string } | undefined;
  const ids = Object.entries(WATCHED)
    .filter(([what]) => stubbed.includes(what))
    .map(([what, rel]) => ({ what, id: rel.includes("/") ? join(SRC, rel) : rel }));
  await jest.isolateModulesAsync(async () => {
    for (const { what, id } of ids) {
      jest.doMock(id, () => {
        loaded.push(what);
        return {};
      });
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh registry per run
    const { main } = require("../../src/cli/main") as typeof MainModule;
    let out = "";
    let err = "";
    const io: CliOutput = { out: (t) => void (out += t), err: (t) => void (err += t) };
    const code = await main(args, io);
    result = { code, out, err };
  });
  for (const { id } of ids) jest.dontMock(id);
  if (result === undefined) throw new Error("main did not run");
  return { ...result, loaded };
}

const PACK_NAMES = ["default", "seed-tier2", "seed-v2"];

describe("start-up: each command loads only what it needs", () => {
  afterEach(() => jest.resetModules());

  it("rules list: the three built-in packs with their descriptions, none of the heavy modules", async () => {
    const run = await runWatched(["rules", "list"], Object.keys(WATCHED));
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const lines = run.out.trimEnd().split("\n");
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(PACK_NAMES);
    for (const [i, name] of PACK_NAMES.entries()) {
      const file = JSON.parse(readFileSync(join(SRC, "rules/packs", `${name}.json`), "utf8")) as {
        description: string;
      };
      expect(lines[i]).toBe(`${name.padEnd(12)} ${file.description}`);
    }
    expect(run.loaded).toEqual([]);
  });

  it("rules show seed-tier2: the pack as written, none of the heavy modules", async () => {
    const run = await runWatched(["rules", "show", "seed-tier2"], Object.keys(WATCHED));
    expect(run.code).toBe(0);
    const file = JSON.parse(
      readFileSync(join(SRC, "rules/packs/seed-tier2.json"), "utf8"),
    ) as Record<string, unknown>;
    const shown = JSON.parse(run.out) as Record<string, unknown>;
    expect(shown.name).toBe(file.name);
    expect(shown.parameters).toEqual(file.parameters);
    expect((shown.rules as unknown[]).length).toBe((file.rules as unknown[]).length);
    expect(run.loaded).toEqual([]);
  });

  it("rules validate <file>: the generated validators, never Ajv's compiler", async () => {
    const dir = tempDir("startup");
    const file = join(dir, "pack.json");
    const pack = JSON.parse(readFileSync(join(SRC, "rules/packs/seed-v2.json"), "utf8")) as {
      rules: unknown[];
    };
    writeFileSync(file, JSON.stringify({ ...pack, name: "copy" }));
    const run = await runWatched(["rules", "validate", file], ["Ajv compiler", "Ajv itself"]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toContain(`valid rule pack "copy"`);
    expect(run.out).toContain(`${pack.rules.length} rules`);
    expect(run.loaded).toEqual([]);
  });

  it("analyze <seed> --rules seed-tier2 --json: no schema validators, no results writer, no xlsx reader", async () => {
    const dir = tempDir("startup");
    const json = join(dir, "summary.json");
    const run = await runWatched(
      ["analyze", SEED_DIR, "--rules", "seed-tier2", "--json", json, "--quiet"],
      [
        "Ajv compiler",
        "Ajv itself",
        "generated validators",
        "results writer",
        "exceljs",
        "xlsx reader",
        "zip library",
      ],
    );
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const summary = JSON.parse(readFileSync(json, "utf8")) as Record<string, unknown>;
    expect(JSON.stringify(summary)).toContain("seed-tier2");
    expect(run.loaded).toEqual([]);
  });

  it("the stand-ins bite: analyze with --out needs the results writer", async () => {
    const dir = tempDir("startup");
    const run = await runWatched(
      ["analyze", SEED_DIR, "--rules", "seed-tier2", "--out", join(dir, "r.xlsx"), "--quiet"],
      ["results writer"],
    );
    expect(run.loaded).toEqual(["results writer"]);
    expect(run.code).not.toBe(0);
  });

  it("the stand-ins bite: analyze of an .xlsx needs the xlsx reader", async () => {
    const dir = tempDir("startup");
    const book = join(dir, "in.xlsx");
    writeFileSync(book, "not a zip");
    const run = await runWatched(
      ["analyze", book, "--rules", "seed-tier2", "--json", join(dir, "s.json"), "--quiet"],
      ["xlsx reader"],
    );
    expect(run.loaded).toEqual(["xlsx reader"]);
    expect(run.code).not.toBe(0);
  });
});

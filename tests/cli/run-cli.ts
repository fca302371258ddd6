import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { main } from "../../src/cli/main";

export const SEED_DIR = resolve(__dirname, "../../../shared/data/seed");
export const SHARED_DATA = resolve(__dirname, "../../../shared/data");

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `rgo <args>` in-process and captures stdout / stderr. */
export async function runCli(args: string[]): Promise<CliRun> {
  let out = "";
  let err = "";
  const code = await main(args, {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
  });
  return { code, out, err };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `rgo-${prefix}-`));
}

/** Test helpers: run scripts/check-xlsx.py with Debian's python3 + openpyxl, and LibreOffice headless. */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export const REPO_ROOT = path.resolve(__dirname, "../..");
const CHECK_SCRIPT = path.join(REPO_ROOT, "scripts/check-xlsx.py");

/** A fresh temporary folder. */
export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `rgo-${prefix}-`));
}

/** The python that has openpyxl (Debian's /usr/bin/python3), or a clear failure. */
function python(): string {
  if (existsSync("/usr/bin/python3")) return "/usr/bin/python3";
  throw new Error(
    "python3 with openpyxl is required at /usr/bin/python3 (apt install python3-openpyxl)",
  );
}

export interface CheckedSheet {
  name: string;
  dimensions: string;
  max_row: number;
  max_column: number;
  tables: { name: string; ref: string }[];
  freeze_panes: string | null;
  conditional_formatting: { ref: string; types: string[] }[];
  merged: string[];
  formula_cells: number;
  rows: unknown[][];
  types: string[][];
  formats: string[][];
}
export interface CheckedBook {
  properties: Record<string, string | null>;
  sheets: CheckedSheet[];
}

/** Run scripts/check-xlsx.py on `file`; rejects (with its stderr) on a load error or warning. */
export async function checkXlsx(file: string, rows = 10): Promise<CheckedBook> {
  try {
    const { stdout } = await run(python(), [CHECK_SCRIPT, file, "--rows", String(rows)], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(stdout) as CheckedBook;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`check-xlsx.py failed for ${file}: ${err.stderr ?? ""} ${err.message}`);
  }
}

/** Run a small python snippet (with openpyxl available); returns stdout. */
export async function runPython(code: string, args: string[]): Promise<string> {
  const { stdout } = await run(python(), ["-c", code, ...args], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

function libreOffice(): string {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    for (const name of ["soffice", "libreoffice"]) {
      if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
    }
  }
  throw new Error(
    "LibreOffice (soffice / libreoffice on PATH) is required: apt install libreoffice-calc-nogui",
  );
}

/** Convert `file` with LibreOffice headless into `outDir` (fresh profile in `profileDir`). */
export async function convertWithLibreOffice(
  file: string,
  target: string,
  outDir: string,
  profileDir: string,
): Promise<string> {
  const { stdout, stderr } = await run(
    libreOffice(),
    [
      `-env:UserInstallation=file://${profileDir}`,
      "--headless",
      "--convert-to",
      target,
      "--outdir",
      outDir,
      file,
    ],
    { timeout: 90_000 },
  );
  if (/error/i.test(stderr)) throw new Error(`LibreOffice reported an error: ${stderr}`);
  return stdout;
}

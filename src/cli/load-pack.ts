import { RgoError } from "../engine/errors";
import type { RawTable } from "../engine/input/raw-table";
import { packTextFromRulesTable, RULES_SHEET, RULES_TABLE } from "../engine/report/rules-sheet";
import { validatedBuiltinPack } from "../engine/registry/builtin-pack";
import type * as ValidateModule from "../engine/registry/validate-rgo-pack";
import type * as ReadInputModule from "../workbook/read-input";
import { BUILTIN_PACKS, builtinPackNames } from "../rules/packs/builtin-packs";
import type { PackError } from "../rules/pack-error";
import type { RulePack } from "../rules/rule-pack";
import { FileTooLargeError, readTextLimited } from "./output-safety/read-limited";

/** A rule pack is a few kilobytes; anything past this is not one (or never ends: /dev/zero). */
const MAX_PACK_BYTES = 8 * 1024 * 1024;

export interface LoadedPack {
  pack: RulePack;
  hash: string;
  /** "builtin:<name>" or the file path. */
  origin: string;
}

/** Formats pack errors as "file:line:column: /json/pointer: message", one per line. */
export function formatPackErrors(origin: string, errors: readonly PackError[]): string {
  return errors
    .map((e) => {
      const where = e.line !== null ? `${origin}:${e.line}:${e.column ?? 1}` : origin;
      return `${where}: ${e.pointer || "(document)"}: ${e.message}`;
    })
    .join("\n");
}

function looksLikeFile(ref: string): boolean {
  return ref.endsWith(".json") || ref.includes("/") || ref.includes("\\");
}

/** Reads a pack file's text; a missing or unreadable file is bad input (exit 2). */
async function readPackFile(file: string): Promise<string> {
  try {
    return await readTextLimited(file, MAX_PACK_BYTES);
  } catch (e) {
    const reason =
      e instanceof FileTooLargeError
        ? `${e.message}; a rule pack is a small JSON file (is this the right file?)`
        : (e as NodeJS.ErrnoException).code === "ENOENT"
          ? "no such file"
          : String(e);
    throw new RgoError(
      "rules",
      "pack-unreadable",
      `cannot read rule pack ${file}: ${reason}`,
      file,
    );
  }
}

const isWorkbook = (ref: string): boolean => /\.(xlsx|xlsm)$/i.test(ref);

/** The hash written in the Hash column of an RGO Rules table (the same on every row), or null. */
function writtenHash(table: RawTable): string | null {
  const col = table.header.findIndex((h) => h.trim().toLowerCase() === "hash");
  if (col < 0) return null;
  for (const row of table.rows) {
    const v = row[col];
    if (typeof v === "string" && v.trim() !== "") return v.trim();
  }
  return null;
}

/**
 * The pack text of a results workbook's RGO Rules sheet (its RGO_Rules table, or the sheet read as
 * a table) and the hash written beside it. Throws RgoError("rules", "pack-unreadable") when the
 * workbook has no such sheet or its parts are not complete.
 */
async function readPackFromWorkbook(file: string): Promise<{ text: string; hash: string | null }> {
  // The input readers (exceljs, the .xlsx reader) load only when a workbook is given.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- on demand, see commands.ts
  const { readInput } = require("../workbook/read-input") as typeof ReadInputModule;
  const wb = await readInput(file);
  const names = [RULES_TABLE, RULES_SHEET].map((n) => n.toLowerCase());
  const table = wb.tables.find((t) => names.includes(t.name.toLowerCase()));
  if (table === undefined) {
    throw new RgoError(
      "rules",
      "pack-unreadable",
      `${file} has no "${RULES_SHEET}" sheet: --rules takes a built-in pack name, a pack .json file or a results workbook written by rgo or the add-in.`,
      file,
    );
  }
  const text = packTextFromRulesTable(table);
  if (text === null) {
    throw new RgoError(
      "rules",
      "pack-unreadable",
      `The "${RULES_SHEET}" sheet of ${file} does not hold a whole pack: it needs Part and Pack JSON columns with parts numbered 1, 2, 3… without gaps or repeats.`,
      file,
    );
  }
  return { text, hash: writtenHash(table) };
}

/**
 * Resolves `--rules`: a built-in pack name, a JSON file, or a results workbook (.xlsx) whose
 * RGO Rules sheet holds the pack of the run that wrote it, validated against the registry. A pack
 * read from a workbook must still have the hash written beside it (else it was edited since).
 * Throws RgoError(kind "rules") with every error located.
 */
export async function loadPack(ref: string): Promise<LoadedPack> {
  let input: unknown;
  let origin: string;
  let expectedHash: string | null = null;
  if (isWorkbook(ref)) {
    const read = await readPackFromWorkbook(ref);
    input = read.text;
    expectedHash = read.hash;
    origin = `${ref} (${RULES_SHEET})`;
  } else if (Object.prototype.hasOwnProperty.call(BUILTIN_PACKS, ref)) {
    // Validated when the build generated its hash: a run only hashes it (builtin-pack.ts).
    const validated = validatedBuiltinPack(ref);
    if (validated !== null) return { ...validated, origin: `builtin:${ref}` };
    input = BUILTIN_PACKS[ref];
    origin = `builtin:${ref}`;
  } else if (looksLikeFile(ref)) {
    input = await readPackFile(ref);
    origin = ref;
  } else {
    throw new RgoError(
      "rules",
      "unknown-pack",
      `unknown rule pack "${ref}": built-in packs are ${builtinPackNames().join(", ")}; a file must end in .json (a pack) or .xlsx (a results workbook's RGO Rules sheet)`,
    );
  }
  // The generated schema validators (1.4 MB of code) load only when a pack is checked here.
  const { validateRgoPack } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- on demand, see commands.ts
    require("../engine/registry/validate-rgo-pack") as typeof ValidateModule;
  const checked = validateRgoPack(input);
  if (!checked.ok) {
    throw new RgoError(
      "rules",
      "invalid-pack",
      `rule pack ${origin} is invalid (${checked.errors.length} error${checked.errors.length === 1 ? "" : "s"}):\n${formatPackErrors(origin, checked.errors)}`,
      origin,
    );
  }
  if (expectedHash !== null && expectedHash !== checked.hash) {
    throw new RgoError(
      "rules",
      "pack-hash-mismatch",
      `rule pack ${origin} has hash ${checked.hash}, but the sheet records ${expectedHash}: the pack text was changed after that run. Save it as a .json file and pass that to --rules to run the changed pack.`,
      origin,
    );
  }
  return { pack: checked.pack, hash: checked.hash, origin };
}

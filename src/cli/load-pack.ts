import { RgoError } from "../engine/errors";
import { RGO_REGISTRY } from "../engine/registry/rgo-registry";
import { BUILTIN_PACKS, builtinPackNames } from "../rules/packs/builtin-packs";
import type { PackError } from "../rules/pack-error";
import type { RulePack } from "../rules/rule-pack";
import { validatePack } from "../rules/validate-pack";
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

/**
 * Resolves `--rules`: a built-in pack name or a JSON file, validated against the registry.
 * Throws RgoError(kind "rules") with every error located.
 */
export async function loadPack(ref: string): Promise<LoadedPack> {
  let input: unknown;
  let origin: string;
  if (Object.prototype.hasOwnProperty.call(BUILTIN_PACKS, ref)) {
    input = BUILTIN_PACKS[ref];
    origin = `builtin:${ref}`;
  } else if (looksLikeFile(ref)) {
    input = await readPackFile(ref);
    origin = ref;
  } else {
    throw new RgoError(
      "rules",
      "unknown-pack",
      `unknown rule pack "${ref}": built-in packs are ${builtinPackNames().join(", ")}; a file must end in .json`,
    );
  }
  const checked = validatePack(input, RGO_REGISTRY);
  if (!checked.ok) {
    throw new RgoError(
      "rules",
      "invalid-pack",
      `rule pack ${origin} is invalid (${checked.errors.length} error${checked.errors.length === 1 ? "" : "s"}):\n${formatPackErrors(origin, checked.errors)}`,
      origin,
    );
  }
  return { pack: checked.pack, hash: checked.hash, origin };
}

/**
 * A built-in pack (src/rules/packs) as a run uses it. The build validated each one in full
 * (registry-build-files.ts) and recorded its hash (builtin-pack-hashes.generated.ts); a run only
 * makes the clean copy and hashes it. A pack whose hash is not the recorded one (changed since
 * the files were generated) is not trusted: the caller validates it in full.
 */
import { cleanPack } from "../../rules/clean-pack";
import { packHash } from "../../rules/pack-hash";
import { BUILTIN_PACKS } from "../../rules/packs/builtin-packs";
import type { RulePack } from "../../rules/rule-pack";
import { isPlainObject } from "../../rules/rule-grammar";
import { VALIDATED_BUILTIN_HASHES } from "./builtin-pack-hashes.generated";

/** A pack known to be valid, with its hash (what validatePack returns for it). */
export interface ValidatedPack {
  pack: RulePack;
  hash: string;
}

/**
 * The built-in pack `name` with its hash, when it is exactly the pack the build validated; null
 * for an unknown name or a pack that must be validated in full.
 */
export function validatedBuiltinPack(name: string): ValidatedPack | null {
  if (!Object.prototype.hasOwnProperty.call(BUILTIN_PACKS, name)) return null;
  if (!Object.prototype.hasOwnProperty.call(VALIDATED_BUILTIN_HASHES, name)) return null;
  const value = BUILTIN_PACKS[name];
  if (!isPlainObject(value)) return null;
  let pack: RulePack;
  try {
    pack = cleanPack(value);
  } catch {
    return null;
  }
  const hash = packHash(pack);
  return hash === VALIDATED_BUILTIN_HASHES[name] ? { pack, hash } : null;
}

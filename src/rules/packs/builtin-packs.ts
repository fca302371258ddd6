/** The built-in rule packs, as parsed JSON (validate with validatePack before use). */
import defaultPack from "./default.json";
import seedTier2 from "./seed-tier2.json";
import seedV2 from "./seed-v2.json";

export const BUILTIN_PACKS: Record<string, unknown> = {
  default: defaultPack,
  "seed-tier2": seedTier2,
  "seed-v2": seedV2,
};

/** Names of the built-in packs, default first. */
export function builtinPackNames(): string[] {
  return Object.keys(BUILTIN_PACKS);
}

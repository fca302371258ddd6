/**
 * Validation of a rule pack against the RGO registry with the schema validators generated at build
 * time (rgo-pack-validators.generated.ts, Ajv's standalone code): no schema is compiled and no
 * code is evaluated at run time (CSP-friendly in the pane). The same check and messages as
 * validatePack (src/rules/check-pack.ts). Loading the generated code takes some tens of
 * milliseconds: the CLI imports this module only when a pack needs checking (not for a built-in
 * pack the build validated, builtin-pack.ts).
 */
import { checkPack, type PackValidation } from "../../rules/check-pack";
import { RGO_PACK_VALIDATORS } from "./rgo-pack-validators.generated";
import { RGO_REGISTRY } from "./rgo-registry";

/** Validates a rule pack (JSON text or parsed value) against RGO_REGISTRY. Never throws. */
export function validateRgoPack(input: string | unknown): PackValidation {
  return checkPack(input, RGO_REGISTRY, () => RGO_PACK_VALIDATORS);
}

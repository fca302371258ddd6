/**
 * Validation of a rule pack against any registry, its schemas compiled by Ajv at run time (once
 * per registry object). For tests and tools with their own registries: loading Ajv's compiler and
 * compiling the RGO registry's schemas costs about half a second, so the CLI and the pane check
 * packs with the validators generated at build time instead
 * (src/engine/registry/validate-rgo-pack.ts); both run the one check in check-pack.ts.
 */
import { compilePackValidators } from "./ajv-pack-validators";
import { checkPack, type PackValidation } from "./check-pack";
import type { PackValidators } from "./pack-validators";
import type { PackRegistry } from "./registry";

export type { PackValidation } from "./check-pack";

type Compiled = { validators: PackValidators } | { error: unknown };

const compiledRegistries = new WeakMap<PackRegistry, Compiled>();

/** The registry's validators, compiled on first use (a schema that does not compile throws). */
function runtimeValidators(registry: PackRegistry): PackValidators {
  let compiled = compiledRegistries.get(registry);
  if (compiled === undefined) {
    try {
      compiled = { validators: compilePackValidators(registry) };
    } catch (error) {
      compiled = { error };
    }
    compiledRegistries.set(registry, compiled);
  }
  if ("error" in compiled) throw compiled.error;
  return compiled.validators;
}

/** The validator of the pack's JSON Schema for a registry (for tests and tools). */
export function packSchemaValidator(registry: PackRegistry): (value: unknown) => boolean {
  let pack: PackValidators["pack"];
  try {
    pack = runtimeValidators(registry).pack;
  } catch (e) {
    throw new Error(
      `the registry's schemas do not compile: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return (value) => pack(value) === true;
}

/**
 * Validates a rule pack given as JSON text (errors then carry line and column) or as an
 * already-parsed value, against the registry. Never throws.
 */
export function validatePack(input: string | unknown, registry: PackRegistry): PackValidation {
  return checkPack(input, registry, () => runtimeValidators(registry));
}

/**
 * The two schema validators a rule pack is checked with: the pack's JSON Schema (pack-schema.ts)
 * and the registry's parameters schema. Ajv's shape (a function that sets `errors`), whether the
 * code was generated at build time (ajv/dist/standalone, the RGO registry's
 * `src/engine/registry/rgo-pack-validators.generated.ts`) or compiled at run time for a registry
 * without generated code (ajv-pack-validators.ts: tests and tools).
 */
import type { ErrorObject } from "ajv";

/** A validator: true when the value is valid; otherwise `errors` lists why (ajv's error objects). */
export interface SchemaValidator {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The validators of one registry's schemas. */
export interface PackValidators {
  /** buildPackSchema(registry) (without the embedded parameters schema). */
  pack: SchemaValidator;
  /** registry.parametersSchema. */
  parameters: SchemaValidator;
}

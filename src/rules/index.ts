/** The rules library: generic rule-pack validation, hashing, compilation and explanation. */
export * from "./types";
export type { PackRegistry } from "./registry";
export { factsForScope, allFacts, SCOPES } from "./registry";
export type { RulePack } from "./rule-pack";
export { RULE_PACK_FORMAT } from "./rule-pack";
export type { PackError } from "./pack-error";
export { validatePack, packSchemaValidator, type PackValidation } from "./validate-pack";
export { buildPackSchema } from "./pack-schema";
export { PACK_LIMITS } from "./pack-limits";
export { sha256Hex, canonicalJson, packHash } from "./pack-hash";
export { compileRules, type CompiledRules } from "./compiled-rules";
export { ReferenceEngine } from "./reference-engine";
export { describeTrace, factSpecMap } from "./describe-trace";
export { formatMoney, formatPercent, formatNumber, formatFactValue } from "./format-value";

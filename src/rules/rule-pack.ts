import type { RuleDefinition } from "./types";

/** The `format` marker every rule pack carries. */
export const RULE_PACK_FORMAT = "rgo-rule-pack/1";

/** One rule-pack document: parameters plus rules in json-rules-engine's format. */
export interface RulePack {
  format: "rgo-rule-pack/1";
  name: string;
  version: string;
  description: string;
  /** Validated by the registry's parametersSchema; the engine narrows it to its own type. */
  parameters: Record<string, unknown>;
  rules: RuleDefinition[];
}

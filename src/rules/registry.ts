import type { EventSpec, FactSpec } from "./types";

/**
 * What a rule pack may refer to. The rules library is generic: the engine supplies the
 * allow-listed facts (per scope), the event types and the JSON Schema of the pack's `parameters`.
 */
export interface PackRegistry {
  /** Facts that customer-scope rules (event types with scope "customer") may use. */
  customerFacts: readonly FactSpec[];
  /** Facts that portfolio-scope rules (event types with scope "portfolio") may use. */
  portfolioFacts: readonly FactSpec[];
  /** Facts that deal-scope rules may use (optional: registries without a pipeline module omit it). */
  dealFacts?: readonly FactSpec[];
  /** Facts that rep-scope rules may use (optional, like dealFacts). */
  repFacts?: readonly FactSpec[];
  /** Allow-listed event types; each one's scope says which facts its rules may use. */
  events: readonly EventSpec[];
  /** JSON Schema (draft-07) for the pack's `parameters`. */
  parametersSchema: Record<string, unknown>;
}

/** The facts a rule with an event of this scope may use. */
export function factsForScope(
  registry: PackRegistry,
  scope: EventSpec["scope"],
): readonly FactSpec[] {
  switch (scope) {
    case "customer":
      return registry.customerFacts;
    case "portfolio":
      return registry.portfolioFacts;
    case "deal":
      return registry.dealFacts ?? [];
    case "rep":
      return registry.repFacts ?? [];
    default:
      return [];
  }
}

/** Every scope, in the order the pack schema defines them. */
export const SCOPES: readonly EventSpec["scope"][] = ["customer", "portfolio", "deal", "rep"];

/** All facts of a registry (every scope; first spec of a name wins). */
export function allFacts(registry: PackRegistry): FactSpec[] {
  return SCOPES.flatMap((scope) => [...factsForScope(registry, scope)]);
}

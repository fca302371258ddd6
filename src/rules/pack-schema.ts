/**
 * The JSON Schema (draft-07) of a rule pack, built from a registry: allowed fact names per event
 * scope, operators per fact type, value types (and closed value sets), event types and each
 * event type's params. `parameters` is only required to be an object here: it is validated
 * separately against the registry's own parametersSchema (whose `$ref`s are relative to itself).
 */
import { factsForScope, SCOPES, type PackRegistry } from "./registry";
import { PACK_LIMITS } from "./pack-limits";
import { RULE_PACK_FORMAT } from "./rule-pack";
import { OPERATORS, type EventSpec, type FactSpec } from "./types";

type Schema = Record<string, unknown>;

/** Operators that compare numbers (they need a number fact and a number value). */
export const NUMERIC_OPERATORS: readonly string[] = [
  "lessThan",
  "lessThanInclusive",
  "greaterThan",
  "greaterThanInclusive",
];
/** Operators that take a list value. */
export const LIST_OPERATORS: readonly string[] = ["in", "notIn"];

const NOTHING: Schema = { not: {} };

function enumOrNothing(values: readonly unknown[]): Schema {
  return values.length === 0 ? NOTHING : { enum: [...values] };
}

function anyOfOrNothing(schemas: Schema[]): Schema {
  return schemas.length === 0 ? NOTHING : { anyOf: schemas };
}

/** The operators a fact of this type may use. */
export function operatorsForFactType(type: FactSpec["type"]): readonly string[] {
  return type === "number" ? OPERATORS : OPERATORS.filter((o) => !NUMERIC_OPERATORS.includes(o));
}

function scalarSchema(spec: FactSpec): Schema {
  if (spec.type === "string" && spec.values !== undefined) {
    return { type: "string", enum: [...spec.values] };
  }
  if (spec.type === "number") return { type: "number" };
  return { type: spec.type };
}

function leafSchema(spec: FactSpec, scopeFacts: readonly FactSpec[]): Schema {
  const sameType = scopeFacts.filter((f) => f.type === spec.type).map((f) => f.name);
  const factRef: Schema = {
    type: "object",
    additionalProperties: false,
    required: ["fact"],
    properties: { fact: enumOrNothing(sameType) },
  };
  const scalar = scalarSchema(spec);
  return {
    type: "object",
    additionalProperties: false,
    required: ["fact", "operator", "value"],
    properties: {
      fact: { const: spec.name },
      operator: { enum: [...operatorsForFactType(spec.type)] },
      value: {},
    },
    if: {
      type: "object",
      required: ["operator"],
      properties: { operator: { enum: [...LIST_OPERATORS] } },
    },
    then: {
      type: "object",
      properties: {
        value: { type: "array", minItems: 1, maxItems: PACK_LIMITS.maxListLength, items: scalar },
      },
    },
    else: { type: "object", properties: { value: { anyOf: [scalar, factRef] } } },
  };
}

function conditionDefinitions(
  scope: EventSpec["scope"],
  facts: readonly FactSpec[],
): Record<string, Schema> {
  const defs: Record<string, Schema> = {};
  const max = PACK_LIMITS.maxConditionDepth;
  defs[`${scope}_leaf`] = anyOfOrNothing(facts.map((f) => leafSchema(f, facts)));
  const booleanNodes = (d: number): Schema[] => {
    const child = { $ref: `#/definitions/${scope}_cond_${d + 1}` };
    const list = (key: string): Schema => ({
      type: "object",
      additionalProperties: false,
      required: [key],
      properties: { [key]: { type: "array", minItems: 1, items: child } },
    });
    return [
      list("all"),
      list("any"),
      {
        type: "object",
        additionalProperties: false,
        required: ["not"],
        properties: { not: child },
      },
    ];
  };
  for (let d = 1; d <= max + 1; d++) {
    const leaf = { $ref: `#/definitions/${scope}_leaf` };
    defs[`${scope}_cond_${d}`] = d > max ? leaf : { anyOf: [leaf, ...booleanNodes(d)] };
  }
  defs[`${scope}_top`] = { anyOf: booleanNodes(1) };
  return defs;
}

function eventParamsSchema(event: EventSpec): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const [name, param] of Object.entries(event.params)) {
    properties[name] =
      param.type === "string" && param.values !== undefined
        ? { type: "string", enum: [...param.values] }
        : { type: param.type };
    if (param.required) required.push(name);
  }
  return { type: "object", additionalProperties: false, required, properties };
}

/** Builds the draft-07 JSON Schema of a rule pack for this registry. */
export function buildPackSchema(registry: PackRegistry): Schema {
  // Deal and rep scopes only when the registry has facts for them or events that use them, so
  // a registry without the pipeline module yields the same schema as before.
  const scopes = SCOPES.filter(
    (scope) =>
      scope === "customer" ||
      scope === "portfolio" ||
      factsForScope(registry, scope).length > 0 ||
      registry.events.some((e) => e.scope === scope),
  );
  let definitions: Record<string, Schema> = {};
  for (const scope of scopes) {
    definitions = {
      ...definitions,
      ...conditionDefinitions(scope, factsForScope(registry, scope)),
    };
  }
  const perEvent: Schema[] = registry.events.map((event) => {
    const params = eventParamsSchema(event);
    const hasRequired = (params.required as string[]).length > 0;
    return {
      if: {
        type: "object",
        required: ["event"],
        properties: {
          event: {
            type: "object",
            required: ["type"],
            properties: { type: { const: event.type } },
          },
        },
      },
      then: {
        type: "object",
        properties: {
          conditions: { $ref: `#/definitions/${event.scope}_top` },
          event: {
            type: "object",
            required: hasRequired ? ["type", "params"] : ["type"],
            properties: { type: { const: event.type }, params },
          },
        },
      },
    };
  });
  definitions.rule = {
    type: "object",
    additionalProperties: false,
    required: ["name", "conditions", "event"],
    properties: {
      name: { type: "string", minLength: 1, maxLength: PACK_LIMITS.maxRuleNameLength },
      description: { type: "string" },
      priority: { type: "integer", minimum: 1, maximum: PACK_LIMITS.maxPriority },
      conditions: { type: "object" },
      event: {
        type: "object",
        additionalProperties: false,
        required: ["type"],
        properties: {
          type: enumOrNothing(registry.events.map((e) => e.type)),
          params: { type: "object" },
        },
      },
    },
    ...(perEvent.length > 0 ? { allOf: perEvent } : {}),
  };
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "RGO rule pack",
    type: "object",
    additionalProperties: false,
    required: ["format", "name", "version", "parameters", "rules"],
    properties: {
      format: { const: RULE_PACK_FORMAT },
      name: { type: "string", minLength: 1, maxLength: PACK_LIMITS.maxRuleNameLength },
      version: { type: "string", minLength: 1, maxLength: 100 },
      description: { type: "string" },
      parameters: { type: "object" },
      rules: {
        type: "array",
        maxItems: PACK_LIMITS.maxRules,
        items: { $ref: "#/definitions/rule" },
      },
    },
    definitions,
  };
}

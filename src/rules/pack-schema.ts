/**
 * The JSON Schema (draft-07) of a rule pack, derived from the rule grammar (rule-grammar.ts) and a
 * registry: allowed fact names per event scope, operators per fact type, value types (and closed
 * value sets), event types and each event type's params. For validation `parameters` is only
 * required to be an object: it is validated separately against the registry's own
 * parametersSchema; the editors' copy (`rgo rules schema`) embeds that schema.
 */
import { factsForScope, SCOPES, type PackRegistry } from "./registry";
import {
  BOOLEAN_KEYS,
  BOOLEAN_NODE_GRAMMAR,
  EVENT_NODE,
  FACT_REF_NODE,
  LEAF_NODE,
  MONTH_VALUE_MINIMUM,
  MONTH_VALUE_UNIT,
  LIST_OPERATORS,
  MAX_CONDITION_DEPTH,
  MAX_LIST_LENGTH,
  MAX_RULES,
  PACK_NODE,
  RULE_NODE,
  operatorsForFactType,
  type Field,
  type NodeGrammar,
} from "./rule-grammar";
import type { EventSpec, FactSpec } from "./types";

type Schema = Record<string, unknown>;

const NOTHING: Schema = { not: {} };

function enumOrNothing(values: readonly unknown[]): Schema {
  return values.length === 0 ? NOTHING : { enum: [...values] };
}

function anyOfOrNothing(schemas: Schema[]): Schema {
  return schemas.length === 0 ? NOTHING : { anyOf: schemas };
}

/** The schema of a text, integer, const or plain-object field (null for the tree's own kinds). */
function scalarFieldSchema(field: Field): Schema | null {
  const v = field.value;
  switch (v.kind) {
    case "text":
      return {
        type: "string",
        ...(v.minLength > 0 ? { minLength: v.minLength } : {}),
        ...(v.maxLength !== undefined ? { maxLength: v.maxLength } : {}),
      };
    case "integer":
      return { type: "integer", minimum: v.minimum, maximum: v.maximum };
    case "const":
      return { const: v.value };
    case "object":
    case "top-condition":
    case "event-params":
      return { type: "object" };
    default:
      return null;
  }
}

/**
 * An object node of the grammar: its keys, required keys and no others. `special` gives the
 * schema of the keys whose content depends on the registry or the place in the tree.
 */
function nodeSchema(grammar: NodeGrammar, special: Record<string, Schema> = {}): Schema {
  const properties: Record<string, Schema> = {};
  for (const [key, field] of Object.entries(grammar.fields)) {
    const schema = special[key] ?? scalarFieldSchema(field);
    if (schema === null) throw new Error(`the pack schema has no rule for \`${key}\``);
    properties[key] = schema;
  }
  const required = Object.keys(grammar.fields).filter((k) => grammar.fields[k].required);
  return { type: "object", additionalProperties: false, required, properties };
}

function scalarSchema(spec: FactSpec): Schema {
  if (spec.type === "string" && spec.values !== undefined) {
    return { type: "string", enum: [...spec.values] };
  }
  return { type: spec.type };
}

function leafSchema(spec: FactSpec, scopeFacts: readonly FactSpec[]): Schema {
  const sameType = scopeFacts.filter((f) => f.type === spec.type).map((f) => f.name);
  const factRef = nodeSchema(FACT_REF_NODE, { fact: enumOrNothing(sameType) });
  const scalar = scalarSchema(spec);
  return {
    ...nodeSchema(LEAF_NODE, {
      fact: {
        const: spec.name,
        description:
          spec.descriptionInMonths === undefined
            ? spec.description
            : `${spec.description} Monthly data: ${spec.descriptionInMonths}`,
      },
      operator: { enum: [...operatorsForFactType(spec.type)] },
      value: {},
      valueInMonths:
        spec.unit === MONTH_VALUE_UNIT && spec.type === "number"
          ? {
              type: "number",
              minimum: MONTH_VALUE_MINIMUM,
              description:
                "The threshold a monthly run compares with (monthly data or --period month), instead of `value` converted to months (weeks x 12 / 52, at least 1). Only for facts counted in weeks; weekly runs ignore it.",
            }
          : NOTHING,
    }),
    if: {
      type: "object",
      required: ["operator"],
      properties: { operator: { enum: [...LIST_OPERATORS] } },
    },
    then: {
      type: "object",
      properties: {
        value: { type: "array", minItems: 1, maxItems: MAX_LIST_LENGTH, items: scalar },
        valueInMonths: NOTHING,
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
  const max = MAX_CONDITION_DEPTH;
  defs[`${scope}_leaf`] = anyOfOrNothing(facts.map((f) => leafSchema(f, facts)));
  // The children of a node at the deepest level may only be leaves: they refer to the leaf
  // definition itself (a definition that is only a reference would be compiled a second time).
  const booleanNodes = (d: number): Schema[] => {
    const child = { $ref: `#/definitions/${scope}_${d < max ? `cond_${d + 1}` : "leaf"}` };
    return BOOLEAN_KEYS.map((key) => {
      const grammar = BOOLEAN_NODE_GRAMMAR[key];
      const field = grammar.fields[key].value;
      const list = field.kind === "conditions" && field.arity === "list";
      return nodeSchema(grammar, {
        [key]: list ? { type: "array", minItems: 1, items: child } : child,
      });
    });
  };
  for (let d = 1; d <= max; d++) {
    defs[`${scope}_cond_${d}`] = {
      anyOf: [{ $ref: `#/definitions/${scope}_leaf` }, ...booleanNodes(d)],
    };
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

/** Options of buildPackSchema. */
export interface PackSchemaOptions {
  /**
   * Embed the registry's parametersSchema under `parameters` (for editors). Validation leaves it
   * out: the parameters are checked against their own schema, with their own messages.
   */
  embedParameters?: boolean;
}

/** The registry's parameters schema as a sub-schema (without its own `$schema`). */
function embeddedParameters(registry: PackRegistry): Schema {
  const rest: Schema = { ...registry.parametersSchema };
  delete rest.$schema;
  // A `$ref` is relative to the parameters schema's own root: it would not resolve here.
  return JSON.stringify(rest).includes('"$ref"') ? { type: "object" } : rest;
}

/** Builds the draft-07 JSON Schema of a rule pack for this registry. */
export function buildPackSchema(registry: PackRegistry, options: PackSchemaOptions = {}): Schema {
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
    ...nodeSchema(RULE_NODE, {
      event: nodeSchema(EVENT_NODE, {
        type: enumOrNothing(registry.events.map((e) => e.type)),
      }),
    }),
    ...(perEvent.length > 0 ? { allOf: perEvent } : {}),
  };
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "RGO rule pack",
    ...nodeSchema(PACK_NODE, {
      ...(options.embedParameters === true ? { parameters: embeddedParameters(registry) } : {}),
      rules: {
        type: "array",
        maxItems: MAX_RULES,
        items: { $ref: "#/definitions/rule" },
      },
    }),
    definitions,
  };
}

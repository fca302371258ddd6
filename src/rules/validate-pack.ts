/**
 * Validation of an untrusted rule pack (text or parsed value) against a registry: JSON syntax,
 * raw safety checks, the registry-built JSON Schema (ajv, draft-07), the registry's parameters
 * schema and the semantic rule checks. Never throws; on success returns a clean copy (known keys
 * only, fresh plain objects) and its hash.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { checkRawValue, forbiddenKeyText } from "./check-raw-value";
import { checkRules } from "./check-rules";
import { ruleProblemText } from "./rule-problem-text";
import { escapePointerToken, scanJson, type TextPosition } from "./json-locator";
import type { PackError } from "./pack-error";
import { packHash, utf8Bytes } from "./pack-hash";
import { FORBIDDEN_KEYS, PACK_LIMITS } from "./pack-limits";
import { buildPackSchema } from "./pack-schema";
import type { PackRegistry } from "./registry";
import { isPlainObject } from "./rule-grammar";
import type { RulePack } from "./rule-pack";
import type { Condition, Operator, RuleDefinition, Scalar } from "./types";

/** The outcome of validatePack. */
export type PackValidation =
  { ok: true; pack: RulePack; hash: string } | { ok: false; errors: PackError[] };

interface Problem {
  pointer: string;
  code: string;
  message: string;
}

interface CompiledRegistry {
  pack: ValidateFunction | null;
  parameters: ValidateFunction | null;
  error: string | null;
}

const hasOwn = Object.prototype.hasOwnProperty;
const compiledRegistries = new WeakMap<PackRegistry, CompiledRegistry>();

function newAjv(): Ajv {
  // inlineRefs: false keeps the per-depth condition definitions from being compiled many times over.
  return new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, inlineRefs: false });
}

/** The ajv validators of a registry (compiled once per registry object). */
function compileRegistry(registry: PackRegistry): CompiledRegistry {
  const cached = compiledRegistries.get(registry);
  if (cached !== undefined) return cached;
  const compiled: CompiledRegistry = { pack: null, parameters: null, error: null };
  try {
    compiled.pack = newAjv().compile(buildPackSchema(registry));
    compiled.parameters = newAjv().compile(registry.parametersSchema);
  } catch (e) {
    compiled.error = e instanceof Error ? e.message : String(e);
  }
  compiledRegistries.set(registry, compiled);
  return compiled;
}

/** The validator of the pack's JSON Schema for a registry (for tests and tools). */
export function packSchemaValidator(registry: PackRegistry): (value: unknown) => boolean {
  const compiled = compileRegistry(registry);
  const pack = compiled.pack;
  if (pack === null)
    throw new Error(`the registry's schemas do not compile: ${compiled.error ?? ""}`);
  return (value) => pack(value) === true;
}

/** "parameter `windows.recent`", "`rules.3.name`", "the pack". */
function where(pointer: string): string {
  if (pointer === "") return "the pack";
  const tokens = pointer
    .slice(1)
    .split("/")
    .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (tokens[0] === "parameters") {
    return tokens.length === 1 ? "`parameters`" : `parameter \`${tokens.slice(1).join(".")}\``;
  }
  return `\`${tokens.join(".")}\``;
}

function quoteList(values: unknown): string {
  return Array.isArray(values) ? values.map((v) => JSON.stringify(v)).join(", ") : String(values);
}

/** Turns one ajv error into a plain sentence at the right pointer. */
function translateAjvError(e: ErrorObject, prefix: string): Problem {
  const base = prefix + e.instancePath;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return {
        pointer: base,
        code: "missing-property",
        message: `${where(base)} is missing the required property \`${String(params.missingProperty)}\``,
      };
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      return {
        pointer: base + "/" + escapePointerToken(key),
        code: "unknown-key",
        message: `${where(base)} has an unknown property \`${key}\``,
      };
    }
    case "type":
      return {
        pointer: base,
        code: "schema-type",
        message: `${where(base)} must be ${String(params.type)}`,
      };
    case "enum":
      return {
        pointer: base,
        code: "schema-enum",
        message: `${where(base)} must be one of ${quoteList(params.allowedValues)}`,
      };
    case "const":
      return {
        pointer: base,
        code: "schema-const",
        message: `${where(base)} must be ${JSON.stringify(params.allowedValue)}`,
      };
    default:
      return {
        pointer: base,
        code: `schema-${e.keyword}`,
        message: `${where(base)} ${e.message ?? "is invalid"}`,
      };
  }
}

function cleanCondition(node: Record<string, unknown>): Condition {
  if (hasOwn.call(node, "all"))
    return { all: (node.all as Record<string, unknown>[]).map(cleanCondition) };
  if (hasOwn.call(node, "any"))
    return { any: (node.any as Record<string, unknown>[]).map(cleanCondition) };
  if (hasOwn.call(node, "not")) return { not: cleanCondition(node.not as Record<string, unknown>) };
  const value = node.value;
  let copy: Scalar | Scalar[] | { fact: string };
  if (Array.isArray(value)) copy = (value as Scalar[]).slice();
  else if (isPlainObject(value)) copy = { fact: value.fact as string };
  else copy = value as Scalar;
  const leaf: Condition = {
    fact: node.fact as string,
    operator: node.operator as Operator,
    value: copy,
  };
  return typeof node.valueInMonths === "number"
    ? { ...leaf, valueInMonths: node.valueInMonths }
    : leaf;
}

function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = cloneJson(value[key]);
    return out;
  }
  return value;
}

function cleanRule(rule: Record<string, unknown>): RuleDefinition {
  const event = rule.event as Record<string, unknown>;
  const params: Record<string, Scalar> = {};
  if (isPlainObject(event.params)) {
    for (const key of Object.keys(event.params)) params[key] = event.params[key] as Scalar;
  }
  const out: RuleDefinition = {
    name: rule.name as string,
    conditions: cleanCondition(
      rule.conditions as Record<string, unknown>,
    ) as RuleDefinition["conditions"],
    event: { type: event.type as string, params },
  };
  if (typeof rule.description === "string") out.description = rule.description;
  if (typeof rule.priority === "number") out.priority = rule.priority;
  return out;
}

/** A deep copy of a validated pack with only the known keys. */
function cleanPack(value: Record<string, unknown>): RulePack {
  return {
    format: "rgo-rule-pack/1",
    name: value.name as string,
    version: value.version as string,
    description: typeof value.description === "string" ? value.description : "",
    parameters: cloneJson(value.parameters) as Record<string, unknown>,
    rules: (value.rules as Record<string, unknown>[]).map(cleanRule),
  };
}

function finish(problems: Problem[], locate: ((p: string) => TextPosition) | null): PackValidation {
  const seen = new Set<string>();
  const errors: PackError[] = [];
  for (const p of problems) {
    const key = p.pointer + "\u0000" + p.code + "\u0000" + p.message;
    if (seen.has(key)) continue;
    seen.add(key);
    if (errors.length >= PACK_LIMITS.maxErrors) {
      errors.push({
        pointer: "",
        line: null,
        column: null,
        code: "too-many-errors",
        message: `more than ${PACK_LIMITS.maxErrors} problems; only the first ${PACK_LIMITS.maxErrors} are listed`,
      });
      break;
    }
    const pos = locate !== null ? locate(p.pointer) : null;
    errors.push({
      pointer: p.pointer,
      line: pos !== null ? pos.line : null,
      column: pos !== null ? pos.column : null,
      code: p.code,
      message: p.message,
    });
  }
  return { ok: false, errors };
}

function validateUnsafe(input: unknown, registry: PackRegistry): PackValidation {
  const problems: Problem[] = [];
  let locate: ((p: string) => TextPosition) | null = null;
  let value: unknown;

  if (typeof input === "string") {
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    if (
      text.length > PACK_LIMITS.maxTextBytes ||
      utf8Bytes(text).length > PACK_LIMITS.maxTextBytes
    ) {
      return {
        ok: false,
        errors: [
          {
            pointer: "",
            line: 1,
            column: 1,
            code: "too-large",
            message: `the rule pack text is larger than 1 MB (${PACK_LIMITS.maxTextBytes} bytes); a rule pack must be smaller`,
          },
        ],
      };
    }
    const scan = scanJson(text, FORBIDDEN_KEYS);
    if (!scan.ok) {
      return {
        ok: false,
        errors: [
          {
            pointer: "",
            line: scan.line,
            column: scan.column,
            code: "json-syntax",
            message: `the rule pack is not valid JSON: ${scan.message} (line ${scan.line}, column ${scan.column})`,
          },
        ],
      };
    }
    locate = scan.locate;
    for (const hit of scan.forbiddenKeys) {
      problems.push({
        pointer: hit.pointer,
        code: "forbidden-key",
        message: forbiddenKeyText(hit.key),
      });
    }
    if (problems.length > 0) return finish(problems, locate);
    for (const hit of scan.duplicateKeys) {
      problems.push({
        pointer: hit.pointer,
        code: "duplicate-key",
        message: `the key \`${hit.key}\` appears more than once in the same object; write it once`,
      });
    }
    value = JSON.parse(text) as unknown;
  } else {
    value = input;
  }

  const raw = checkRawValue(value);
  problems.push(...raw);
  if (raw.some((p) => p.fatal)) return finish(problems, locate);
  if (!isPlainObject(value)) {
    problems.push({
      pointer: "",
      code: "not-an-object",
      message: "a rule pack must be a JSON object",
    });
    return finish(problems, locate);
  }

  const compiled = compileRegistry(registry);
  if (compiled.pack === null || compiled.parameters === null) {
    problems.push({
      pointer: "",
      code: "registry-invalid",
      message: `the rule registry's schemas do not compile (a program error, not a pack error): ${compiled.error ?? ""}`,
    });
    return finish(problems, locate);
  }

  const ruleProblems = hasOwn.call(value, "rules")
    ? checkRules(value.rules, registry).map((p) => ({
        pointer: p.pointer,
        code: p.code,
        message: ruleProblemText(p),
      }))
    : [];
  compiled.pack(value);
  const ajvErrors = compiled.pack.errors ?? [];
  const under = (pointer: string, base: string): boolean =>
    pointer === base || pointer.startsWith(base + "/");
  // Inside `rules` the semantic checks give better messages; the schema is the backstop. Values
  // already reported by the raw checks (non-finite numbers, long strings) are not reported twice.
  const rulesCovered = ruleProblems.length > 0 || raw.some((p) => under(p.pointer, "/rules"));
  const covered = (pointer: string): boolean =>
    (rulesCovered && under(pointer, "/rules")) || raw.some((p) => under(pointer, p.pointer));
  const addAjv = (errs: readonly ErrorObject[], prefix: string): void => {
    for (const e of errs) {
      if (e.keyword === "if" || covered(prefix + e.instancePath)) continue;
      problems.push(translateAjvError(e, prefix));
    }
  };
  addAjv(ajvErrors, "");
  if (isPlainObject(value.parameters)) {
    compiled.parameters(value.parameters);
    addAjv(compiled.parameters.errors ?? [], "/parameters");
  }
  problems.push(...ruleProblems);
  if (problems.length > 0) return finish(problems, locate);

  const pack = cleanPack(value);
  return { ok: true, pack, hash: packHash(pack) };
}

/**
 * Validates a rule pack given as JSON text (errors then carry line and column) or as an
 * already-parsed value, against the registry. Never throws.
 */
export function validatePack(input: string | unknown, registry: PackRegistry): PackValidation {
  try {
    return validateUnsafe(input, registry);
  } catch (e) {
    return {
      ok: false,
      errors: [
        {
          pointer: "",
          line: null,
          column: null,
          code: "internal-error",
          message: `the rule pack could not be checked: ${e instanceof Error ? e.message : String(e)}`,
        },
      ],
    };
  }
}

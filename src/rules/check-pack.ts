/**
 * The check of an untrusted rule pack (text or parsed value) against a registry: JSON syntax,
 * raw safety checks, the registry-built JSON Schema (ajv, draft-07), the registry's parameters
 * schema and the semantic rule checks. Never throws; on success returns a clean copy (known keys
 * only, fresh plain objects) and its hash. Loads no schema compiler: the validators are given
 * (validate-pack.ts compiles them for any registry; the RGO registry's are generated at build
 * time, src/engine/registry/validate-rgo-pack.ts).
 */
import type { ErrorObject } from "ajv";
import { checkRawValue, forbiddenKeyText } from "./check-raw-value";
import { cleanPack } from "./clean-pack";
import { checkRules } from "./check-rules";
import { ruleProblemText } from "./rule-problem-text";
import { escapePointerToken, scanJson, type TextPosition } from "./json-locator";
import type { PackError } from "./pack-error";
import { packHash, utf8Bytes } from "./pack-hash";
import { FORBIDDEN_KEYS, PACK_LIMITS } from "./pack-limits";
import type { PackValidators } from "./pack-validators";
import type { PackRegistry } from "./registry";
import { isPlainObject } from "./rule-grammar";
import type { RulePack } from "./rule-pack";

/** The outcome of validatePack. */
export type PackValidation =
  { ok: true; pack: RulePack; hash: string } | { ok: false; errors: PackError[] };

interface Problem {
  pointer: string;
  code: string;
  message: string;
}

const hasOwn = Object.prototype.hasOwnProperty;

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

function checkUnsafe(
  input: unknown,
  registry: PackRegistry,
  validators: () => PackValidators,
): PackValidation {
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

  let compiled: PackValidators;
  try {
    compiled = validators();
  } catch (e) {
    problems.push({
      pointer: "",
      code: "registry-invalid",
      message: `the rule registry's schemas do not compile (a program error, not a pack error): ${e instanceof Error ? e.message : String(e)}`,
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
 * Checks a rule pack given as JSON text (errors then carry line and column) or as an
 * already-parsed value, against the registry, with that registry's schema validators (generated
 * at build time, or compiled by validate-pack.ts; called only once the raw checks pass; a throw is
 * reported as the registry's schemas not compiling). Never throws.
 */
export function checkPack(
  input: string | unknown,
  registry: PackRegistry,
  validators: () => PackValidators,
): PackValidation {
  try {
    return checkUnsafe(input, registry, validators);
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

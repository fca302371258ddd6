/**
 * The Rules step's thresholds form: the main numbers of a rule pack (windows, top N, severity
 * bands, scoring weights, and every numeric threshold in the rules' conditions) as labelled fields,
 * and the edit that writes one of them back into the pack's JSON text in place, leaving every other
 * character of the text as it was.
 */
import { factLabel, labelOf } from "../../engine/registry/labels";
import {
  FACT_SPECS_BY_NAME,
  PIPELINE_FACT_SPECS_BY_NAME,
} from "../../engine/registry/rgo-registry";
import { scanJson } from "../../rules/json-locator";
import type { FactSpec } from "../../rules/types";

export interface ThresholdField {
  /** JSON pointer of the number in the pack. */
  pointer: string;
  /**
   * Accessible label in words with the direction and unit, e.g. "Current window (weeks)" or
   * "Change vs baseline at most (%)" (the label registry's words).
   */
  label: string;
  /** Heading of the field's group: "Windows", "Ranking", "Severity", "Weights" or "Rule: …". */
  group: string;
  value: number;
  integer: boolean;
  /** Smallest allowed value (inclusive), when bounded. */
  min?: number;
  /** Unit shown after the field ("weeks", "%", "USD", …), or null. */
  unit: string | null;
}

type ParameterField = Omit<ThresholdField, "value">;

/** The pack's parameters the form shows; integer and min as the parameters schema says. */
const PARAMETER_FIELDS: readonly ParameterField[] = [
  {
    pointer: "/parameters/windows/currentWeeks",
    label: "Current window (weeks)",
    group: "Windows",
    integer: true,
    min: 1,
    unit: "weeks",
  },
  {
    pointer: "/parameters/windows/baselineWeeks",
    label: "Baseline window (weeks)",
    group: "Windows",
    integer: true,
    min: 1,
    unit: "weeks",
  },
  {
    pointer: "/parameters/windows/structuralWeeks",
    label: "Volatility window (weeks)",
    group: "Windows",
    integer: true,
    min: 1,
    unit: "weeks",
  },
  {
    pointer: "/parameters/ranking/topN",
    label: "Top N (rows in the top list)",
    group: "Ranking",
    integer: true,
    min: 1,
    unit: "rows",
  },
  {
    pointer: "/parameters/severity/high",
    label: "High severity: change at most (%)",
    group: "Severity",
    integer: false,
    unit: "%",
  },
  {
    pointer: "/parameters/severity/medium",
    label: "Medium severity: change at most (%)",
    group: "Severity",
    integer: false,
    unit: "%",
  },
];

/** How an operator reads before a threshold ("Trend percent at most -15 %"). */
const DIRECTION: Readonly<Record<string, string>> = {
  lessThan: "below",
  lessThanInclusive: "at most",
  greaterThan: "above",
  greaterThanInclusive: "at least",
  equal: "equal to",
  notEqual: "not equal to",
};

/** Fact units counted in whole numbers (a threshold of 0.25 weeks is an error). */
const WHOLE_UNITS = new Set(["weeks", "months", "days", "count"]);

/** A rule's name in words: a gap type as the sheets name it, else the name in words. */
function ruleWords(name: string): string {
  return labelOf("gapType", name.replace(/-/g, "_")).toLowerCase();
}

/** The unit a fact's threshold is in, as the form shows it; money in the run's currency. */
function unitText(unit: FactSpec["unit"], currency: string): string | null {
  switch (unit) {
    case undefined:
      return null;
    case "dollars":
      return currency;
    case "percent":
      return "%";
    default:
      return unit;
  }
}

const factSpec = (name: string): FactSpec | undefined =>
  FACT_SPECS_BY_NAME.get(name) ?? PIPELINE_FACT_SPECS_BY_NAME.get(name);

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

const esc = (t: string): string => t.replace(/~/g, "~0").replace(/\//g, "~1");

/** The value at a JSON pointer, or undefined. */
export function valueAt(doc: unknown, pointer: string): unknown {
  if (pointer === "") return doc;
  let cur: unknown = doc;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(cur)) cur = cur[Number(key)];
    else if (isObject(cur) && Object.prototype.hasOwnProperty.call(cur, key)) cur = cur[key];
    else return undefined;
  }
  return cur;
}

interface ConditionNumber {
  pointer: string;
  fact: string;
  operator: string;
  value: number;
}

/** Every numeric leaf threshold of a condition tree, with its pointer and fact. */
function conditionNumbers(node: unknown, pointer: string, out: ConditionNumber[]): void {
  if (!isObject(node)) return;
  for (const k of ["all", "any"] as const) {
    const list = node[k];
    if (Array.isArray(list))
      list.forEach((c, i) => conditionNumbers(c, `${pointer}/${k}/${i}`, out));
  }
  if (node.not !== undefined) conditionNumbers(node.not, `${pointer}/not`, out);
  if (
    typeof node.fact === "string" &&
    typeof node.value === "number" &&
    Number.isFinite(node.value)
  )
    out.push({
      pointer: `${pointer}/value`,
      fact: node.fact,
      operator: typeof node.operator === "string" ? node.operator : "",
      value: node.value,
    });
}

/**
 * The form's fields for a parsed pack (only numbers present in it): the parameters, the weights,
 * then each rule's thresholds in a group of their own. `currency` is the run's (money units).
 */
export function thresholdFields(pack: unknown, currency = "USD"): ThresholdField[] {
  const fields: ThresholdField[] = [];
  for (const f of PARAMETER_FIELDS) {
    const v = valueAt(pack, f.pointer);
    if (typeof v === "number" && Number.isFinite(v)) fields.push({ ...f, value: v });
  }
  const weights = valueAt(pack, "/parameters/scoring/weights");
  if (isObject(weights)) {
    for (const [k, v] of Object.entries(weights)) {
      if (typeof v === "number" && Number.isFinite(v))
        fields.push({
          pointer: `/parameters/scoring/weights/${esc(k)}`,
          label: `Weight of ${labelOf("fact", k).toLowerCase()} (0 or more)`,
          group: "Weights",
          value: v,
          integer: false,
          min: 0,
          unit: null,
        });
    }
  }
  const rules = valueAt(pack, "/rules");
  if (Array.isArray(rules)) {
    rules.forEach((rule, i) => {
      if (!isObject(rule) || typeof rule.name !== "string") return;
      const found: ConditionNumber[] = [];
      conditionNumbers(rule.conditions, `/rules/${i}/conditions`, found);
      const seen = new Map<string, number>();
      const group = `Rule: ${ruleWords(rule.name)}`;
      for (const n of found) {
        const spec = factSpec(n.fact);
        const unit = unitText(spec?.unit, currency);
        const direction = DIRECTION[n.operator] ?? n.operator;
        const base = `${factLabel(n.fact)} ${direction}${unit === null ? "" : ` (${unit})`}`;
        const count = (seen.get(base) ?? 0) + 1;
        seen.set(base, count);
        const whole = spec?.unit !== undefined && WHOLE_UNITS.has(spec.unit);
        fields.push({
          pointer: n.pointer,
          label: `${group}: ${count === 1 ? base : `${base}, condition ${count}`}`,
          group,
          value: n.value,
          integer: whole,
          ...(whole ? { min: 0 } : {}),
          unit,
        });
      }
    });
  }
  return fields;
}

/** The field's own label without its group ("Trend percent at most (%)"). */
export function shortLabel(field: Pick<ThresholdField, "label" | "group">): string {
  const prefix = `${field.group}: `;
  return field.label.startsWith(prefix) ? field.label.slice(prefix.length) : field.label;
}

/**
 * What is wrong with `text` typed into `field`, in words, or null when it is allowed: a number,
 * whole where the unit counts (weeks, days, rows), not below the smallest allowed value.
 */
export function fieldProblem(
  field: Pick<ThresholdField, "integer" | "min" | "unit">,
  text: string,
): string | null {
  const t = text.trim();
  const v = Number(t);
  if (t === "" || !Number.isFinite(v)) return "Enter a number.";
  if (field.integer && !Number.isInteger(v))
    return `Enter a whole number${field.unit !== null ? ` of ${field.unit}` : ""}.`;
  if (field.min !== undefined && v < field.min)
    return `Enter ${field.min} or more${field.unit !== null && field.unit !== "%" ? ` ${field.unit}` : ""}.`;
  return null;
}

/** Each field of the pack whose value the form refuses, with the reason (empty when none). */
export function thresholdProblems(
  fields: readonly ThresholdField[],
): { field: ThresholdField; message: string }[] {
  const out: { field: ThresholdField; message: string }[] = [];
  for (const field of fields) {
    const message = fieldProblem(field, String(field.value));
    if (message !== null) out.push({ field, message });
  }
  return out;
}

/** Whether `value` is allowed in `field` (finite, integer where needed, not below min). */
export function acceptsValue(
  field: Pick<ThresholdField, "integer" | "min">,
  value: number,
): boolean {
  if (!Number.isFinite(value)) return false;
  if (field.integer && !Number.isInteger(value)) return false;
  return field.min === undefined || value >= field.min;
}

/** JSON text of a number (no exponent for ordinary magnitudes). */
function numberText(value: number): string {
  return JSON.stringify(Object.is(value, -0) ? 0 : value);
}

/** 0-based offset of a 1-based line/column in `text`. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(text.length, offset + column - 1);
}

const MEMBER_NUMBER =
  /"(?:[^"\\]|\\.)*"\s*:\s*(-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)/y;

/**
 * Writes `value` at `pointer` (an object member holding a number) into the pack's JSON text,
 * changing only that number's characters. Throws when the text is not JSON or holds no number there.
 */
export function setThreshold(text: string, pointer: string, value: number): string {
  if (!Number.isFinite(value)) throw new Error("a threshold must be a finite number");
  const scan = scanJson(text);
  if (!scan.ok)
    throw new Error(`the rule pack is not valid JSON (line ${scan.line}, column ${scan.column})`);
  const parsed = JSON.parse(text) as unknown;
  if (typeof valueAt(parsed, pointer) !== "number") throw new Error(`no number at ${pointer}`);
  const pos = scan.locate(pointer);
  MEMBER_NUMBER.lastIndex = offsetOf(text, pos.line, pos.column);
  const m = MEMBER_NUMBER.exec(text);
  if (m === null) throw new Error(`no number at ${pointer}`);
  const end = MEMBER_NUMBER.lastIndex;
  const start = end - m[1].length;
  return text.slice(0, start) + numberText(value) + text.slice(end);
}

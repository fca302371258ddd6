/**
 * The Rules step's thresholds form: the main numbers of a rule pack (windows, top N, severity
 * bands, scoring weights, and every numeric threshold in the rules' conditions) as labelled fields,
 * and the edit that writes one of them back into the pack's JSON text in place, leaving every other
 * character of the text as it was.
 */
import { scanJson } from "../../rules/json-locator";

export interface ThresholdField {
  /** JSON pointer of the number in the pack. */
  pointer: string;
  /** Accessible label, e.g. "Current window (weeks)" or "declining-revenue: trendPct". */
  label: string;
  group: "Windows" | "Ranking" | "Severity" | "Weights" | "Rules";
  value: number;
  integer: boolean;
  /** Smallest allowed value (inclusive), when bounded. */
  min?: number;
}

const PARAMETER_FIELDS: readonly Omit<ThresholdField, "value">[] = [
  {
    pointer: "/parameters/windows/currentWeeks",
    label: "Current window (weeks)",
    group: "Windows",
    integer: true,
    min: 1,
  },
  {
    pointer: "/parameters/windows/baselineWeeks",
    label: "Baseline window (weeks)",
    group: "Windows",
    integer: true,
    min: 1,
  },
  {
    pointer: "/parameters/windows/structuralWeeks",
    label: "Volatility window (weeks)",
    group: "Windows",
    integer: true,
    min: 1,
  },
  { pointer: "/parameters/ranking/topN", label: "Top N", group: "Ranking", integer: true, min: 1 },
  {
    pointer: "/parameters/severity/high",
    label: "High severity at or below (%)",
    group: "Severity",
    integer: false,
  },
  {
    pointer: "/parameters/severity/medium",
    label: "Medium severity at or below (%)",
    group: "Severity",
    integer: false,
  },
];

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

/** Every numeric leaf threshold of a condition tree, with its pointer and fact. */
function conditionNumbers(
  node: unknown,
  pointer: string,
  out: { pointer: string; fact: string; value: number }[],
): void {
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
    out.push({ pointer: `${pointer}/value`, fact: node.fact, value: node.value });
}

/** The form's fields for a parsed pack (only numbers present in it). */
export function thresholdFields(pack: unknown): ThresholdField[] {
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
          label: `Weight: ${k}`,
          group: "Weights",
          value: v,
          integer: false,
          min: 0,
        });
    }
  }
  const rules = valueAt(pack, "/rules");
  if (Array.isArray(rules)) {
    const seen = new Map<string, number>();
    rules.forEach((rule, i) => {
      if (!isObject(rule) || typeof rule.name !== "string") return;
      const found: { pointer: string; fact: string; value: number }[] = [];
      conditionNumbers(rule.conditions, `/rules/${i}/conditions`, found);
      for (const n of found) {
        const base = `${rule.name}: ${n.fact}`;
        const count = (seen.get(base) ?? 0) + 1;
        seen.set(base, count);
        fields.push({
          pointer: n.pointer,
          label: count === 1 ? base : `${base} (${count})`,
          group: "Rules",
          value: n.value,
          integer: false,
        });
      }
    });
  }
  return fields;
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

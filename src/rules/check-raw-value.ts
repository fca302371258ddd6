/**
 * First pass over an untrusted pack value, before any schema work: only JSON data (no undefined,
 * functions, class instances, sparse arrays), no prototype-altering keys, bounded depth and size,
 * no over-long strings, no non-finite numbers. Iterative (no recursion on untrusted depth).
 */
import { escapePointerToken } from "./json-locator";
import { FORBIDDEN_KEYS, PACK_LIMITS } from "./pack-limits";

/** One raw problem; `fatal` problems stop validation (the value is not safe to inspect further). */
export interface RawProblem {
  pointer: string;
  code: string;
  message: string;
  fatal: boolean;
}

function describeType(v: unknown): string {
  if (v === undefined) return "undefined";
  if (typeof v === "function") return "a function";
  if (typeof v === "bigint") return "a bigint";
  if (typeof v === "symbol") return "a symbol";
  return "an object that is not plain JSON data";
}

/**
 * A plain object: prototype null or an Object.prototype (of any realm: values parsed or cloned in
 * another realm, e.g. a test VM or an iframe, have a different but equivalent Object.prototype).
 */
function isPlainData(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null) return true;
  return (
    Object.getPrototypeOf(proto) === null &&
    Object.prototype.toString.call(value) === "[object Object]"
  );
}

/** The wording of a prototype-altering key (found by the raw checks or the text scan). */
export function forbiddenKeyText(key: string): string {
  return `the key \`${key}\` is not allowed anywhere in a rule pack (it could alter object prototypes)`;
}

/** Checks a parsed value; returns the problems found (at most PACK_LIMITS.maxErrors). */
export function checkRawValue(root: unknown): RawProblem[] {
  const problems: RawProblem[] = [];
  const stack: { value: unknown; pointer: string; depth: number }[] = [
    { value: root, pointer: "", depth: 0 },
  ];
  let nodes = 0;
  while (stack.length > 0 && problems.length <= PACK_LIMITS.maxErrors) {
    const { value, pointer, depth } = stack.pop() as {
      value: unknown;
      pointer: string;
      depth: number;
    };
    nodes++;
    if (nodes > PACK_LIMITS.maxNodes) {
      problems.push({
        pointer: "",
        code: "too-large",
        message: `the pack has more than ${PACK_LIMITS.maxNodes} values; it is too large to be a rule pack`,
        fatal: true,
      });
      break;
    }
    if (value === null || typeof value === "boolean") continue;
    if (typeof value === "number") {
      if (!Number.isFinite(value)) {
        problems.push({
          pointer,
          code: "non-finite-number",
          message: `the number at ${pointer || "the top level"} is not finite (${String(value)}); use a finite number`,
          fatal: false,
        });
      }
      continue;
    }
    if (typeof value === "string") {
      if (value.length > PACK_LIMITS.maxStringLength) {
        problems.push({
          pointer,
          code: "string-too-long",
          message: `the text at ${pointer || "the top level"} is ${value.length} characters long; the limit is ${PACK_LIMITS.maxStringLength}`,
          fatal: false,
        });
      }
      continue;
    }
    if (typeof value !== "object") {
      problems.push({
        pointer,
        code: "invalid-value",
        message: `the value at ${pointer || "the top level"} is ${describeType(value)}, which JSON cannot hold`,
        fatal: true,
      });
      continue;
    }
    const isArray = Array.isArray(value);
    if (!isArray && !isPlainData(value)) {
      problems.push({
        pointer,
        code: "invalid-value",
        message: `the value at ${pointer || "the top level"} is ${describeType(value)}`,
        fatal: true,
      });
      continue;
    }
    if (depth >= PACK_LIMITS.maxValueDepth) {
      problems.push({
        pointer,
        code: "too-deep",
        message: `the pack is nested more than ${PACK_LIMITS.maxValueDepth} levels deep at ${pointer}`,
        fatal: true,
      });
      continue;
    }
    if (isArray) {
      const arr = value as unknown[];
      for (let i = arr.length - 1; i >= 0; i--) {
        const childPointer = pointer + "/" + i;
        if (!(i in arr)) {
          problems.push({
            pointer: childPointer,
            code: "invalid-value",
            message: `the list at ${pointer || "the top level"} has a hole at position ${i}`,
            fatal: true,
          });
          continue;
        }
        stack.push({ value: arr[i], pointer: childPointer, depth: depth + 1 });
      }
      continue;
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k];
      const childPointer = pointer + "/" + escapePointerToken(key);
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({
          pointer: childPointer,
          code: "forbidden-key",
          message: forbiddenKeyText(key),
          fatal: true,
        });
        continue;
      }
      if (key.length > PACK_LIMITS.maxStringLength) {
        problems.push({
          pointer: pointer || "",
          code: "string-too-long",
          message: `a key at ${pointer || "the top level"} is ${key.length} characters long; the limit is ${PACK_LIMITS.maxStringLength}`,
          fatal: false,
        });
      }
      stack.push({ value: record[key], pointer: childPointer, depth: depth + 1 });
    }
    if (Object.getOwnPropertySymbols(record).length > 0) {
      problems.push({
        pointer,
        code: "invalid-value",
        message: `the object at ${pointer || "the top level"} has symbol keys, which JSON cannot hold`,
        fatal: true,
      });
    }
  }
  return problems;
}

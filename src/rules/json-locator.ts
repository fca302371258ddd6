/**
 * A small JSON scanner over the original text: finds syntax errors with their line and column,
 * maps JSON pointers to positions, and notes duplicate and forbidden keys (JSON.parse silently
 * keeps the last duplicate and creates an own `__proto__` property). Iterative, so deeply nested
 * text cannot overflow the stack. No dependency.
 */

/** A 1-based line and column (column in UTF-16 code units). */
export interface TextPosition {
  line: number;
  column: number;
}

/** A key seen in the text, by the pointer of the member it names. */
export interface KeyHit {
  pointer: string;
  key: string;
}

export type JsonScan =
  | {
      ok: true;
      /** Position of the value (array element) or member key (object member) at this pointer, or of its nearest existing ancestor. */
      locate(pointer: string): TextPosition;
      duplicateKeys: KeyHit[];
      forbiddenKeys: KeyHit[];
    }
  | { ok: false; message: string; line: number; column: number };

/** Escapes one reference token for an RFC 6901 JSON pointer. */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** The pointer of a pointer's parent ("" for top-level members; "" for "" itself). */
export function parentPointer(pointer: string): string {
  const cut = pointer.lastIndexOf("/");
  return cut <= 0 ? "" : pointer.slice(0, cut);
}

class ScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

interface Frame {
  isObject: boolean;
  pointer: string;
  index: number;
  keys: Set<string> | null;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** Converts offsets to 1-based line/column. */
function lineIndex(text: string): (offset: number) => TextPosition {
  let starts: number[] | null = null;
  return (offset) => {
    if (starts === null) {
      starts = [0];
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}

function describeChar(text: string, i: number): string {
  if (i >= text.length) return "the end of the text";
  const c = text[i];
  return c === "'" ? `"'"` : `'${c}'`;
}

/**
 * Scans JSON text. `forbidden` keys (e.g. "__proto__") are reported wherever they occur.
 * Position lookups use the last occurrence of duplicate keys, as JSON.parse keeps the last value.
 */
export function scanJson(text: string, forbidden: ReadonlySet<string> = new Set()): JsonScan {
  const toPosition = lineIndex(text);
  const offsets = new Map<string, number>();
  const duplicateKeys: KeyHit[] = [];
  const forbiddenKeys: KeyHit[] = [];
  const n = text.length;
  let i = 0;

  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };

  const readString = (): void => {
    const start = i;
    let j = i + 1;
    for (;;) {
      if (j >= n) throw new ScanError("a string is not closed (missing '\"')", start);
      const c = text.charCodeAt(j);
      if (c === 34) break;
      if (c === 92) {
        const e = text[j + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) {
            throw new ScanError("invalid \\u escape in a string (needs 4 hex digits)", j);
          }
          j += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
          j += 2;
        } else {
          throw new ScanError("invalid escape in a string", j);
        }
        continue;
      }
      if (c < 0x20)
        throw new ScanError(
          "a string contains a raw control character (use an escape such as \\n)",
          j,
        );
      j++;
    }
    i = j + 1;
  };

  const readMember = (top: Frame): string => {
    if (text.charCodeAt(i) !== 34) {
      throw new ScanError(
        `expected a property name in double quotes but found ${describeChar(text, i)}`,
        i,
      );
    }
    const keyStart = i;
    readString();
    const key = JSON.parse(text.slice(keyStart, i)) as string;
    ws();
    if (text.charCodeAt(i) !== 58) {
      throw new ScanError(
        `expected ':' after the property name but found ${describeChar(text, i)}`,
        i,
      );
    }
    i++;
    ws();
    const pointer = top.pointer + "/" + escapePointerToken(key);
    offsets.set(pointer, keyStart);
    if (top.keys !== null) {
      if (top.keys.has(key)) duplicateKeys.push({ pointer, key });
      else top.keys.add(key);
    }
    if (forbidden.has(key)) forbiddenKeys.push({ pointer, key });
    return pointer;
  };

  try {
    ws();
    if (i >= n) throw new ScanError("the text is empty; expected a JSON value", i);
    offsets.set("", i);
    const stack: Frame[] = [];
    let pointer = "";
    for (;;) {
      // Parse one value at i.
      if (i >= n) throw new ScanError("unexpected end of the text; expected a value", i);
      const c = text[i];
      let opened = false;
      if (c === "{") {
        i++;
        ws();
        if (text[i] === "}") i++;
        else {
          const frame: Frame = { isObject: true, pointer, index: 0, keys: new Set() };
          stack.push(frame);
          pointer = readMember(frame);
          opened = true;
        }
      } else if (c === "[") {
        i++;
        ws();
        if (text[i] === "]") i++;
        else {
          stack.push({ isObject: false, pointer, index: 0, keys: null });
          pointer = pointer + "/0";
          offsets.set(pointer, i);
          opened = true;
        }
      } else if (c === '"') {
        readString();
      } else if (c === "-" || (c >= "0" && c <= "9")) {
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(text);
        if (m === null) throw new ScanError("invalid number", i);
        i += m[0].length;
      } else if (text.startsWith("true", i)) i += 4;
      else if (text.startsWith("false", i)) i += 5;
      else if (text.startsWith("null", i)) i += 4;
      else throw new ScanError(`unexpected ${describeChar(text, i)}; expected a value`, i);
      if (opened) continue;

      // The value is complete: close containers or move to the next member / element.
      let next = false;
      while (!next) {
        ws();
        const top = stack[stack.length - 1];
        if (top === undefined) {
          if (i < n)
            throw new ScanError(`unexpected ${describeChar(text, i)} after the JSON value`, i);
          return {
            ok: true,
            locate(p: string): TextPosition {
              let cur = p;
              for (;;) {
                const off = offsets.get(cur);
                if (off !== undefined) return toPosition(off);
                if (cur === "") return toPosition(0);
                cur = parentPointer(cur);
              }
            },
            duplicateKeys,
            forbiddenKeys,
          };
        }
        const d = text[i];
        if (d === ",") {
          i++;
          ws();
          if (top.isObject) pointer = readMember(top);
          else {
            top.index++;
            pointer = top.pointer + "/" + top.index;
            offsets.set(pointer, i);
          }
          next = true;
        } else if ((top.isObject && d === "}") || (!top.isObject && d === "]")) {
          i++;
          stack.pop();
        } else {
          throw new ScanError(
            top.isObject
              ? `expected ',' or '}' after a property value but found ${describeChar(text, i)}`
              : `expected ',' or ']' after an array element but found ${describeChar(text, i)}`,
            i,
          );
        }
      }
    }
  } catch (e) {
    if (e instanceof ScanError) {
      const pos = toPosition(e.offset);
      return { ok: false, message: e.message, line: pos.line, column: pos.column };
    }
    throw e;
  }
}

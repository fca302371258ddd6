import fc from "fast-check";
import { escapePointerToken, scanJson } from "../../src/rules/json-locator";

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Every pointer of a JSON value with the text expected at its position. */
function pointers(value: unknown, pointer = "", out: [string, string][] = []): [string, string][] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([`${pointer}/${i}`, JSON.stringify(v).slice(0, 1)]);
      pointers(v, `${pointer}/${i}`, out);
    });
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push([`${pointer}/${escapePointerToken(k)}`, JSON.stringify(k)]);
      pointers(v, `${pointer}/${escapePointerToken(k)}`, out);
    }
  }
  return out;
}

function offsetOf(text: string, line: number, column: number): number {
  const lines = text.split("\n");
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += lines[i].length + 1;
  return offset + column - 1;
}

describe("scanJson", () => {
  it("accepts exactly what JSON.parse accepts", () => {
    const nearJson = fc
      .json()
      .chain((j) =>
        fc
          .tuple(
            fc.nat({ max: j.length }),
            fc.constantFrom("", ",", "}", "]", '"', ":", "\\", "\n", "x", "1", "-"),
          )
          .map(([at, insert]) => j.slice(0, at) + insert + j.slice(at)),
      );
    fc.assert(
      fc.property(fc.oneof(fc.json(), nearJson, fc.string()), (text) => {
        expect(scanJson(text).ok).toBe(parses(text));
      }),
      { numRuns: 1000 },
    );
  });

  it("locates every member key and element of pretty-printed JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 3 }), (value, indent) => {
        // Duplicate keys cannot come from a value, so every pointer has one position.
        const text = JSON.stringify(value, null, indent);
        const scan = scanJson(text);
        if (!scan.ok) throw new Error(scan.message);
        for (const [pointer, expected] of pointers(value)) {
          const { line, column } = scan.locate(pointer);
          expect(text.slice(offsetOf(text, line, column)).startsWith(expected)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("reports duplicate and forbidden keys with pointers", () => {
    const scan = scanJson(
      '{"a": {"x": 1, "x": 2}, "b": [{"__proto__": 1}]}',
      new Set(["__proto__"]),
    );
    if (!scan.ok) throw new Error("should scan");
    expect(scan.duplicateKeys).toEqual([{ pointer: "/a/x", key: "x" }]);
    expect(scan.forbiddenKeys).toEqual([{ pointer: "/b/0/__proto__", key: "__proto__" }]);
    expect(scan.locate("/a/x")).toEqual({ line: 1, column: 16 });
    expect(scan.locate("/b/0/missing")).toEqual({ line: 1, column: 31 });
  });

  it("survives very deep nesting without recursion", () => {
    expect(scanJson("[".repeat(100000) + "]".repeat(100000)).ok).toBe(true);
    expect(scanJson("[".repeat(100000)).ok).toBe(false);
  });
});
